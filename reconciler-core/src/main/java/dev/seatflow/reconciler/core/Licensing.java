package dev.seatflow.reconciler.core;

import dev.seatflow.events.LicensingEvent.SubscriptionUpserted;
import dev.seatflow.events.SubscriptionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * License administration's events: subscriptions (rules 2 and 4: an inactive subscription blocks
 * waiters, a Deleted one takes its seats back), group and direct license assignments (rule 1), the
 * tenant's default usage location, and reprocessing.
 */
final class Licensing {
    private final Tenant t;

    Licensing(Tenant t) {
        this.t = t;
    }

    void subscriptionUpserted(SubscriptionUpserted e) {
        Subscription sku = t.sku(e.skuId());
        t.changes.sku(sku);
        boolean nowActive = e.status().canAssignSeats();
        if (sku.isActive() != nowActive) {
            // Licensable waiters switch between SeatsExhausted and SubscriptionInactive.
            t.touchAll(Tenant.readyOf(sku));
        }
        if (e.status() == SubscriptionStatus.Deleted) {
            // Rule 4: a Deleted subscription takes its seats back; positions survive.
            List<Entitlement> holders = sku.holdersByPosition();
            t.touchAll(holders);
            for (Entitlement h : holders) {
                sku.unfile(h);
                sku.fileWaiting(h, t.seating.isLicensable(h));
            }
        }
        sku.seats = e.seats();
        sku.status = e.status();
        sku.servicePlans = e.servicePlans();
        sku.lowSeatsThreshold = e.lowSeatsThreshold();
        t.changes.changelog.add(new StateRecord.SubscriptionRecord(e.skuId(), e.seats(), e.status(), e.servicePlans(),
                e.lowSeatsThreshold()));
    }

    void groupLicenseAssigned(String groupId, String skuId, List<String> disabledPlans) {
        Group group = t.groups.computeIfAbsent(groupId, Group::new);
        GroupLicense license = group.licenses.get(skuId);
        if (license != null && license.disabledPlans().equals(disabledPlans)) {
            return; // the same assignment again
        }
        t.changes.groupMayHaveChanged(groupId);
        t.changes.changelog.add(new StateRecord.GroupLicenseRecord(groupId, skuId, disabledPlans));
        if (license != null) {
            // Re-assigning replaces disabledPlans and keeps every position.
            for (User member : Nesting.memberOrder(group)) {
                t.changes.touch(member.entitlements.get(skuId), t.defaultUsageLocation);
            }
            license.setDisabledPlans(disabledPlans);
            return;
        }
        group.licenses.put(skuId, new GroupLicense(disabledPlans));
        for (User member : Nesting.memberOrder(group)) {
            t.grantFromGroup(member, skuId, group);
        }
    }

    void groupLicenseRemoved(String groupId, String skuId) {
        Group group = t.groups.get(groupId);
        if (group == null || !group.licenses.containsKey(skuId)) {
            return;
        }
        for (User member : Nesting.memberOrder(group)) {
            t.revokeFromGroup(member, skuId, group);
        }
        group.licenses.remove(skuId);
        t.changes.groupMayHaveChanged(groupId);
        t.changes.changelog.add(new StateRecord.GroupLicenseEnded(groupId, skuId));
        t.forgetIfVacant(group);
    }

    void userLicenseAssigned(String userId, String skuId, List<String> disabledPlans) {
        User user = t.users.computeIfAbsent(userId, User::new);
        Entitlement e = user.entitlements.get(skuId);
        if (e == null) {
            e = t.newEntitlement(user, skuId);
            e.setDirectPlans(disabledPlans);
            t.seating.fileNew(e);
            return;
        }
        t.changes.touch(e, t.defaultUsageLocation);
        boolean wasDirect = e.isDirect();
        e.setDirectPlans(disabledPlans);
        if (!wasDirect) {
            t.seating.refile(e); // a direct assignment lifts GuestUser
        }
    }

    void userLicenseRemoved(String userId, String skuId) {
        User user = t.users.get(userId);
        Entitlement e = user == null ? null : user.entitlements.get(skuId);
        if (e == null || !e.isDirect()) {
            return;
        }
        t.changes.touch(e, t.defaultUsageLocation);
        e.setDirectPlans(null);
        if (e.hasSources()) {
            t.seating.refile(e);
        } else {
            t.endEntitlement(e);
        }
        t.forgetIfVacant(user);
    }

    void tenantSettingsUpserted(String usageLocation) {
        if (Objects.equals(usageLocation, t.defaultUsageLocation)) {
            return;
        }
        // Only waiting users without a usage location of their own can change (held seats stick).
        List<Entitlement> affected = new ArrayList<>();
        for (Subscription sku : t.skusById()) {
            for (Entitlement e : Tenant.waitingOf(sku)) {
                if (e.user.usageLocation == null) {
                    affected.add(e);
                }
            }
        }
        t.touchAll(affected);
        t.defaultUsageLocation = usageLocation;
        t.changes.tenantRecordChanged = true;
        t.seating.refileAll(affected);
    }

    /** Re-derives waiting users under the same rules; never moves a held seat or a position. */
    void reprocess(String userId) {
        List<Entitlement> waiting = new ArrayList<>();
        if (userId != null) {
            User user = t.users.get(userId);
            if (user != null) {
                waiting.addAll(Tenant.waitingOf(user));
            }
        } else {
            for (Subscription sku : t.skusById()) {
                waiting.addAll(Tenant.waitingOf(sku));
                t.changes.sku(sku);
            }
        }
        t.touchAll(waiting);
        t.seating.refileAll(waiting);
    }
}
