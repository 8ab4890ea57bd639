package dev.seatflow.testkit;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's one broker and its shared admin client. Lives in the root {@link ExtensionContext.Store}, which closes
 * it when the run ends. Implements both {@link AutoCloseable} (what JUnit 5.13+ closes) and the deprecated
 * {@code CloseableResource} (what earlier versions close); JUnit closes such a value once.
 */
@SuppressWarnings("deprecation")
final class SharedKafka implements KafkaCluster, AutoCloseable, ExtensionContext.Store.CloseableResource {

    private static final Logger log = LoggerFactory.getLogger(SharedKafka.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);
    private static final String RUN_ID = runId();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Broker broker;
    private final SharedAdmin admin;

    private SharedKafka(Broker broker, SharedAdmin admin) {
        this.broker = broker;
        this.admin = admin;
    }

    /** Connects to the broker and checks it answers; closes it if it does not. */
    static SharedKafka connect(Broker broker) {
        SharedAdmin admin = null;
        try {
            Map<String, Object> config = new HashMap<>();
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "seatflow-testkit-admin");
            admin = new SharedAdmin(config);
            String clusterId = get(admin.describeCluster().clusterId(), "describe the cluster at " + broker.bootstrapServers());
            log.debug("Kafka cluster {} answers at {}", clusterId, broker.bootstrapServers());
            return new SharedKafka(broker, admin);
        } catch (RuntimeException | Error e) {
            if (admin != null) {
                admin.reallyClose();
            }
            try {
                broker.stopper().stop();
            } catch (RuntimeException stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
    }

    @Override
    public String kind() {
        return broker.kind();
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public Admin admin() {
        return admin;
    }

    @Override
    public String uniqueName(String prefix) {
        String clean = prefix == null || prefix.isEmpty() ? "t" : prefix.replaceAll("[^A-Za-z0-9._-]", "-");
        return clean + "-" + RUN_ID + "-" + SEQUENCE.incrementAndGet();
    }

    @Override
    public void createTopics(int partitions, String... names) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (names.length == 0) {
            return;
        }
        List<String> topics = List.of(names);
        List<NewTopic> newTopics = topics.stream()
                .map(name -> new NewTopic(name, Optional.of(partitions), Optional.empty()))
                .collect(Collectors.toList());
        get(admin.createTopics(newTopics).all(), "create topics " + topics);
        Eventually.await(ADMIN_TIMEOUT, "leaders for all partitions of " + topics, () -> {
            Map<String, TopicDescription> descriptions =
                    get(admin.describeTopics(topics).allTopicNames(), "describe topics " + topics);
            return descriptions.size() == topics.size() && descriptions.values().stream().allMatch(description ->
                    description.partitions().size() == partitions
                            && description.partitions().stream().map(TopicPartitionInfo::leader)
                                    .allMatch(leader -> leader != null && !leader.isEmpty()));
        });
    }

    @Override
    public Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    @Override
    public Map<String, Object> consumerConfig(String groupId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    /** At the end of the run: the admin client, then the broker (an external one is left alone). */
    @Override
    public void close() {
        try {
            admin.reallyClose();
        } finally {
            stopBroker();
        }
    }

    private void stopBroker() {
        long began = System.nanoTime();
        broker.stopper().stop();
        if (!Broker.EXTERNAL.equals(broker.kind())) {
            log.info("Kafka for tests stopped ({}) in {} ms", broker.description(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        }
    }

    @Override
    public String toString() {
        return "KafkaCluster[" + broker.kind() + " " + broker.bootstrapServers() + "]";
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out after " + ADMIN_TIMEOUT.toSeconds() + " s trying to " + what, e);
        }
    }

    private static String runId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    /** The shared admin client: tests may call {@code close()} on it without breaking the tests after them. */
    private static final class SharedAdmin extends ForwardingAdmin {

        SharedAdmin(Map<String, Object> configs) {
            super(configs);
        }

        @Override
        public void close(Duration timeout) {
            // shared: closed by reallyClose() at the end of the run
        }

        void reallyClose() {
            super.close(Duration.ofSeconds(10));
        }
    }
}
