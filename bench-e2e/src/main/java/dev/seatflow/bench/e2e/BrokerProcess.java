package dev.seatflow.bench.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A single-node KRaft broker ({@code dev.seatflow.kafka.EmbeddedKafkaMain}) in a JVM of its own,
 * started from this JVM's class path: the broker then has its own heap and GC, and the bench
 * measures the reconciler against a broker on the same box, not inside the same process.
 *
 * <p>The child runs until its stdin closes; so it also goes when this JVM dies, however it dies.
 */
final class BrokerProcess implements AutoCloseable {
    private final Process process;
    private final String bootstrapServers;

    private BrokerProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    static BrokerProcess start(Path log, String heap) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xms" + heap, "-Xmx" + heap,
                "-cp", System.getProperty("java.class.path"), "dev.seatflow.kafka.EmbeddedKafkaMain"));
        try {
            Process p = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine(); // the one line EmbeddedKafkaMain prints once the broker is ready
            if (line == null || !line.startsWith("bootstrap.servers=")) {
                p.destroyForcibly();
                throw new IllegalStateException("the broker did not start (see " + log + "): " + line);
            }
            return new BrokerProcess(p, line.substring("bootstrap.servers=".length()).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker process", e);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    long pid() {
        return process.pid();
    }

    /** Closing stdin asks the broker to shut down and delete its data. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
