package dev.seatflow.reconciler.shell;

import dev.seatflow.reconciler.core.Reconciler;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The partition numbers this instance owns, one {@link PartitionTask} each: they follow the consumer group's
 * assignment (this is the rebalance listener), get their state from the changelog and their input from the
 * committed offsets (on assignment and on every rollback), receive polled records, and hold back a side whose
 * inbox is full.
 */
final class PartitionTasks implements ConsumerRebalanceListener, PartitionStates, AutoCloseable {
    /** An inbox side holding more than this pauses its topic-partition, and resumes below {@link #RESUME_BELOW}. */
    static final int PAUSE_ABOVE = 20_000;
    static final int RESUME_BELOW = 2_000;

    private final String directoryTopic;
    private final String licensingTopic;
    private final long maxIdleMs;
    private final StateRestorer restorer;
    private final ServiceStatus status;
    /** Commits the open transaction before partitions go to another instance. */
    private final Runnable beforeRevoke;
    private final Map<Integer, PartitionTask> tasks = new TreeMap<>();
    private static final Duration CHECK_TIMEOUT = Duration.ofMillis(ServiceStatus.CONTACT_WINDOW_MS);
    private Consumer<byte[], byte[]> consumer;
    private boolean lost;
    /** The inputs' end offsets asked for since the last poll, or null. */
    private Map<TopicPartition, Long> endOffsets;

    PartitionTasks(Settings settings, StateRestorer restorer, ServiceStatus status, Runnable beforeRevoke) {
        this.directoryTopic = settings.directoryTopic();
        this.licensingTopic = settings.licensingTopic();
        this.maxIdleMs = settings.maxIdleMs();
        this.restorer = restorer;
        this.status = status;
        this.beforeRevoke = beforeRevoke;
    }

    void subscribe(Consumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
        consumer.subscribe(List.of(directoryTopic, licensingTopic), this);
    }

    // ---- the assignment -------------------------------------------------------------------------

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        Set<Integer> fresh = new TreeSet<>(partitionNumbers(assigned));
        fresh.removeAll(tasks.keySet());
        restoreAndSeek(fresh);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        // Hand over committed work: the next owner starts exactly where this transaction ends.
        try {
            beforeRevoke.run();
        } finally {
            drop(partitionNumbers(revoked));
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        drop(partitionNumbers(lost));
        this.lost = true;
    }

    /** Whether partitions were lost since the last call: an open transaction holding their records must not commit. */
    boolean takeLost() {
        boolean was = lost;
        lost = false;
        return was;
    }

    /**
     * Rebuilds every assigned partition's state from the changelog and seeks its inputs back to the committed
     * offsets, dropping whatever was buffered: afterwards the instance is exactly where its last commit left it.
     */
    void rollback() {
        Set<Integer> owned = partitionNumbers(consumer.assignment());
        drop(new TreeSet<>(tasks.keySet()));
        restoreAndSeek(owned);
    }

    private void restoreAndSeek(Set<Integer> partitions) {
        if (partitions.isEmpty()) {
            status.setAssigned(tasks.keySet());
            return;
        }
        status.phase(ServiceStatus.Phase.RESTORING);
        status.forgetPartitions(partitions);
        Map<Integer, StateRestorer.Restored> restored = restorer.restore(partitions, () -> committed(partitions),
                status::restoredRecords);
        restored.forEach((p, r) -> {
            tasks.put(p, new PartitionTask(p, r.reconciler(), r.positions(), maxIdleMs));
            for (var row : r.reconciler().seats()) {
                status.seatsCommitted(row.key(), TransactionalOutput.skuSnapshot(p, r.reconciler(), row));
            }
            for (var row : r.reconciler().groupStatuses()) {
                status.groupCommitted(row.key(), new ServiceStatus.GroupSnapshot(p, row));
            }
            seek(new TopicPartition(directoryTopic, p), r.positions().directory());
            seek(new TopicPartition(licensingTopic, p), r.positions().licensing());
        });
        consumer.resume(consumer.paused());
        tasks.values().forEach(t -> {
            t.directoryPaused = false;
            t.licensingPaused = false;
        });
        status.setAssigned(tasks.keySet());
    }

    private Map<Integer, InputPositions> committed(Set<Integer> partitions) {
        Set<TopicPartition> inputs = new HashSet<>();
        for (Integer p : partitions) {
            inputs.add(new TopicPartition(directoryTopic, p));
            inputs.add(new TopicPartition(licensingTopic, p));
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = consumer.committed(inputs);
        Map<Integer, InputPositions> positions = new HashMap<>();
        for (Integer p : partitions) {
            OffsetAndMetadata d = offsets.get(new TopicPartition(directoryTopic, p));
            OffsetAndMetadata l = offsets.get(new TopicPartition(licensingTopic, p));
            positions.put(p, new InputPositions(d == null ? -1 : d.offset(), l == null ? -1 : l.offset()));
        }
        return positions;
    }

    private void seek(TopicPartition tp, long offset) {
        if (offset < 0) {
            consumer.seekToBeginning(List.of(tp));
        } else {
            consumer.seek(tp, offset);
        }
    }

    private void drop(Set<Integer> partitions) {
        partitions.forEach(tasks::remove);
        status.forgetPartitions(partitions);
        status.setAssigned(tasks.keySet());
    }

    // ---- input ----------------------------------------------------------------------------------

    /** Puts polled records in their partition's inbox. */
    void receive(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> r : records) {
            PartitionTask task = tasks.get(r.partition());
            if (task == null) {
                continue; // revoked between fetch and now; the new owner reads it again
            }
            if (r.topic().equals(directoryTopic)) {
                task.inbox.addDirectory(r);
            } else {
                task.inbox.addLicensing(r);
            }
            status.consumed.incrementAndGet();
        }
        for (TopicPartition tp : consumer.assignment()) {
            consumer.currentLag(tp).ifPresent(lag -> status.lag(tp.toString(), lag));
        }
    }

