package dev.seatflow.reconciler.core;

import dev.seatflow.events.AlertEvent;
import dev.seatflow.events.OutboundEvent;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * What applying one input event decided: the change events and alert events to publish, which
 * users', SKUs' and groups' state-topic rows changed, and the changelog records that make the new
 * state durable.
 */
public final class Decision {
    private final String tenantId;
    private final boolean duplicate;
    private final List<OutboundEvent> outputs;
    private final List<AlertEvent> alerts;
    private final Set<String> changedUsers;
    private final Set<String> changedSkus;
    private final Set<String> changedGroups;
    private final List<StateRecord> changelog;

    private Decision(String tenantId, boolean duplicate, List<OutboundEvent> outputs, List<AlertEvent> alerts,
            Set<String> changedUsers, Set<String> changedSkus, Set<String> changedGroups, List<StateRecord> changelog) {
        this.tenantId = tenantId;
        this.duplicate = duplicate;
        this.outputs = outputs;
        this.alerts = alerts;
        this.changedUsers = changedUsers;
        this.changedSkus = changedSkus;
        this.changedGroups = changedGroups;
        this.changelog = changelog;
    }

    static Decision applied(String tenantId, List<OutboundEvent> outputs, List<AlertEvent> alerts,
            Set<String> changedUsers, Set<String> changedSkus, Set<String> changedGroups, List<StateRecord> changelog) {
        // The change set that built these is discarded: read-only views need no copies, and the
        // empty ones (most of them, most of the time) are the immutable List.of()/Set.of() already.
        return new Decision(tenantId, false, readOnly(outputs), readOnly(alerts), readOnly(changedUsers),
                readOnly(changedSkus), readOnly(changedGroups), readOnly(changelog));
    }

    private static <T> List<T> readOnly(List<T> list) {
        return list.isEmpty() ? List.of() : Collections.unmodifiableList(list);
    }

    private static <T> Set<T> readOnly(Set<T> set) {
        return set.isEmpty() ? Set.of() : Collections.unmodifiableSet(set);
    }

    /** The event's source + id was already accepted for this tenant: nothing changed. */
    static Decision duplicate(String tenantId) {
        return new Decision(tenantId, true, List.of(), List.of(), Set.of(), Set.of(), Set.of(), List.of());
    }

    public String tenantId() {
        return tenantId;
    }

    public boolean duplicate() {
        return duplicate;
    }

    /** The {@code licensing.user.license.changed} events, in the order they are published. */
    public List<OutboundEvent> outputs() {
        return outputs;
    }

    /** v2: the {@code licensing.seats.alert.changed} events, one per SKU whose alert level changed. */
    public List<AlertEvent> alerts() {
        return alerts;
    }

    /** Users whose {@code licensing.user-licenses} value changed. */
    public Set<String> changedUsers() {
        return changedUsers;
    }

    /** SKUs whose {@code licensing.seats} row changed. */
    public Set<String> changedSkus() {
        return changedSkus;
    }

    /**
     * v2: groups whose {@code licensing.group-status} row changed (or must become a tombstone: see
     * {@link Reconciler#groupStatus}).
     */
    public Set<String> changedGroups() {
        return changedGroups;
    }

    /** Records for the state changelog; applying them with {@link Reconciler#restore} rebuilds the state. */
    public List<StateRecord> changelog() {
        return changelog;
    }
}
