package dev.seatflow.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link EmbeddedKafka} as a process of its own, for benchmarks and manual runs.
 *
 * <p>Prints exactly one line to stdout, {@code bootstrap.servers=<host:port>}, once the broker is ready; everything
 * else (including any logging configured to go to stdout) goes to stderr. Runs until stdin reaches end-of-file or
 * the process gets SIGTERM/SIGINT, then shuts the broker down, deletes its data and exits 0. Exits 1 if the broker
 * does not start.
 *
 * <pre>
 * java -cp ... dev.seatflow.kafka.EmbeddedKafkaMain [--nodes=N] [--ignore-stdin] [broker.property=value ...]
 * </pre>
 *
 * {@code --ignore-stdin} runs until a signal only, for when stdin is not a pipe the caller holds open (for example
 * {@code < /dev/null} or a background job).
 */
public final class EmbeddedKafkaMain {

    private EmbeddedKafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        // Keep stdout for the one line; send anything else that would print there to stderr.
        PrintStream stdout = System.out;
        System.setOut(System.err);

        int nodes = 1;
        boolean ignoreStdin = false;
        Map<String, String> brokerProperties = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--nodes=")) {
                nodes = Integer.parseInt(arg.substring("--nodes=".length()));
            } else if (arg.equals("--ignore-stdin")) {
                ignoreStdin = true;
            } else if (!arg.startsWith("-") && arg.indexOf('=') > 0) {
                brokerProperties.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                System.err.println("usage: EmbeddedKafkaMain [--nodes=N] [--ignore-stdin] [broker.property=value ...]");
                System.exit(2);
                return;
            }
        }

        EmbeddedKafka kafka;
        try {
            kafka = EmbeddedKafka.start(nodes, brokerProperties);
        } catch (RuntimeException e) {
            e.printStackTrace(System.err);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kafka.close();
            } catch (RuntimeException e) {
                e.printStackTrace(System.err);
            } finally {
                stopped.countDown();
            }
        }, "embedded-kafka-shutdown"));

        System.err.printf("embedded kafka ready in %d ms%n", kafka.startupTime().toMillis());
        stdout.println("bootstrap.servers=" + kafka.bootstrapServers());
        stdout.flush();

        if (ignoreStdin) {
            stopped.await(); // until a signal runs the shutdown hook
        } else {
            drain(System.in);
            System.exit(0); // runs the shutdown hook
        }
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) != -1) {
                // ignore input; only its end matters
            }
        } catch (IOException e) {
            // a broken stdin counts as closed
        }
    }
}