    /** Whether every assigned partition number has its state (false after a restore that failed). */
    boolean complete() {
        return tasks.keySet().containsAll(partitionNumbers(consumer.assignment()));
    }

    Collection<PartitionTask> all() {
        return tasks.values();
    }

    boolean anyBuffered() {
        return tasks.values().stream().anyMatch(t -> !t.inbox.isEmpty());
    }

    /**
     * What the consumer knows of one side of a partition that has nothing buffered (for the merge). "Caught up" must
     * be known as of now, after the other side's records were fetched: the consumer's own lag comes from that side's
     * last fetch, which can be older than a record appended before the other side's (a separate fetch, a broker that
     * just came back). So before the merge lets one side go on alone, the input's end offsets are asked for once per
     * poll ({@link #newPoll}), and only a side at its end offset is caught up.
     */
    PartitionInbox.Lag lagOf(PartitionInbox.Side side, int partition) {
        String topic = side == PartitionInbox.Side.DIRECTORY ? directoryTopic : licensingTopic;
        TopicPartition tp = new TopicPartition(topic, partition);
        var lag = consumer.currentLag(tp);
        if (lag.isEmpty()) {
            return PartitionInbox.Lag.UNKNOWN;
        }
        if (lag.getAsLong() > 0) {
            return PartitionInbox.Lag.BEHIND;
        }
        if (endOffsets == null) {
            endOffsets = consumer.endOffsets(inputPartitions(), CHECK_TIMEOUT);
        }
        Long end = endOffsets.get(tp);
        return end != null && consumer.position(tp) >= end ? PartitionInbox.Lag.CAUGHT_UP : PartitionInbox.Lag.BEHIND;
    }

    /** Records were just polled: what was known of the end offsets is out of date. */
    void newPoll() {
        endOffsets = null;
    }

    /** The input partitions of the owned partition numbers, or one input partition when none is owned. */
    Set<TopicPartition> inputPartitions() {
        Set<TopicPartition> tps = new HashSet<>();
        for (Integer p : tasks.keySet()) {
            tps.add(new TopicPartition(directoryTopic, p));
            tps.add(new TopicPartition(licensingTopic, p));
        }
        if (tps.isEmpty()) {
            tps.add(new TopicPartition(directoryTopic, 0));
        }
        return tps;
    }

    /**
     * Bounds memory when one input runs far ahead of the other: stop fetching the side whose inbox is full, and only
     * that side. Pausing both would stall the merge: a side never fetched since the assignment has no known lag, so
     * the full side would wait the whole idle time for it.
     */
    void applyBackPressure() {
        for (PartitionTask t : tasks.values()) {
            t.directoryPaused = pauseOrResume(new TopicPartition(directoryTopic, t.partition), t.directoryPaused,
                    t.inbox.directorySize());
            t.licensingPaused = pauseOrResume(new TopicPartition(licensingTopic, t.partition), t.licensingPaused,
                    t.inbox.licensingSize());
        }
    }

    private boolean pauseOrResume(TopicPartition tp, boolean paused, int buffered) {
        if (!paused && buffered > PAUSE_ABOVE) {
            consumer.pause(List.of(tp));
            return true;
        }
        if (paused && buffered < RESUME_BELOW) {
            consumer.resume(List.of(tp));
            return false;
        }
        return paused;
    }

    // ---- what a commit and a question read -------------------------------------------------------

    @Override
    public Reconciler reconciler(int partition) {
        return tasks.get(partition).reconciler;
    }

    @Override
    public InputPositions committedPositions(int partition) {
        return tasks.get(partition).committed;
    }

    /** After a commit: the positions the partitions' states now contain. */
    void committed(Map<Integer, InputPositions> positions) {
        positions.forEach((p, pos) -> {
            PartitionTask t = tasks.get(p);
            if (t != null) {
                t.committed = pos;
            }
        });
    }

    /** The state holding a tenant, or null when no owned partition does. */
    Reconciler ownerOf(String tenantId) {
        for (PartitionTask t : tasks.values()) {
            if (t.reconciler.hasTenant(tenantId)) {
                return t.reconciler;
            }
        }
        return null;
    }

    @Override
    public void close() {
        restorer.close();
    }

    private static Set<Integer> partitionNumbers(Collection<TopicPartition> tps) {
        Set<Integer> ps = new TreeSet<>();
        tps.forEach(tp -> ps.add(tp.partition()));
        return ps;
    }
}
