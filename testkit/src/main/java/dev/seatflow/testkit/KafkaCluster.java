package dev.seatflow.testkit;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * The broker an integration test talks to, injected by {@link KafkaExtension} (see {@link WithKafka}).
 *
 * <p>There is one per test run (JVM), shared by every test class: give every topic, consumer group,
 * transactional id and application id a name from {@link #uniqueName(String)} so tests never see each other's
 * data, and never delete or reconfigure things a test did not create.
 */
public interface KafkaCluster {

    /** Where the broker is, one of {@code "external"}, {@code "testcontainers"}, {@code "in-process"}. */
    String kind();

    /** For {@code bootstrap.servers}. */
    String bootstrapServers();

    /** An admin client shared by all tests. Closing it does nothing; it is closed when the run ends. */
    Admin admin();

    /**
     * {@code prefix-<run id>-<n>}: unique within this run, and (through the random run id) very likely across runs
     * against the same external cluster. Characters not allowed in topic names are replaced by {@code -}.
     */
    String uniqueName(String prefix);

    /**
     * Creates the topics with {@code partitions} partitions each (replication factor: the broker's default) and
     * returns once every partition has a leader. Fails if a topic already exists.
     */
    void createTopics(int partitions, String... names);

    /** A new, mutable map: bootstrap servers and byte-array serializers. */
    Map<String, Object> producerConfig();

    /**
     * A new, mutable map: bootstrap servers, {@code group.id}, byte-array deserializers and
     * {@code auto.offset.reset=earliest} (a test's topics are new, so it wants them from the start).
     */
    Map<String, Object> consumerConfig(String groupId);
}
