package dev.seatflow.reconciler.shell;

import dev.seatflow.events.json.EventCodec;
import dev.seatflow.reconciler.core.Decision;
import dev.seatflow.reconciler.core.Reconciler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a transaction writes, topic by topic, and where each topic's records come from. Two shapes cover every
 * output: a stream of events taken from each {@link Decision} and sent at once ({@code licensing.assignments},
 * {@code licensing.alerts}), and
 * a compacted table of rows, one per tenant and id, whose value is read from the state once per transaction at
 * commit ({@code licensing.user-licenses}, {@code licensing.seats}, {@code licensing.group-status}). A new output is one more entry here; the
 * transaction, the topic setup and the ACL list follow from this list.
 */
final class OutputTopics {

    /** Events sent as soon as a decision makes them, keyed by tenant, on the input's partition. */
    record Stream(String topic, Function<Decision, List<byte[]>> events) {
    }

    /** A compacted topic: {@code changed} names the ids a decision touched; {@code value} reads one at commit. */
    record Table(String topic, Function<Decision, Set<String>> changed, RowReader value) {
    }

    /** A row's value as the state holds it now, or null for a tombstone (the row is gone). */
    @FunctionalInterface
    interface RowReader {
        byte[] read(Reconciler state, String tenantId, String id);
    }

    final List<Stream> streams;
    final List<Table> tables;
    /** The tables whose rows the dashboard and metrics show, as they are committed. */
    final Table seats;
    final Table groupStatus;
    final String rejected;
    final String changelog;

    private OutputTopics(List<Stream> streams, List<Table> tables, Table seats, Table groupStatus, String rejected,
            String changelog) {
        this.streams = streams;
        this.tables = tables;
        this.seats = seats;
        this.groupStatus = groupStatus;
        this.rejected = rejected;
        this.changelog = changelog;
    }

    static OutputTopics of(Settings s) {
        EventCodec codec = EventCodec.INSTANCE;
        Stream assignments = new Stream(s.assignmentsTopic(),
                d -> d.outputs().isEmpty() ? List.of() : d.outputs().stream().map(codec::encodeOutput).toList());
        Stream alerts = new Stream(s.alertsTopic(),
                d -> d.alerts().isEmpty() ? List.of() : d.alerts().stream().map(codec::encodeAlert).toList());
        Table userLicenses = new Table(s.userLicensesTopic(), Decision::changedUsers,
                (state, tenant, user) -> state.userLicenses(tenant, user).map(codec::encodeUserLicenses).orElse(null));
        Table seats = new Table(s.seatsTopic(), Decision::changedSkus,
                (state, tenant, sku) -> state.seats(tenant, sku).map(codec::encodeSeats).orElse(null));
        Table groupStatus = new Table(s.groupStatusTopic(), Decision::changedGroups,
                (state, tenant, group) -> state.groupStatus(tenant, group).map(codec::encodeGroupStatus).orElse(null));
        return new OutputTopics(List.of(assignments, alerts), List.of(userLicenses, seats, groupStatus), seats,
                groupStatus, s.rejectedTopic(), s.changelogTopic());
    }

    /** Every topic the service writes, with whether it is compacted: what {@link TopicSetup} makes sure of. */
    Map<String, Boolean> compactedByTopic() {
        Map<String, Boolean> all = new LinkedHashMap<>();
        streams.forEach(st -> all.put(st.topic(), false));
        tables.forEach(t -> all.put(t.topic(), true));
        all.put(rejected, false);
        all.put(changelog, true);
        return all;
    }
}
