package dev.seatflow.reconciler.shell;

import dev.seatflow.events.AlertEvent;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.reconciler.core.Decision;
import dev.seatflow.reconciler.core.StateRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the open transaction will commit besides the events it already sent: the input offsets, and the rows of the
 * compacted topics (each {@link OutputTopics.Table}, and the changelog) it changed.
 *
 * <p>Compacted topics keep only the last value per key, so rows are collected per key and sent once at commit: a
 * user changed by a thousand events in one transaction costs one record.
 */
final class TransactionBatch {
    /** A tenant-scoped row on one partition. */
    record Row(int partition, String tenantId, String id) {
    }

    final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    /** Partition numbers whose input this transaction consumed: each gets its positions in the changelog. */
    final Set<Integer> partitions = new TreeSet<>();
    private final Map<OutputTopics.Table, Set<Row>> rows = new LinkedHashMap<>();
    final Map<Row, StateRecord> changelog = new LinkedHashMap<>();
    /** The transaction's newest change events, for {@link ServiceStatus#latest()} once committed. */
    final Deque<OutboundEvent> newestOutputs = new ArrayDeque<>();
    /** The transaction's alert events (few: one per change of a SKU's level), for the dashboard once committed. */
    final List<AlertEvent> alerts = new ArrayList<>();
    long startedAtMs = -1;
    int events;
    /** Change events and dead letters sent: for the log line of the commit. */
    int outputs;
    int rejected;

    TransactionBatch(List<OutputTopics.Table> tables) {
        tables.forEach(t -> rows.put(t, new LinkedHashSet<>()));
    }

    boolean isOpen() {
        return startedAtMs >= 0;
    }

    void open(long nowMs) {
        if (!isOpen()) {
            startedAtMs = nowMs;
        }
    }

    void consumed(TopicPartition tp, long offset) {
        offsets.put(tp, new OffsetAndMetadata(offset + 1));
        partitions.add(tp.partition());
        events++;
    }

    Set<Row> rows(OutputTopics.Table table) {
        return rows.get(table);
    }

    void add(int partition, Decision d) {
        outputs += d.outputs().size();
        String tenant = d.tenantId();
        rows.forEach((table, changed) -> {
            for (String id : table.changed().apply(d)) {
                changed.add(new Row(partition, tenant, id));
            }
        });
        List<OutboundEvent> outputs = d.outputs();
        for (int i = Math.max(0, outputs.size() - ServiceStatus.LATEST); i < outputs.size(); i++) {
            newestOutputs.addLast(outputs.get(i));
            if (newestOutputs.size() > ServiceStatus.LATEST) {
                newestOutputs.removeFirst();
            }
        }
        alerts.addAll(d.alerts());
        for (StateRecord r : d.changelog()) {
            Row key = new Row(partition, tenant, r.key());
            if (changelog.put(key, r) != null) {
                // Re-insert: the latest write goes last, as in the log. Rare, so the common case
                // (a key not yet in this transaction) costs one lookup, not two.
                changelog.remove(key);
                changelog.put(key, r);
            }
        }
    }

    int rowCount() {
        return rows.values().stream().mapToInt(Set::size).sum();
    }

    void clear() {
        offsets.clear();
        partitions.clear();
        rows.values().forEach(Set::clear);
        changelog.clear();
        newestOutputs.clear();
        alerts.clear();
        startedAtMs = -1;
        events = 0;
        outputs = 0;
        rejected = 0;
    }
}
