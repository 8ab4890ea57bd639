package dev.seatflow.reconciler.it;

import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.AlertEvent;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.json.EventCodec;
import dev.seatflow.events.json.InvalidEventException;
import dev.seatflow.reconciler.core.Decision;
import dev.seatflow.reconciler.core.Reconciler;
import dev.seatflow.reconciler.shell.CoreStep;
import dev.seatflow.reconciler.shell.ReconcilerService;
import dev.seatflow.reconciler.shell.Settings;
import dev.seatflow.testkit.Eventually;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One isolated Seatflow deployment on the shared test broker: its own topic names and
 * application id, a producer that publishes like directory sync and license admins do, and
 * read_committed readers of what the service wrote.
 *
 * <p>Events get strictly increasing record timestamps, so the service's merge of the two input
 * topics applies them in list order, and its outputs can be compared with {@link #replay}.
 */
final class Pipeline implements AutoCloseable {
    private final String bootstrap;
    private final String name;
    private final int partitions;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;
    /** Strictly increasing and near now: old timestamps would fall to the broker's retention at once. */
    private long lastTimestamp;
    private boolean topicsCreated;

    Pipeline(String bootstrap, String testName, int partitions) {
        this.bootstrap = bootstrap;
        this.name = testName + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.partitions = partitions;
        this.producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // An idempotent producer writing to just-created topics on a single KRaft node can
                // retry its first batch out of sequence for minutes. One request in flight keeps the
                // order without it; a duplicate from a retry is dropped by the reconciler's dedup.
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.ACKS_CONFIG, "all"));
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    }

    String bootstrap() {
        return bootstrap;
    }

    String applicationId() {
        return name;
    }

    String topic(String role) {
        return name + "." + role;
    }

    /** The service settings of this pipeline, as SEATFLOW_* names without the prefix. */
    Map<String, String> seatflowSettings(String instanceId) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("application.id", name);
        s.put("instance.id", instanceId);
        s.put("partitions", Integer.toString(partitions));
        s.put("commit.interval.ms", "50");
        // Comparing with replay needs the exact timestamp order across the two inputs: on a 2-core box running
        // several of these at once a fetch can take longer than the default second, so these tests allow more.
        s.put("max.idle.ms", "10000");
        s.put("topic.directory", topic("directory"));
        s.put("topic.licensing", topic("licensing"));
        s.put("topic.assignments", topic("assignments"));
        s.put("topic.user.licenses", topic("user-licenses"));
        s.put("topic.seats", topic("seats"));
        s.put("topic.rejected", topic("rejected"));
        s.put("topic.group.status", topic("group-status"));
        s.put("topic.alerts", topic("alerts"));
        s.put("topic.changelog", topic("changelog"));
        return s;
    }

    ReconcilerService startService(String instanceId) {
        return startService(instanceId, CoreStep.CORE);
    }

    /** With another step than the core's own (the test seam: a core that throws on a chosen event). */
    ReconcilerService startService(String instanceId, CoreStep core) {
        return new ReconcilerService(Settings.forCluster(bootstrap, seatflowSettings(instanceId)), core).start();
    }

    /**
     * Publishes each event only after the previous one is appended, so appends across the two
     * topics follow timestamps. With batched sends, a later directory record could be appended
     * before an earlier licensing record, and a live merge cannot know about a record that is
     * not in the log yet; Kafka Streams has the same limit.
     */
    void publish(List<InboundEvent> events) {
        ensureTopics();
        for (InboundEvent e : events) {
            String topic = e.data() instanceof DirectoryEvent ? topic("directory") : topic("licensing");
            publishRaw(topic, e.tenantId().getBytes(StandardCharsets.UTF_8), EventCodec.INSTANCE.encodeInput(e));
        }
    }

    /**
     * Publishes a whole backlog quickly, before any reconciler reads it: with every record in the
     * log before the first fetch, the merge order is exact whatever the batching.
     */
    void publishBacklog(List<InboundEvent> events) {
        ensureTopics();
        for (InboundEvent e : events) {
            String topic = e.data() instanceof DirectoryEvent ? topic("directory") : topic("licensing");
            lastTimestamp = Math.max(lastTimestamp + 1, System.currentTimeMillis());
            producer.send(new ProducerRecord<>(topic, null, lastTimestamp, e.tenantId().getBytes(StandardCharsets.UTF_8),
                    EventCodec.INSTANCE.encodeInput(e)));
        }
        producer.flush();
    }

    /** The share of the published input the service has committed, 0 to 1. */
    double inputProgress() {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String t : List.of(topic("directory"), topic("licensing"))) {
                for (int p = 0; p < partitions; p++) {
                    latest.put(new TopicPartition(t, p), OffsetSpec.latest());
                }
            }
            long end = admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
            long done = admin.listConsumerGroupOffsets(name).partitionsToOffsetAndMetadata().get().values().stream()
                    .mapToLong(OffsetAndMetadata::offset).sum();
            return end == 0 ? 1.0 : (double) done / end;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            return 0;
        }
    }

    void publishRaw(String topic, byte[] key, byte[] value) {
        ensureTopics();
        lastTimestamp = Math.max(lastTimestamp + 1, System.currentTimeMillis());
        try {
            producer.send(new ProducerRecord<>(topic, null, lastTimestamp, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish to " + topic, e.getCause());
        }
    }

    void flush() {
        producer.flush();
    }

    /** Creates the topics as the service would, so input can wait in them before it starts. */
    private void ensureTopics() {
        if (topicsCreated) {
            return;
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String role : List.of("directory", "licensing", "assignments", "user-licenses", "seats", "rejected",
                "changelog", "group-status", "alerts")) {
            NewTopic t = new NewTopic(topic(role), Optional.of(partitions), Optional.empty());
            if (List.of("user-licenses", "seats", "changelog", "group-status").contains(role)) {
                t.configs(Map.of("cleanup.policy", "compact"));
            }
            topics.add(t);
        }
        try {
            admin.createTopics(topics).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the topics of " + name, e.getCause());
        }
        // A producer that writes before every partition has a leader retries its first batches out
        // of order (OutOfOrderSequenceException) for minutes: wait for the leaders first.
        for (NewTopic t : topics) {
            Eventually.await(Duration.ofSeconds(30), "leaders for " + t.name(), () -> {
                var info = producer.partitionsFor(t.name());
                return info.size() == partitions && info.stream().allMatch(pi -> pi.leader() != null);
            });
        }
        topicsCreated = true;
    }

    /** True once the service has committed offsets up to the end of both input topics. */
    boolean inputFullyCommitted() {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String t : List.of(topic("directory"), topic("licensing"))) {
                for (int p = 0; p < partitions; p++) {
                    latest.put(new TopicPartition(t, p), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, Long> end = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(name).partitionsToOffsetAndMetadata().get();
            return end.entrySet().stream().allMatch(e -> e.getValue() == 0
                    || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /**
     * The service has committed all input and every transaction it began is decided on every
     * output partition. Committed offsets alone are not enough: {@code commitTransaction} returns
     * once the commit is decided, and the markers that make outputs readable follow.
     */
    boolean quiescent() {
        return inputFullyCommitted() && outputsSettled();
    }

    private boolean outputsSettled() {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String role : List.of("assignments", "user-licenses", "seats", "rejected", "changelog", "group-status",
                    "alerts")) {
                for (int p = 0; p < partitions; p++) {
                    latest.put(new TopicPartition(topic(role), p), OffsetSpec.latest());
                }
            }
            var committed = admin.listOffsets(latest,
                    new ListOffsetsOptions(org.apache.kafka.common.IsolationLevel.READ_COMMITTED)).all().get();
            var written = admin.listOffsets(latest,
                    new ListOffsetsOptions(org.apache.kafka.common.IsolationLevel.READ_UNCOMMITTED)).all().get();
            return latest.keySet().stream().allMatch(tp -> committed.get(tp).offset() == written.get(tp).offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** Every committed record of a topic, read read_committed from the beginning to the end. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> tps = new ArrayList<>();
            c.partitionsFor(topic).forEach(pi -> tps.add(new TopicPartition(topic, pi.partition())));
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(100)).forEach(all::add);
            }
            return all;
        }
    }

    /** The change events the service committed, per tenant in the order a consumer reads them. */
    Map<String, List<OutboundEvent>> committedOutputs() {
        Map<String, List<OutboundEvent>> byTenant = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(topic("assignments"))) {
            try {
                OutboundEvent o = EventCodec.INSTANCE.decodeOutput(r.value());
                byTenant.computeIfAbsent(o.tenantId(), t -> new ArrayList<>()).add(o);
            } catch (InvalidEventException e) {
                throw new AssertionError("the service wrote an unreadable change event: " + e.getMessage(), e);
            }
        }
        return byTenant;
    }

    /** The alert events the service committed, per tenant in the order a consumer reads them. */
    Map<String, List<AlertEvent>> committedAlerts() {
        Map<String, List<AlertEvent>> byTenant = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(topic("alerts"))) {
            try {
                AlertEvent a = EventCodec.INSTANCE.decodeAlert(r.value());
                byTenant.computeIfAbsent(a.tenantId(), t -> new ArrayList<>()).add(a);
            } catch (InvalidEventException e) {
                throw new AssertionError("the service wrote an unreadable alert event: " + e.getMessage(), e);
            }
        }
        return byTenant;
    }

    /** The latest value per key of a compacted state topic (tombstones remove the key). */
    Map<String, String> latestValues(String role) {
        Map<String, String> latest = new java.util.TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(topic(role))) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (r.value() == null) {
                latest.remove(key);
            } else {
                latest.put(key, new String(r.value(), StandardCharsets.UTF_8));
            }
        }
        return latest;
    }

    /** What {@code replay} gives for the same events: outputs per tenant, and the final reconciler. */
    static Expected replay(List<InboundEvent> events) {
        Reconciler r = new Reconciler();
        Map<String, List<OutboundEvent>> byTenant = new LinkedHashMap<>();
        Map<String, List<AlertEvent>> alerts = new LinkedHashMap<>();
        for (InboundEvent e : events) {
            Decision d = r.apply(e);
            for (OutboundEvent o : d.outputs()) {
                byTenant.computeIfAbsent(o.tenantId(), t -> new ArrayList<>()).add(o);
            }
            for (AlertEvent a : d.alerts()) {
                alerts.computeIfAbsent(a.tenantId(), t -> new ArrayList<>()).add(a);
            }
        }
        return new Expected(byTenant, alerts, r);
    }

    record Expected(Map<String, List<OutboundEvent>> outputs, Map<String, List<AlertEvent>> alerts,
            Reconciler finalState) {
        int outputCount() {
            return outputs.values().stream().mapToInt(List::size).sum();
        }

        /** user-licenses and seats values as the compacted topics hold them, keyed like the topics. */
        Map<String, String> userLicenses() {
            Map<String, String> m = new java.util.TreeMap<>();
            finalState.userLicenses().forEach(u -> m.put(u.key(), new String(EventCodec.INSTANCE.encodeUserLicenses(u),
                    StandardCharsets.UTF_8)));
            return m;
        }

        Map<String, String> seats() {
            Map<String, String> m = new java.util.TreeMap<>();
            finalState.seats().forEach(s -> m.put(s.key(), new String(EventCodec.INSTANCE.encodeSeats(s),
                    StandardCharsets.UTF_8)));
            return m;
        }

        Map<String, String> groupStatuses() {
            Map<String, String> m = new java.util.TreeMap<>();
            finalState.groupStatuses().forEach(g -> m.put(g.key(), new String(EventCodec.INSTANCE.encodeGroupStatus(g),
                    StandardCharsets.UTF_8)));
            return m;
        }
    }

    static Set<String> ids(Map<String, List<OutboundEvent>> outputs) {
        return outputs.values().stream().flatMap(List::stream).map(OutboundEvent::id).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
