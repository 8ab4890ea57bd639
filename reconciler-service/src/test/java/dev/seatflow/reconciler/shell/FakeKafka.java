package dev.seatflow.reconciler.shell;

import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.json.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A small Kafka in memory for the loop's unit tests: a log per topic-partition holding what read_committed readers
 * see, the consumer group's committed offsets, and Kafka's {@link MockConsumer} and {@link MockProducer} wired to
 * them. A transaction reaches the logs only when its producer commits. Faults are injected by the test: a commit
 * that times out (before or after it took effect), a fenced producer, reads of the committed offsets that time out.
 */
final class FakeKafka implements KafkaClients {
    /** When an injected commit timeout strikes: the outcome the producer never learns. */
    enum CommitTimeout { BEFORE_COMMIT, AFTER_COMMIT }

    private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> logs = new HashMap<>();
    private final Map<TopicPartition, Long> groupOffsets = new HashMap<>();
    private final List<String> topics;
    private final int partitions;
    private final String directoryTopic;
    private final String licensingTopic;
    final FakeConsumer consumer;
    final FakeConsumer restoreConsumer;
    final List<FakeProducer> producers = new ArrayList<>();
    private final List<CommitTimeout> commitTimeouts = new ArrayList<>();
    private int commitsBeforeFault = -1;
    final AtomicInteger committedReadTimeouts = new AtomicInteger();
    /** Records of a committed transaction whose markers are not written yet: read_committed readers wait for them. */
    private final List<ProducerRecord<byte[], byte[]>> unmarked = new ArrayList<>();
    private boolean lateMarkers;
    /** The consumer's lag as of a fetch from before the latest appends: it says "caught up". */
    volatile boolean staleLag;
    private int lookupsUntilMarked;
    private long timestamp = 1_000;

    FakeKafka(Settings settings) {
        this.partitions = settings.partitions();
        this.directoryTopic = settings.directoryTopic();
        this.licensingTopic = settings.licensingTopic();
        this.topics = List.of(directoryTopic, licensingTopic, settings.assignmentsTopic(), settings.userLicensesTopic(),
                settings.seatsTopic(), settings.groupStatusTopic(), settings.alertsTopic(), settings.rejectedTopic(),
                settings.changelogTopic());
        Map<TopicPartition, Long> beginnings = new HashMap<>();
        for (String t : topics) {
            for (int p = 0; p < partitions; p++) {
                logs.put(new TopicPartition(t, p), new ArrayList<>());
                beginnings.put(new TopicPartition(t, p), 0L);
            }
        }
        consumer = new FakeConsumer(beginnings);
        restoreConsumer = new FakeConsumer(beginnings);
    }

    // ---- what the test does ---------------------------------------------------------------------

    /** Appends input events with increasing timestamps, each on its tenant's partition, as sync and admins do. */
    synchronized void publish(List<InboundEvent> events) {
        for (InboundEvent e : events) {
            String topic = e.data() instanceof DirectoryEvent ? directoryTopic : licensingTopic;
            byte[] key = e.tenantId().getBytes(StandardCharsets.UTF_8);
            append(new ProducerRecord<>(topic, partitionOf(e.tenantId()), timestamp++, key,
                    EventCodec.INSTANCE.encodeInput(e)));
        }
    }

    synchronized void publishRaw(String topic, String key, byte[] value) {
        append(new ProducerRecord<>(topic, partitionOf(key), timestamp++, key.getBytes(StandardCharsets.UTF_8), value));
    }

    int partitionOf(String tenant) {
        return Math.floorMod(tenant.hashCode(), partitions);
    }

    /** Makes the commit after the next {@code after} ones time out. */
    synchronized void timeOutCommit(int after, CommitTimeout... when) {
        commitsBeforeFault = after;
        commitTimeouts.addAll(List.of(when));
    }

    /**
     * The next timed-out commit takes effect for the group's offsets at once, but its other records become readable
     * only after the restore consumer has asked for the end offsets a few times: a commit is decided before the
     * coordinator has written all of its markers.
     */
    synchronized void writeMarkersLate() {
        lateMarkers = true;
    }

    /** Another producer with the same transactional id initialised: the current one is fenced. */
    synchronized void fenceCurrentProducer() {
        producers.get(producers.size() - 1).fenceProducer();
    }

