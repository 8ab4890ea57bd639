package dev.seatflow.reconciler.shell;

import dev.seatflow.events.OutboundEvent;
import dev.seatflow.reconciler.core.Decision;
import dev.seatflow.reconciler.core.StateRecord;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the open transaction will commit besides the change events it already sent: the input
 * offsets, and the rows of the compacted topics (user-licenses, seats, changelog) it changed.
 *
 * <p>Compacted topics keep only the last value per key, so rows are collected per key and sent
 * once at commit: a user changed by a thousand events in one transaction costs one record.
 */
final class TransactionBatch {
    /** A tenant-scoped row on one partition. */
    record Row(int partition, String tenantId, String id) {
    }

    final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    final Set<Row> users = new LinkedHashSet<>();
    final Set<Row> skus = new LinkedHashSet<>();
    final Map<Row, StateRecord> changelog = new LinkedHashMap<>();
    /** The transaction's newest change events, for {@link ServiceStatus#latest()} once committed. */
    final Deque<OutboundEvent> newestOutputs = new ArrayDeque<>();
    long startedAtMs = -1;
    int events;
    /** Change events and dead letters sent: for the log line of the commit. */
    int outputs;
    int rejected;

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
        events++;
    }

    void add(int partition, Decision d) {
        outputs += d.outputs().size();
        String tenant = d.tenantId();
        for (String user : d.changedUsers()) {
            users.add(new Row(partition, tenant, user));
        }
        for (String sku : d.changedSkus()) {
            skus.add(new Row(partition, tenant, sku));
        }
        List<OutboundEvent> outputs = d.outputs();
        for (int i = Math.max(0, outputs.size() - ServiceStatus.LATEST); i < outputs.size(); i++) {
            newestOutputs.addLast(outputs.get(i));
            if (newestOutputs.size() > ServiceStatus.LATEST) {
                newestOutputs.removeFirst();
            }
        }
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

    void clear() {
        offsets.clear();
        users.clear();
        skus.clear();
        changelog.clear();
        newestOutputs.clear();
        startedAtMs = -1;
        events = 0;
        outputs = 0;
        rejected = 0;
    }
}
