package dev.seatflow.reconciler.core;

import dev.seatflow.events.AlertEvent;
import dev.seatflow.events.AlertLevel;
import dev.seatflow.events.Envelope;
import dev.seatflow.events.GroupStatus;
import dev.seatflow.events.LicenseEntry;
import dev.seatflow.events.LicenseState;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.SeatAlertChanged;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.UserLicenseChanged;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one input event changes in one tenant, collected while the rules run.
 *
 * <p>Outputs are a diff, not a log of steps: each entitlement's view is captured the first time the
 * event touches it, and compared with its view once the event is fully applied. That is why an
 * event yields at most one output per user and SKU, and none when nothing visible changed. The
 * same holds for the rows of the SKUs and groups the event may have changed, and for alert levels:
 * each is compared with the row the topic holds.
 */
final class ChangeSet {
    private final Envelope cause;
    // Most events touch little: collections are small and made on first use (the hot path allocates).
    private final List<Entitlement> touched = new ArrayList<>(4);
    private final List<Subscription> skus = new ArrayList<>(2);
    private Set<String> groups;
    final List<StateRecord> changelog = new ArrayList<>(6);
    boolean tenantRecordChanged;

    ChangeSet(Envelope cause) {
        this.cause = cause;
    }

    /**
     * Captures the view of an existing entitlement before the event first changes it, and takes its
     * part out of its groups' counts until {@link #finish} puts the part it has then back in.
     */
    void touch(Entitlement e, String defaultUsageLocation) {
        if (e.touchedBy != this) {
            e.touchedBy = this;
            e.before = e.view(defaultUsageLocation);
            e.countInGroups(e.before.state(), -1);
            groupsMayHaveChanged(e.groups());
            touched.add(e);
            sku(e.sku);
        }
    }

    void touchNew(Entitlement e) {
        e.touchedBy = this;
        e.before = null;
        touched.add(e);
        sku(e.sku);
    }

    /** The SKU may have a free seat, a newly licensable waiter or a changed row once the event is applied. */
    void sku(Subscription s) {
        if (s.touchedBy != this) {
            s.touchedBy = this;
            skus.add(s);
        }
    }

    List<Subscription> skus() {
        return skus;
    }

    /** The group's status row may have changed (a license, or a member's state for one of its SKUs). */
    void groupMayHaveChanged(String groupId) {
        if (groups == null) {
            groups = new LinkedHashSet<>();
        }
        groups.add(groupId);
    }

    private void groupsMayHaveChanged(Group[] granting) {
        for (Group g : granting) {
            groupMayHaveChanged(g.id);
        }
    }

    /** The cause's time: what an entitlement it creates records as its start. */
    String time() {
        return cause.time();
    }

    /** Compares everything touched with how it is now, and builds the decision. */
    Decision finish(Tenant tenant) {
        String defaultUsageLocation = tenant.defaultUsageLocation;
        List<OutboundEvent> outputs = touched.isEmpty() ? List.of() : new ArrayList<>(touched.size());
        Set<String> users = touched.isEmpty() ? Set.of() : new LinkedHashSet<>();
        Set<String> changedSkus = skus.isEmpty() ? Set.of() : new LinkedHashSet<>();
        for (Entitlement e : touched) {
            LicenseEntry before = e.before;
            LicenseEntry after = e.removed ? null : e.view(defaultUsageLocation);
            e.touchedBy = null;
            e.before = null;
            if (after != null) {
                e.countInGroups(after.state(), +1);
                groupsMayHaveChanged(e.groups());
            }
            changelog.add(e.removed
                    ? new StateRecord.EntitlementEnded(e.user.id, e.skuId())
                    : new StateRecord.EntitlementRecord(e.user.id, e.skuId(), e.position, e.holdsSeat, e.directPlans(),
                            e.since));
            if (Objects.equals(before, after)) {
                continue;
            }
            outputs.add(OutboundEvent.causedBy(cause, changed(e, before, after)));
            users.add(e.user.id);
            changedSkus.add(e.skuId());
        }
        List<AlertEvent> alerts = List.of();
        for (Subscription s : skus) {
            s.touchedBy = null;
            Optional<SeatsRow> row = s.row(tenant.id);
            if (row.equals(s.committedRow)) {
                continue;
            }
            changedSkus.add(s.skuId);
            AlertLevel was = Subscription.level(s.committedRow);
            AlertLevel now = Subscription.level(row);
            if (was != now) {
                if (alerts.isEmpty()) {
                    alerts = new ArrayList<>(2);
                }
                alerts.add(AlertEvent.causedBy(cause, alert(s, was, now, row)));
            }
            s.committedRow = row;
        }
        Set<String> changedGroups = Set.of();
        if (groups != null) {
            for (String groupId : groups) {
                Optional<GroupStatus> status = tenant.groupStatus(groupId);
                if (!status.equals(Optional.ofNullable(tenant.groupRows.get(groupId)))) {
                    if (changedGroups.isEmpty()) {
                        changedGroups = new LinkedHashSet<>();
                    }
                    changedGroups.add(groupId);
                    status.ifPresentOrElse(row -> tenant.groupRows.put(groupId, row),
                            () -> tenant.groupRows.remove(groupId));
                }
            }
        }
        return Decision.applied(cause.tenantId(), outputs, alerts, users, changedSkus, changedGroups, changelog);
    }

    private static SeatAlertChanged alert(Subscription s, AlertLevel was, AlertLevel now, Optional<SeatsRow> row) {
        if (row.isEmpty()) {
            // The row went away (nobody entitled to a SKU never announced): figures of an empty row.
            return new SeatAlertChanged(s.skuId, now, was, 0, 0, 0, 0, null);
        }
        SeatsRow r = row.get();
        return new SeatAlertChanged(s.skuId, now, was, r.seats(), r.assigned(), r.queued(), r.available(),
                r.lowSeatsThreshold());
    }

    private static UserLicenseChanged changed(Entitlement e, LicenseEntry before, LicenseEntry after) {
        LicenseState previous = before == null ? null : before.state();
        if (after == null) {
            return new UserLicenseChanged(e.user.id, e.skuId(), LicenseState.Removed, previous, null, List.of(), List.of(), false);
        }
        return new UserLicenseChanged(e.user.id, e.skuId(), after.state(), previous, after.reason(),
                after.disabledPlans(), after.assignedByGroups(), after.direct());
    }
}
