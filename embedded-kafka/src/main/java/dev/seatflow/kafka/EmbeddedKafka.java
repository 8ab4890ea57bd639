package dev.seatflow.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import kafka.server.BrokerServer;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster inside this JVM: KRaft nodes that are broker and controller at once ("combined mode"),
 * PLAINTEXT listeners on the loopback address, data in a fresh temporary directory. Built on Kafka's own
 * {@code KafkaClusterTestKit}; a single node starts in about three seconds.
 *
 * <p>The cluster is formatted with the latest <em>production</em> metadata version and feature levels, and
 * unstable APIs are off, so clients see what a released broker of the same version would offer.
 *
 * <p>Defaults ({@link #DEFAULT_BROKER_PROPERTIES}; each can be overridden): internal topics with replication
 * factor 1 and min ISR 1 (else a single node cannot host the transaction log and {@code initTransactions()}
 * times out), no automatic topic creation, no initial rebalance delay.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     Map<String, Object> config = Map.of("bootstrap.servers", kafka.bootstrapServers());
 *     ...
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** Broker properties applied unless the caller overrides them. */
    public static final Map<String, String> DEFAULT_BROKER_PROPERTIES = defaults();

    private final KafkaClusterTestKit cluster;
    private final Path dataDirectory;
    private final int nodes;
    private final String bootstrapServers;
    /** Of the {@link SecuredListener}, if there is one. */
    private final String securedBootstrapServers;
    private final Duration startupTime;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaClusterTestKit cluster, Path dataDirectory, int nodes, String bootstrapServers,
            String securedBootstrapServers, Duration startupTime) {
        this.cluster = cluster;
        this.dataDirectory = dataDirectory;
        this.nodes = nodes;
        this.bootstrapServers = bootstrapServers;
        this.securedBootstrapServers = securedBootstrapServers;
        this.startupTime = startupTime;
    }

    /** Starts a single-node cluster with the default broker properties. */
    public static EmbeddedKafka start() {
        return start(1, Map.of());
    }

    /** Starts a single-node cluster; {@code brokerProperties} are added to, and win over, the defaults. */
    public static EmbeddedKafka start(Map<String, ?> brokerProperties) {
        return start(1, brokerProperties);
    }

    /**
     * Starts a cluster of {@code nodes} combined broker+controller nodes; {@code brokerProperties} are added to,
     * and win over, the defaults. The defaults keep replication factor 1 for internal topics whatever the number
     * of nodes; pass {@code offsets.topic.replication.factor} etc. to change that.
     *
     * @throws IllegalStateException if the cluster does not start (everything started so far is shut down)
     */
    public static EmbeddedKafka start(int nodes, Map<String, ?> brokerProperties) {
        return start(nodes, brokerProperties, null);
    }

    /**
     * Starts a single-node cluster with a second client listener that demands credentials (SASL SCRAM and/or TLS),
     * beside the PLAINTEXT one: {@link #securedBootstrapServers()} is its address. The SCRAM users exist, and can
     * log in, when this returns. {@code brokerProperties} as for {@link #start(Map)}, e.g. an authorizer.
     *
     * @throws IllegalStateException if the cluster does not start (everything started so far is shut down)
     */
    public static EmbeddedKafka startSecured(SecuredListener listener, Map<String, ?> brokerProperties) {
        return start(1, brokerProperties, Objects.requireNonNull(listener, "listener"));
    }

    private static EmbeddedKafka start(int nodes, Map<String, ?> brokerProperties, SecuredListener secured) {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be at least 1, was " + nodes);
        }
        Objects.requireNonNull(brokerProperties, "brokerProperties");
        long began = System.nanoTime();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        String host = loopback instanceof Inet6Address ? "[" + loopback.getHostAddress() + "]" : loopback.getHostAddress();

        Path directory;
        try {
            directory = Files.createTempDirectory("seatflow-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a data directory for the embedded Kafka", e);
        }
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes testKitNodes = new TestKitNodes.Builder(productionBootstrapMetadata())
                    .setCombined(true)
                    .setNumBrokerNodes(nodes)
                    .setNumControllerNodes(nodes)
                    .setBaseDirectory(directory)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(testKitNodes);
            if (!LoopbackSocketFactoryManager.install(builder, loopback)) {
                log.warn("Could not bind the embedded Kafka to {} only; it listens on all interfaces", host);
            }
            Map<String, Object> properties = new LinkedHashMap<>(DEFAULT_BROKER_PROPERTIES);
            properties.put("listeners", testKitNodes.brokerListenerName().value() + "://" + host + ":0,"
                    + testKitNodes.controllerListenerName().value() + "://" + host + ":0");
            if (secured != null) {
                properties.put("listeners", properties.get("listeners") + "," + SecuredListener.NAME + "://" + host + ":0");
                properties.put("listener.security.protocol.map",
                        testKitNodes.brokerListenerName().value() + ":" + testKitNodes.brokerListenerProtocol().name + ","
                        + testKitNodes.controllerListenerName().value() + ":"
                        + testKitNodes.controllerListenerProtocol().name + ","
                        + SecuredListener.NAME + ":" + secured.protocol().name);
                properties.putAll(secured.brokerProperties());
            }
            properties.putAll(brokerProperties);
            properties.forEach(builder::setConfigProp);

            cluster = builder.build();
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();

            ListenerName listener = ListenerName.normalised(testKitNodes.brokerListenerName().value());
            String bootstrapServers = cluster.brokers().values().stream()
                    .map((BrokerServer broker) -> host + ":" + broker.boundPort(listener))
                    .collect(Collectors.joining(","));
            String securedBootstrapServers = null;
            if (secured != null) {
                ListenerName securedListener = ListenerName.normalised(SecuredListener.NAME);
                securedBootstrapServers = cluster.brokers().values().stream()
                        .map((BrokerServer broker) -> host + ":" + broker.boundPort(securedListener))
                        .collect(Collectors.joining(","));
                ScramUsers.create(bootstrapServers, securedBootstrapServers, secured);
            }
            Duration startupTime = Duration.ofNanos(System.nanoTime() - began);
            log.info("Embedded Kafka ({} node{}) started at {}{} in {} ms", nodes, nodes == 1 ? "" : "s",
                    bootstrapServers, secured == null ? "" : " and " + secured + " at " + securedBootstrapServers,
                    startupTime.toMillis());
            return new EmbeddedKafka(cluster, directory, nodes, bootstrapServers, securedBootstrapServers,
                    startupTime);
        } catch (Exception | Error e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            deleteQuietly(directory);
            if (e instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Embedded Kafka did not start", e);
        }
    }

    /** {@code host:port[,host:port...]} of the brokers, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * {@code host:port} of the {@link SecuredListener} given to {@link #startSecured}.
     *
     * @throws IllegalStateException if this cluster has none
     */
    public String securedBootstrapServers() {
        if (securedBootstrapServers == null) {
            throw new IllegalStateException("this cluster has no secured listener; start it with startSecured");
        }
        return securedBootstrapServers;
    }

    /** Number of (combined broker+controller) nodes. */
    public int nodes() {
        return nodes;
    }

    /** Wall-clock time {@link #start} took, from creating the data directory to all brokers being ready. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The temporary directory holding all nodes' data; deleted by {@link #close()}. */
    Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Shuts the cluster down and deletes its data directory. Idempotent.
     *
     * @throws IllegalStateException if shutdown failed, or if a node reported a fault while it ran (the data
     *         directory is deleted regardless)
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long began = System.nanoTime();
        Exception failure = null;
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failure = e;
        } finally {
            deleteQuietly(dataDirectory);
        }
        log.info("Embedded Kafka at {} stopped in {} ms", bootstrapServers,
                Duration.ofNanos(System.nanoTime() - began).toMillis());
        if (failure != null) {
            throw new IllegalStateException("Embedded Kafka did not shut down cleanly", failure);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers + "]";
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("offsets.topic.replication.factor", "1");
        defaults.put("transaction.state.log.replication.factor", "1");
        defaults.put("transaction.state.log.min.isr", "1");
        defaults.put("share.coordinator.state.topic.replication.factor", "1");
        defaults.put("share.coordinator.state.topic.min.isr", "1");
        defaults.put("auto.create.topics.enable", "false");
        defaults.put("group.initial.rebalance.delay.ms", "0");
        // What a released broker offers, not what Kafka's own tests exercise (the test kit enables both).
        defaults.put("unstable.api.versions.enable", "false");
        defaults.put("unstable.feature.versions.enable", "false");
        return Collections.unmodifiableMap(defaults);
    }

    /**
     * Kafka's storage formatter prints two lines to {@code System.out}, which would corrupt the output of a
     * command-line program (stdout is the demo's and {@link EmbeddedKafkaMain}'s data channel). Capture
     * {@code System.out} while it runs and log what it printed at DEBUG instead.
     */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        synchronized (EmbeddedKafka.class) {
            PrintStream original = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            try {
                cluster.format();
            } finally {
                if (System.out == capture) {
                    System.setOut(original);
                }
                captured.toString(StandardCharsets.UTF_8).lines()
                        .forEach(line -> log.debug("format: {}", line));
            }
        }
    }

    private static BootstrapMetadata productionBootstrapMetadata() {
        MetadataVersion version = MetadataVersion.latestProduction();
        Map<String, Short> features = new TreeMap<>();
        for (Feature feature : Feature.PRODUCTION_FEATURES) {
            features.put(feature.featureName(), feature.defaultLevel(version));
        }
        return BootstrapMetadata.fromVersions(version, features, "seatflow embedded kafka");
    }

    private static void deleteQuietly(Path directory) {
        try {
            Utils.delete(directory.toFile());
        } catch (IOException | RuntimeException e) {
            log.warn("Could not delete {}", directory, e);
        }
    }
}
