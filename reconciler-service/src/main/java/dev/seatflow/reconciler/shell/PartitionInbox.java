package dev.seatflow.reconciler.shell;

import java.util.ArrayDeque;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The buffered input of one partition number: {@code directory.changes} and
 * {@code licensing.config} merged by record timestamp, ties to the directory, as a Kafka Streams
 * task orders its input partitions.
 *
 * <p>While one side has nothing buffered, the other waits until the consumer knows the empty side
 * is caught up, at most {@code maxIdleMs} ({@code SEATFLOW_MAX_IDLE_MS}, the contract's "configurable
 * idle time"): a record still on its way on the empty side could belong before it. That bound is the
 * only one; time is an argument, so the merge is tested without a clock. (The loop passes the time it
 * has spent polling: only then can a side's records arrive.)
 */
final class PartitionInbox {
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> directory = new ArrayDeque<>();
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> licensing = new ArrayDeque<>();
    private final long maxIdleMs;
    /** Since when one side has held records while the other had none; -1 when not waiting. */
    private long waitingSinceMs = -1;

    PartitionInbox(long maxIdleMs) {
        this.maxIdleMs = maxIdleMs;
    }

    void addDirectory(ConsumerRecord<byte[], byte[]> r) {
        directory.add(r);
    }

    void addLicensing(ConsumerRecord<byte[], byte[]> r) {
        licensing.add(r);
    }

    boolean isEmpty() {
        return directory.isEmpty() && licensing.isEmpty();
    }

    int size() {
        return directory.size() + licensing.size();
    }

    int directorySize() {
        return directory.size();
    }

    int licensingSize() {
        return licensing.size();
    }

    enum Side { DIRECTORY, LICENSING }

    /** What the consumer knows about a side that has nothing buffered. */
    enum Lag {
        /** Fetched to the end: nothing earlier can be in flight. */
        CAUGHT_UP,
        /** Records are on the broker, not fetched yet. */
        BEHIND,
        /** Not fetched since it was assigned: the lag is not known yet. */
        UNKNOWN
    }

    /**
     * The next record to apply, or null when none may go yet.
     *
     * <p>A caught-up empty side lets the other go on at once. A side whose records are on the broker
     * but not fetched yet, or whose lag is not known yet (just assigned), is waited for, at most
     * {@code maxIdleMs} in all; then the other side goes on alone ("enforced processing"), so a
     * partition that cannot be fetched cannot stall the other. On a busy host a fetch can take longer
     * than a short idle time: raise {@code SEATFLOW_MAX_IDLE_MS} where the order across the two topics
     * matters more than the delay.
     *
     * @param lagOf what the consumer knows about that side right now
     */
    ConsumerRecord<byte[], byte[]> next(long nowMs, java.util.function.Function<Side, Lag> lagOf) {
        if (!directory.isEmpty() && !licensing.isEmpty()) {
            waitingSinceMs = -1;
            return directory.peek().timestamp() <= licensing.peek().timestamp() ? directory.poll() : licensing.poll();
        }
        if (isEmpty()) {
            waitingSinceMs = -1;
            return null;
        }
        boolean directoryHasRecords = !directory.isEmpty();
        Lag other = lagOf.apply(directoryHasRecords ? Side.LICENSING : Side.DIRECTORY);
        if (other == Lag.CAUGHT_UP) {
            waitingSinceMs = -1;
            return directoryHasRecords ? directory.poll() : licensing.poll();
        }
        if (waitingSinceMs < 0) {
            waitingSinceMs = nowMs;
        }
        if (nowMs - waitingSinceMs >= maxIdleMs) {
            // Enforced processing: the other side is late; go on rather than stall the partition.
            return directoryHasRecords ? directory.poll() : licensing.poll();
        }
        return null;
    }

    void clear() {
        directory.clear();
        licensing.clear();
        waitingSinceMs = -1;
    }
}
