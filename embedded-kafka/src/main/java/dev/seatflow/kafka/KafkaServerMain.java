package dev.seatflow.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node KRaft server (broker and controller in one, as {@code kafka-server-start.sh} runs it) on fixed
 * loopback ports and a data directory that outlives it: started again on the same directory and ports, it comes
 * back with its topics, offsets and transactions, as a restarted broker does. For tests that pause
 * ({@code SIGSTOP}), kill and restart the broker under a client; {@link BrokerProcess} starts it.
 *
 * <pre>
 * java -cp ... dev.seatflow.kafka.KafkaServerMain --data-dir=DIR --port=N --controller-port=M [--ignore-stdin]
 *     [broker.property=value ...]
 * </pre>
 *
 * Formats the directory on first use. Prints exactly one line to stdout, {@code bootstrap.servers=<host:port>},
 * once the broker answers; logs go to stderr. Runs until stdin reaches end-of-file (its parent is gone) or
 * SIGTERM/SIGINT, then shuts the server down, keeps the data, and exits 0; with {@code --ignore-stdin} (a broker
 * started by hand in the background) only a signal stops it.
 */
public final class KafkaServerMain {
    private static final String HOST = "127.0.0.1";

    private KafkaServerMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> overrides = new LinkedHashMap<>();
        boolean ignoreStdin = false;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.equals("--ignore-stdin")) {
                ignoreStdin = true;
            } else if (eq < 0) {
                usage();
            } else if (arg.startsWith("--")) {
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else {
                overrides.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        if (!options.keySet().equals(java.util.Set.of("data-dir", "port", "controller-port"))) {
            usage();
        }
        Path dir = Path.of(options.get("data-dir"));
        Properties props = properties(dir, Integer.parseInt(options.get("port")),
                Integer.parseInt(options.get("controller-port")), overrides);
        if (!Files.exists(dir.resolve("meta.properties"))) {
            format(dir);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
            stopped.countDown();
        }, "kafka-server-shutdown"));
        server.startup();
        String bootstrap = HOST + ":" + options.get("port");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        }
        stdout.println("bootstrap.servers=" + bootstrap);
        stdout.flush();
        if (ignoreStdin) {
            stopped.await(); // until a signal runs the shutdown hook
        } else {
            drain(System.in);
            System.exit(0); // runs the shutdown hook
        }
    }

    static Properties properties(Path dir, int port, int controllerPort, Map<String, String> overrides) {
        Properties p = new Properties();
        p.putAll(EmbeddedKafka.DEFAULT_BROKER_PROPERTIES);
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.toString());
        p.putAll(overrides);
        return p;
    }

    private static void format(Path dir) throws Exception {
        Files.createDirectories(dir);
        new Formatter()
                .setPrintStream(System.err)
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(1)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(dir.toString())
                .setDirectories(List.of(dir.toString()))
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setUnstableFeatureVersionsEnabled(false)
                .run();
    }

    private static void usage() {
        System.err.println("usage: KafkaServerMain --data-dir=DIR --port=N --controller-port=M [--ignore-stdin] "
                + "[broker.property=value ...]");
        System.exit(2);
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
