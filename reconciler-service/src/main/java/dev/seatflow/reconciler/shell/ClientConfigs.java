package dev.seatflow.reconciler.shell;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The configuration of each Kafka client the service makes, as pure functions of the {@link Settings}: the user's
 * {@code KAFKA_*} settings first, then what Seatflow needs (which always wins) and what it prefers (which the user
 * may override).
 */
final class ClientConfigs {
    private ClientConfigs() {
    }

    /** The transactional id: one per instance, stable across its restarts. */
    static String transactionalId(Settings s) {
        return s.applicationId() + "-" + s.instanceId();
    }

    /** The loop's consumer: the application's group, read_committed, one member per partition number. */
    static Map<String, Object> consumer(Settings s) {
        Map<String, Object> c = committedReader(s);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, s.applicationId());
        // Range assignment gives one member the same partition number of every input topic.
        c.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        // A crashed instance's partitions move once its session expires: seconds, not the 45 s default.
        c.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        return c;
    }

    /** The restore consumer: no group; reads whole changelog partitions, so fewer, larger fetches. */
    static Map<String, Object> restoreConsumer(Settings s) {
        Map<String, Object> c = committedReader(s);
        c.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
        return c;
    }

    /** The transactional producer. */
    static Map<String, Object> producer(Settings s) {
        Map<String, Object> c = new HashMap<>(s.kafkaClientProperties());
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(s));
        c.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, s.transactionTimeoutMs());
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        c.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return c;
    }

    /** The admin client of the startup checks: bounded by the startup timeout. */
    static Map<String, Object> admin(Settings s) {
        Map<String, Object> c = new HashMap<>(s.kafkaClientProperties());
        c.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) s.startupTimeoutMs());
        c.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(s.startupTimeoutMs(), 30_000));
        return c;
    }

    private static Map<String, Object> committedReader(Settings s) {
        Map<String, Object> c = new HashMap<>(s.kafkaClientProperties());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return c;
    }
}
