package dev.seatflow.reconciler.core;

import dev.seatflow.events.Envelope;
import dev.seatflow.events.LicenseEntry;
import dev.seatflow.events.LicenseState;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.UserLicenseChanged;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one input event changes in one tenant, collected while the rules run.
 *
 * <p>Outputs are a diff, not a log of steps: each entitlement's view is captured the first time the
 * event touches it, and compared with its view once the event is fully applied. That is why an
 * event yields at most one output per user and SKU, and none when nothing visible changed.
 */
final class ChangeSet {
    private final Envelope cause;
    // Most events touch little: collections are small and made on first use (the hot path allocates).
    private final List<Entitlement> touched = new ArrayList<>(4);
    private final List<SeatPool> poolsToServe = new ArrayList<>(2);
    private String announcedSku;
    final List<StateRecord> changelog = new ArrayList<>(6);
    boolean tenantRecordChanged;

    ChangeSet(Envelope cause) {
        this.cause = cause;
    }

    /** Captures the view of an existing entitlement before the event first changes it. */
    void touch(Entitlement e, String defaultUsageLocation) {
        if (e.touchedBy != this) {
            e.touchedBy = this;
            e.before = e.view(defaultUsageLocation);
            touched.add(e);
        }
    }

    void touchNew(Entitlement e) {
        e.touchedBy = this;
        e.before = null;
        touched.add(e);
    }

    /** The pool may have a free seat or a newly licensable waiter once the event is applied. */
    void serveLater(SeatPool pool) {
        // A handful of pools at most per event (the SKUs of one group or user): a list beats a set.
        if (!poolsToServe.contains(pool)) {
            poolsToServe.add(pool);
        }
    }

    List<SeatPool> poolsToServe() {
        return poolsToServe;
    }

    /** The cause's time: what an entitlement it creates records as its start. */
    String time() {
        return cause.time();
    }

    void subscriptionAnnounced(String skuId) {
        announcedSku = skuId;
    }

    /** Compares every touched entitlement with its view now, and builds the decision. */
    Decision finish(String defaultUsageLocation) {
        List<OutboundEvent> outputs = touched.isEmpty() ? List.of() : new ArrayList<>(touched.size());
        Set<String> users = touched.isEmpty() ? Set.of() : new LinkedHashSet<>();
        Set<String> skus = touched.isEmpty() && announcedSku == null ? Set.of() : new LinkedHashSet<>();
        if (announcedSku != null) {
            skus.add(announcedSku);
        }
        for (Entitlement e : touched) {
            LicenseEntry before = e.before;
            LicenseEntry after = e.removed ? null : e.view(defaultUsageLocation);
            e.touchedBy = null;
            e.before = null;
            changelog.add(e.removed
                    ? new StateRecord.EntitlementEnded(e.user.id, e.skuId())
                    : new StateRecord.EntitlementRecord(e.user.id, e.skuId(), e.position, e.holdsSeat, e.directPlans(),
                            e.since));
            if (Objects.equals(before, after)) {
                continue;
            }
            outputs.add(OutboundEvent.causedBy(cause, changed(e, before, after)));
            users.add(e.user.id);
            skus.add(e.skuId());
        }
        return Decision.applied(cause.tenantId(), outputs, List.of(), users, skus, Set.of(), changelog);
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
