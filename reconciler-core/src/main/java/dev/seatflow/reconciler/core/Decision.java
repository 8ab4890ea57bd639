package dev.seatflow.reconciler.core;

import dev.seatflow.events.OutboundEvent;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * What applying one input event decided: the change events to publish, which users' and SKUs'
 * state-topic rows changed, and the changelog records that make the new state durable.
 */
public final class Decision {
    private final String tenantId;
    private final boolean duplicate;
    private final List<OutboundEvent> outputs;
    private final Set<String> changedUsers;
    private final Set<String> changedSkus;
    private final List<StateRecord> changelog;

    private Decision(String tenantId, boolean duplicate, List<OutboundEvent> outputs, Set<String> changedUsers,
            Set<String> changedSkus, List<StateRecord> changelog) {
        this.tenantId = tenantId;
        this.duplicate = duplicate;
        this.outputs = outputs;
        this.changedUsers = changedUsers;
        this.changedSkus = changedSkus;
        this.changelog = changelog;
    }

    static Decision applied(String tenantId, List<OutboundEvent> outputs, Set<String> changedUsers,
            Set<String> changedSkus, List<StateRecord> changelog) {
        // The change set that built these is discarded: read-only views need no copies.
        return new Decision(tenantId, false, Collections.unmodifiableList(outputs),
                Collections.unmodifiableSet(changedUsers), Collections.unmodifiableSet(changedSkus),
                Collections.unmodifiableList(changelog));
    }

    /** The event's source + id was already accepted for this tenant: nothing changed. */
    static Decision duplicate(String tenantId) {
        return new Decision(tenantId, true, List.of(), Set.of(), Set.of(), List.of());
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

    /** Users whose {@code licensing.user-licenses} value changed. */
    public Set<String> changedUsers() {
        return changedUsers;
    }

    /** SKUs whose {@code licensing.seats} row changed. */
    public Set<String> changedSkus() {
        return changedSkus;
    }

    /** Records for the state changelog; applying them with {@link Reconciler#restore} rebuilds the state. */
    public List<StateRecord> changelog() {
        return changelog;
    }
}