    /** Assigns every partition number to the loop's consumer, from within its next poll (as a real group does). */
    void assignAll() {
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(directoryTopic, p));
            all.add(new TopicPartition(licensingTopic, p));
        }
        consumer.schedulePollTask(() -> consumer.rebalance(all));
    }

    /** The group moves some partition numbers away and back, from within a poll. */
    void rebalanceTo(Collection<Integer> numbers) {
        List<TopicPartition> tps = new ArrayList<>();
        for (int p : numbers) {
            tps.add(new TopicPartition(directoryTopic, p));
            tps.add(new TopicPartition(licensingTopic, p));
        }
        consumer.schedulePollTask(() -> consumer.rebalance(tps));
    }

    synchronized List<ConsumerRecord<byte[], byte[]>> committed(String topic) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.addAll(logs.get(new TopicPartition(topic, p)));
        }
        return all;
    }

    /** The group has committed every input record. */
    synchronized boolean allInputCommitted() {
        for (String t : List.of(directoryTopic, licensingTopic)) {
            for (int p = 0; p < partitions; p++) {
                TopicPartition tp = new TopicPartition(t, p);
                if (groupOffsets.getOrDefault(tp, 0L) < logs.get(tp).size()) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---- KafkaClients ---------------------------------------------------------------------------

    @Override
    public Consumer<byte[], byte[]> consumer() {
        return consumer;
    }

    @Override
    public Consumer<byte[], byte[]> restoreConsumer() {
        return restoreConsumer;
    }

    @Override
    public synchronized Producer<byte[], byte[]> producer() {
        FakeProducer p = new FakeProducer();
        producers.add(p);
        return p;
    }

    private synchronized void append(ProducerRecord<byte[], byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        List<ConsumerRecord<byte[], byte[]>> log = logs.get(tp);
        long ts = r.timestamp() == null ? timestamp++ : r.timestamp();
        log.add(new ConsumerRecord<>(r.topic(), r.partition(), log.size(), ts, TimestampType.CREATE_TIME,
                r.key() == null ? -1 : r.key().length, r.value() == null ? -1 : r.value().length, r.key(), r.value(),
                new RecordHeaders(r.headers().toArray()), Optional.empty()));
    }

    private synchronized CommitTimeout nextCommitFault() {
        if (commitsBeforeFault < 0) {
            return null;
        }
        if (commitsBeforeFault > 0) {
            commitsBeforeFault--;
            return null;
        }
        CommitTimeout t = commitTimeouts.remove(0);
        if (commitTimeouts.isEmpty()) {
            commitsBeforeFault = -1;
        }
        return t;
    }

    /** A producer whose committed transactions land in the logs, and whose commits can time out. */
    final class FakeProducer extends MockProducer<byte[], byte[]> {
        FakeProducer() {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public void commitTransaction() {
            CommitTimeout fault = nextCommitFault();
            if (fault == CommitTimeout.BEFORE_COMMIT) {
                throw new TimeoutException("Timeout expired after 60000ms while awaiting EndTxn(true)");
            }
            List<ProducerRecord<byte[], byte[]>> records = uncommittedRecords();
            Map<String, Map<TopicPartition, OffsetAndMetadata>> offsets = uncommittedOffsets();
            super.commitTransaction();
            synchronized (FakeKafka.this) {
                if (fault == CommitTimeout.AFTER_COMMIT && lateMarkers) {
                    lateMarkers = false;
                    unmarked.addAll(records);
                    lookupsUntilMarked = 3;
                } else {
                    records.forEach(FakeKafka.this::append);
                }
                offsets.values().forEach(o -> o.forEach((tp, om) -> groupOffsets.put(tp, om.offset())));
            }
            if (fault == CommitTimeout.AFTER_COMMIT) {
                throw new TimeoutException("Timeout expired after 60000ms while awaiting EndTxn(true)");
            }
        }
    }

    /** A consumer that reads the logs from its positions; the group's offsets are those the producers committed. */
    final class FakeConsumer extends MockConsumer<byte[], byte[]> {
        FakeConsumer(Map<TopicPartition, Long> beginnings) {
            super("earliest");
            updateBeginningOffsets(beginnings);
        }

        @Override
        public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            super.poll(Duration.ZERO); // scheduled tasks (rebalances), wakeups, injected errors, reset positions
            Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> out = new HashMap<>();
            synchronized (FakeKafka.this) {
                for (TopicPartition tp : assignment()) {
                    if (paused().contains(tp)) {
                        continue;
                    }
                    List<ConsumerRecord<byte[], byte[]>> log = logs.get(tp);
                    long from = position(tp);
                    int to = (int) Math.min(log.size(), from + 300);
                    if (from < to) {
                        out.put(tp, new ArrayList<>(log.subList((int) from, to)));
                        seek(tp, to);
                    }
                }
            }
            return new ConsumerRecords<>(out, Map.of());
        }

        @Override
        public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> tps) {
            if (committedReadTimeouts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new TimeoutException("Timeout of 60000ms expired before the last committed offset could be "
                        + "determined");
            }
            Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
            synchronized (FakeKafka.this) {
                tps.forEach(tp -> {
                    Long o = groupOffsets.get(tp);
                    if (o != null) {
                        result.put(tp, new OffsetAndMetadata(o));
                    }
                });
            }
            return result;
        }

        @Override
        public synchronized Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> tps) {
            Map<TopicPartition, Long> end = new HashMap<>();
            synchronized (FakeKafka.this) {
                if (!unmarked.isEmpty() && --lookupsUntilMarked <= 0) {
                    unmarked.forEach(FakeKafka.this::append);
                    unmarked.clear();
                }
                tps.forEach(tp -> end.put(tp, (long) logs.get(tp).size()));
            }
            return end;
        }

        @Override
        public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> tps, Duration timeout) {
            return endOffsets(tps);
        }

        @Override
        public synchronized OptionalLong currentLag(TopicPartition tp) {
            if (staleLag) {
                return OptionalLong.of(0);
            }
            synchronized (FakeKafka.this) {
                return OptionalLong.of(logs.get(tp).size() - position(tp));
            }
        }
    }
}
