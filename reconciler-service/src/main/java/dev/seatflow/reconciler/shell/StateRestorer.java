package dev.seatflow.reconciler.shell;

import dev.seatflow.reconciler.core.Reconciler;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the reconciler of each partition from its changelog partition.
 *
 * <p>Reads {@code read_committed} until the position reaches the end offset, not until the last
 * record seen: transaction markers and compaction leave offsets without a record.
 */
final class StateRestorer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StateRestorer.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String changelogTopic;
    private final int dedupWindow;
    private final ChangelogCodec codec = new ChangelogCodec();

    StateRestorer(KafkaConsumer<byte[], byte[]> consumer, String changelogTopic, int dedupWindow) {
        this.consumer = consumer;
        this.changelogTopic = changelogTopic;
        this.dedupWindow = dedupWindow;
    }

    /** One fresh reconciler per partition, holding that partition's committed state. */
    Map<Integer, Reconciler> restore(Collection<Integer> partitions, LongConsumer progress) {
        Map<Integer, Reconciler> restored = new HashMap<>();
        if (partitions.isEmpty()) {
            return restored;
        }
        long started = System.nanoTime();
        List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(changelogTopic, p)).toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        Map<TopicPartition, Long> end = consumer.endOffsets(tps);
        for (Integer p : partitions) {
            restored.put(p, new Reconciler(dedupWindow));
        }
        long records = 0;
        while (!caughtUp(end)) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                try {
                    ChangelogCodec.Key key = ChangelogCodec.parseKey(r.key());
                    Reconciler reconciler = restored.get(r.partition());
                    if (r.value() == null) {
                        reconciler.restoreTombstone(key.tenantId(), key.recordKey());
                    } else {
                        reconciler.restore(key.tenantId(), codec.decode(r.value()));
                    }
                } catch (RuntimeException e) {
                    throw new CorruptStateException(r.topic() + "-" + r.partition() + "@" + r.offset(), e);
                }
                records++;
            }
            progress.accept(records);
        }
        try {
            restored.values().forEach(Reconciler::finishRestore);
        } catch (RuntimeException e) {
            throw new CorruptStateException(changelogTopic + " partitions " + partitions, e);
        }
        consumer.assign(List.of());
        log.info("restored partitions {} from {} changelog records in {} ms", partitions, records,
                (System.nanoTime() - started) / 1_000_000);
        return restored;
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
     * The changelog cannot be read back into a state: retrying would fail the same way forever, so
     * the service stops and says where. (It means the topic was written by something else, or by
     * an incompatible version.)
     */
    static final class CorruptStateException extends org.apache.kafka.common.KafkaException {
        CorruptStateException(String where, Throwable cause) {
            super("cannot restore the reconciler's state from " + where + ": " + cause.getMessage(), cause);
        }
    }
}
