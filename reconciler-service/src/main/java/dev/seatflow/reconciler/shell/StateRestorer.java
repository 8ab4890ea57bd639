package dev.seatflow.reconciler.shell;

import dev.seatflow.reconciler.core.Reconciler;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the reconciler of each partition from its changelog partition, up to exactly the committed input
 * offsets.
 *
 * <p>Reads {@code read_committed} until the position reaches the end offset, not until the last record seen:
 * transaction markers and compaction leave offsets without a record. Then it compares the {@link InputPositions}
 * the changelog holds with the consumer group's committed offsets: a commit returns before the coordinator has
 * written its markers, so the changelog's last stable offset can trail the offsets for a moment (after a handover
 * it may show nothing yet), and it reads on until they agree (a state and the offsets it is read from always come
 * from the same transaction).
 */
final class StateRestorer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StateRestorer.class);

    private final Consumer<byte[], byte[]> consumer;
    private final String changelogTopic;
    private final int dedupWindow;
    private final long patienceMs;
    private final ChangelogCodec codec = new ChangelogCodec();

    /** A partition's state, and the input positions it contains (those to read the inputs from). */
    record Restored(Reconciler reconciler, InputPositions positions) {
    }

    /**
     * @param patienceMs how long the changelog may disagree with the committed offsets before the offsets win
     *        (they were moved by hand, or the group was deleted): the transaction timeout, the longest an
     *        undecided transaction can hold the changelog back
     */
    StateRestorer(Consumer<byte[], byte[]> consumer, String changelogTopic, int dedupWindow, long patienceMs) {
        this.consumer = consumer;
        this.changelogTopic = changelogTopic;
        this.dedupWindow = dedupWindow;
        this.patienceMs = patienceMs;
    }

    /**
     * One fresh reconciler per partition, holding that partition's committed state.
     *
     * @param committed reads the consumer group's committed input positions per partition (read stable)
     */
    Map<Integer, Restored> restore(Set<Integer> partitions, Supplier<Map<Integer, InputPositions>> committed,
            LongConsumer progress) {
        Map<Integer, Restored> result = new HashMap<>();
        if (partitions.isEmpty()) {
            return result;
        }
        long started = System.nanoTime();
        long deadline = System.currentTimeMillis() + patienceMs;
        Map<Integer, InputPositions> offsets = committed.get();
        List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(changelogTopic, p)).toList();
        Map<Integer, Reconciler> states = new HashMap<>();
        Map<Integer, InputPositions> contained = new HashMap<>();
        partitions.forEach(p -> states.put(p, new Reconciler(dedupWindow)));
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        long records = 0;
        Map<TopicPartition, Long> end = consumer.endOffsets(tps);
        while (true) {
            while (!caughtUp(end)) {
                records += poll(states, contained, Duration.ofMillis(200));
                progress.accept(records);
            }
            Set<Integer> disagree = disagreeing(partitions, contained, offsets);
            if (disagree.isEmpty()) {
                break;
            }
            if (System.currentTimeMillis() > deadline) {
                log.warn("the changelog of partitions {} holds the state up to input positions {}, but the committed "
                        + "offsets are {}: the offsets were moved outside Seatflow, or the changelog was written by a "
                        + "version without positions; reading the inputs from the committed offsets", disagree,
                        contained, offsets);
                break;
            }
            // The markers of the last commit are on their way: wait a moment, then look again.
            records += poll(states, contained, Duration.ofMillis(50));
            offsets = committed.get();
            end = consumer.endOffsets(tps);
        }
        try {
            states.values().forEach(Reconciler::finishRestore);
        } catch (RuntimeException e) {
            throw new CorruptStateException(changelogTopic + " partitions " + partitions, e);
        }
        consumer.assign(List.of());
        for (Integer p : partitions) {
            result.put(p, new Restored(states.get(p), offsets.getOrDefault(p, InputPositions.NONE)));
        }
        log.info("restored partitions {} from {} changelog records in {} ms, up to input positions {}", partitions,
                records, (System.nanoTime() - started) / 1_000_000, offsets);
        return result;
    }

    private int poll(Map<Integer, Reconciler> states, Map<Integer, InputPositions> contained, Duration timeout) {
        int n = 0;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            apply(r, states.get(r.partition()), contained);
            n++;
        }
        return n;
    }

    private void apply(ConsumerRecord<byte[], byte[]> r, Reconciler reconciler, Map<Integer, InputPositions> contained) {
        try {
            if (InputPositions.isChangelogKey(r.key())) {
                contained.put(r.partition(), InputPositions.fromChangelog(r.value()));
                return;
            }
            ChangelogCodec.Key key = ChangelogCodec.parseKey(r.key());
            if (r.value() == null) {
                reconciler.restoreTombstone(key.tenantId(), key.recordKey());
            } else {
                reconciler.restore(key.tenantId(), codec.decode(r.value()));
            }
        } catch (RuntimeException e) {
            throw new CorruptStateException(r.topic() + "-" + r.partition() + "@" + r.offset(), e);
        }
    }

    /**
     * Partitions whose changelog, as far as it is readable now, holds other positions than the committed ones. A
     * changelog with no positions yet holds none ({@link InputPositions#NONE}): right after a handover it may simply
     * not be readable yet while the offsets already are.
     */
    private static Set<Integer> disagreeing(Set<Integer> partitions, Map<Integer, InputPositions> contained,
            Map<Integer, InputPositions> offsets) {
        Set<Integer> disagree = new TreeSet<>();
        for (Integer p : partitions) {
            InputPositions in = contained.getOrDefault(p, InputPositions.NONE);
            if (!in.equals(offsets.getOrDefault(p, InputPositions.NONE))) {
                disagree.add(p);
            }
        }
        return disagree;
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close();
    }

    /**
     * The changelog cannot be read back into a state: retrying would fail the same way forever, so the service stops
     * and says where. (It means the topic was written by something else, or by an incompatible version.)
     */
    static final class CorruptStateException extends KafkaException {
        CorruptStateException(String where, Throwable cause) {
            super("cannot restore the reconciler's state from " + where + ": " + cause.getMessage(), cause);
        }
    }
}
