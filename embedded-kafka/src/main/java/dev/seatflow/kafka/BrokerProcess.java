package dev.seatflow.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka server ({@link KafkaServerMain}) in a JVM of its own, started from this JVM's class path, that
 * can be paused ({@code SIGSTOP}), resumed, killed ({@code SIGKILL}) and started again on the same ports and data:
 * what a broker stall, a crash and a restart look like to its clients. Also a broker with a heap and GC of its own
 * for benchmarks.
 *
 * <p>The child runs until its stdin closes, so it also goes when this JVM dies, however it dies.
 */
public final class BrokerProcess implements AutoCloseable {
    private final Path dataDirectory;
    private final Path log;
    private final String heap;
    private final Map<String, String> brokerProperties;
    private final int port;
    private final int controllerPort;
    private Process process;
    private boolean paused;

    private BrokerProcess(Path dataDirectory, Path log, String heap, Map<String, String> brokerProperties, int port,
            int controllerPort) {
        this.dataDirectory = dataDirectory;
        this.log = log;
        this.heap = heap;
        this.brokerProperties = brokerProperties;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Starts a broker on two free loopback ports, keeping its data in {@code dataDirectory} and everything it logs
     * in {@code log}; returns once it answers.
     */
    public static BrokerProcess start(Path dataDirectory, Path log, String heap, Map<String, String> brokerProperties) {
        BrokerProcess b = new BrokerProcess(dataDirectory, log, heap, brokerProperties, freePort(), freePort());
        b.launch();
        return b;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** {@code SIGSTOP}: the broker stops answering, its connections stay open, as in a long GC pause or a VM stall. */
    public synchronized void pause() {
        signal("STOP");
        paused = true;
    }

    /** {@code SIGCONT}: the broker goes on from where it stopped. */
    public synchronized void resume() {
        signal("CONT");
        paused = false;
    }

    /** {@code SIGKILL}: gone at once, without a clean shutdown, its data left as it was. */
    public synchronized void kill() {
        process.destroyForcibly();
        waitFor(process, 30);
        paused = false;
    }

    /** Starts the broker again after {@link #kill()}, on the same ports and data. */
    public synchronized void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("the broker still runs: kill it first");
        }
        launch();
    }

    /** Shuts the broker down cleanly (resuming it first if it is paused); its data stays. */
    @Override
    public synchronized void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (paused) {
            resume();
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            process.destroyForcibly();
        }
        if (!waitFor(process, 60)) {
            process.destroyForcibly();
            waitFor(process, 30);
        }
    }

    private void launch() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xms" + heap, "-Xmx" + heap, "-cp", classpath,
                KafkaServerMain.class.getName(), "--data-dir=" + dataDirectory, "--port=" + port,
                "--controller-port=" + controllerPort));
        brokerProperties.forEach((k, v) -> command.add(k + "=" + v));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine(); // the one line KafkaServerMain prints once the broker answers
            if (line == null || !line.startsWith("bootstrap.servers=")) {
                p.destroyForcibly();
                throw new IllegalStateException("the broker did not start (see " + log + "): " + line);
            }
            process = p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker process", e);
        }
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            if (!waitFor(kill, 10) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send SIG" + name + " to the broker", e);
        }
    }

    private static boolean waitFor(Process p, int seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
