package dev.seatflow.scim.gateway;

import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.json.EventCodec;
import dev.seatflow.events.kafka.CloudEventsHeaders;
import dev.seatflow.scim.directory.StoreRecord;
import dev.seatflow.scim.directory.TenantDirectory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's Kafka side: the topics, the restore of the resource store, and one transaction per changing
 * request that holds its {@code directory.*} events and its store records. A request is answered 2xx only after
 * that transaction commits.
 *
 * <p>The transactional id is the gateway's application id, not an instance's: a gateway that starts fences any
 * other one still running with the same application id (its next write fails and it stops), and aborts what that
 * one left open, before it restores. So at most one gateway writes a store, and the one that does started from
 * everything committed to it.
 */
final class KafkaStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaStore.class);

    private final ScimSettings settings;
    private final Map<String, Object> kafka;
    private final EventCodec codec = EventCodec.INSTANCE;
    private KafkaProducer<byte[], byte[]> producer;
    private int storePartitions;
    private volatile Throwable failure;

    KafkaStore(ScimSettings settings, Map<String, Object> kafkaClientProperties) {
        this.settings = settings;
        this.kafka = Map.copyOf(kafkaClientProperties);
    }

    /** Creates missing topics, fences an older gateway, and reads the store: the tenants' directories. */
    Map<String, TenantDirectory> start() {
        Admin admin = Admin.create(kafka);
        try {
            storePartitions = ensureTopics(admin);
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.applicationId());
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, settings.transactionTimeoutMs());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.startupTimeoutMs());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-producer");
        producer = new KafkaProducer<>(p);
        producer.initTransactions(); // fences a gateway still running with this id, aborts its open transaction
        return restore();
    }

    /**
     * Writes one request's events and records in one transaction. Throws {@link WriteFailedException} when it
     * did not commit (nothing of it is visible to read_committed readers, and nothing is applied).
     */
    synchronized void write(String tenant, List<InboundEvent> events, List<StoreRecord> records) {
        if (failure != null) {
            throw new WriteFailedException("the gateway has stopped writing: " + failure.getMessage(), failure);
        }
        byte[] key = tenant.getBytes(StandardCharsets.UTF_8);
        int partition = Utils.toPositive(Utils.murmur2(key)) % storePartitions;
        try {
            producer.beginTransaction();
            for (InboundEvent e : events) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(CloudEventsHeaders.CONTENT_TYPE_HEADER,
                        CloudEventsHeaders.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(settings.directoryTopic(), null, null, key, codec.encodeInput(e),
                        headers));
            }
            for (StoreRecord r : records) {
                producer.send(new ProducerRecord<>(settings.storeTopic(), partition, StoreCodec.key(r),
                        StoreCodec.value(r)));
            }
            producer.commitTransaction();
        } catch (KafkaException e) {
            if (fatal(e)) {
                failure = e;
                log.error("the SCIM gateway stops writing: {} (another gateway with application id '{}' started, or "
                        + "the cluster refused this one)", e.toString(), settings.applicationId());
                throw new WriteFailedException("the gateway cannot write to Kafka any more: " + e.getMessage(), e);
            }
            try {
                producer.abortTransaction();
            } catch (KafkaException abort) {
                failure = abort;
                log.error("the SCIM gateway stops writing: cannot abort a failed transaction: {}", abort.toString());
            }
            throw new WriteFailedException("the change could not be written to Kafka (" + e.getMessage()
                    + "); nothing was changed, retry", e);
        }
    }

    /** Errors after which this producer can never commit again: fenced by a newer gateway, or refused. */
    private static boolean fatal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException
                    || t instanceof OutOfOrderSequenceException || t instanceof AuthorizationException
                    || t instanceof UnsupportedVersionException) {
                return true;
            }
        }
        return false;
    }

    /** Set once writing is impossible for good (fenced, refused): the gateway stops. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    private Map<String, TenantDirectory> restore() {
        long began = System.nanoTime();
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Map<String, TenantDirectory> tenants = new ConcurrentHashMap<>();
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int i = 0; i < storePartitions; i++) {
                partitions.add(new TopicPartition(settings.storeTopic(), i));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // read_committed: the end is the last stable offset. Read to it, not to the last record seen:
            // transaction markers and compaction leave offsets without records.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions,
                    Duration.ofMillis(settings.startupTimeoutMs()));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    StoreRecord record = StoreCodec.decode(r.key(), r.value());
                    tenants.computeIfAbsent(record.tenant(), TenantDirectory::new).apply(record);
                    records++;
                }
            }
        }
        log.info("SCIM resource store {} restored: {} records, {} tenant(s) in {} ms", settings.storeTopic(), records,
                tenants.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        return tenants;
    }

    /**
     * Creates {@code directory.changes} and the store when missing. The store gets the partition count of
     * {@code directory.changes}, and a tenant's store records go to the partition its events go to, so both are
     * co-partitioned like every Seatflow topic.
     */
    private int ensureTopics(Admin admin) {
        Map<String, Integer> existing = describe(admin, List.of(settings.directoryTopic(), settings.storeTopic()));
        int partitions = existing.getOrDefault(settings.directoryTopic(),
                existing.getOrDefault(settings.storeTopic(), settings.partitions()));
        List<NewTopic> missing = new ArrayList<>();
        if (!existing.containsKey(settings.directoryTopic())) {
            missing.add(new NewTopic(settings.directoryTopic(), Optional.of(partitions),
                    Optional.of(settings.replicationFactor())));
        }
        if (!existing.containsKey(settings.storeTopic())) {
            missing.add(new NewTopic(settings.storeTopic(), Optional.of(partitions),
                    Optional.of(settings.replicationFactor()))
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        }
        if (!missing.isEmpty()) {
            log.info("creating topics {} with {} partitions", missing.stream().map(NewTopic::name).toList(), partitions);
            try {
                admin.createTopics(missing).all().get(settings.startupTimeoutMs(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw unreachable(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.startupTimeoutMs());
        Map<String, Integer> all;
        while ((all = describe(admin, List.of(settings.directoryTopic(), settings.storeTopic()))).size() < 2) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + missing + " do not exist after creating them");
            }
            sleep(50); // waiting for the cluster's metadata: nothing to wait on instead
        }
        if (!all.get(settings.directoryTopic()).equals(all.get(settings.storeTopic()))) {
            throw new IllegalStateException("topics are not co-partitioned: " + all + "; the SCIM store needs the "
                    + "partition count of " + settings.directoryTopic());
        }
        return all.get(settings.storeTopic());
    }

    private Map<String, Integer> describe(Admin admin, List<String> names) {
        Map<String, Integer> found = new HashMap<>();
        var futures = admin.describeTopics(names).topicNameValues();
        for (String name : names) {
            try {
                TopicDescription d = futures.get(name).get(settings.startupTimeoutMs(), TimeUnit.MILLISECONDS);
                if (d.partitions().stream().allMatch(p -> p.leader() != null)) {
                    found.put(name, d.partitions().size());
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe topic " + name + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
            } catch (TimeoutException e) {
                throw unreachable(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return found;
    }

    private IllegalStateException unreachable(Exception e) {
        return new IllegalStateException("cannot reach Kafka at " + kafka.get("bootstrap.servers") + " within "
                + settings.startupTimeoutMs() + " ms: check KAFKA_BOOTSTRAP_SERVERS and the KAFKA_* security settings", e);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** The request's transaction did not commit. */
    static final class WriteFailedException extends RuntimeException {
        WriteFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
