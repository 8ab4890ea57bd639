package dev.seatflow.testkit.logging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Keeps a test run quiet: what a test class logs (its own lines, and those of the Kafka clients it makes) goes to
 * {@code target/test-logs/<TestClass>.log}, and only a failing test shows it, by printing the end of that file.
 *
 * <p>A thread belongs to the test class that was running when it was made (an {@link InheritableThreadLocal}), so
 * the clients' network threads log into their test's file. The shared broker's threads belong to
 * {@value #BROKER}. Registered for every test class through the service loader (JUnit's extension
 * auto-detection, switched on in the build); {@code logback-test.xml} routes by {@link TestClassDiscriminator}.
 */
public final class TestLogs implements BeforeAllCallback, BeforeEachCallback, TestWatcher {
    public static final String BROKER = "kafka-broker";
    static final String DIRECTORY = "target/test-logs";
    private static final InheritableThreadLocal<String> OWNER = new InheritableThreadLocal<>();
    private static final int TAIL = 80;

    /** The test class (simple name) the current thread works for, or null outside any test. */
    public static String owner() {
        return OWNER.get();
    }

    /** Runs {@code work} on a thread of its own that, with every thread it makes, logs as {@code owner}. */
    public static void runAs(String owner, Runnable work) {
        Thread t = new Thread(() -> {
            OWNER.set(owner);
            work.run();
        }, "test-logs-" + owner);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        OWNER.set(name(context));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        OWNER.set(name(context)); // concurrent tests run on pool threads that were made for another class
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Path file = Path.of(DIRECTORY, name(context) + ".log");
        StringBuilder out = new StringBuilder();
        out.append(System.lineSeparator()).append("---- ").append(context.getDisplayName()).append(" failed; the last ")
                .append(TAIL).append(" lines of ").append(file.toAbsolutePath()).append(":").append(System.lineSeparator());
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            lines.subList(Math.max(0, lines.size() - TAIL), lines.size())
                    .forEach(l -> out.append(l).append(System.lineSeparator()));
        } catch (IOException e) {
            out.append("(cannot read it: ").append(e.getMessage()).append(")").append(System.lineSeparator());
        }
        out.append("----").append(System.lineSeparator());
        System.err.print(out);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        // a skipped test says why itself
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        // nothing ran
    }

    private static String name(ExtensionContext context) {
        Class<?> c = context.getRequiredTestClass();
        while (c.getEnclosingClass() != null) {
            c = c.getEnclosingClass();
        }
        return c.getSimpleName();
    }
}
