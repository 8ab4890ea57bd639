package dev.seatflow.reconciler.core;

import dev.seatflow.events.DirectoryEvent.GroupDeleted;
import dev.seatflow.events.DirectoryEvent.GroupMemberAdded;
import dev.seatflow.events.DirectoryEvent.GroupMemberRemoved;
import dev.seatflow.events.DirectoryEvent.UserDeleted;
import dev.seatflow.events.DirectoryEvent.UserUpserted;
import dev.seatflow.events.GroupStatus;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.InputEvent;
import dev.seatflow.events.LicenseEntry;
import dev.seatflow.events.LicensingEvent.GroupLicenseAssigned;
import dev.seatflow.events.LicensingEvent.GroupLicenseRemoved;
import dev.seatflow.events.LicensingEvent.ReprocessRequested;
import dev.seatflow.events.LicensingEvent.SubscriptionUpserted;
import dev.seatflow.events.LicensingEvent.TenantSettingsUpserted;
import dev.seatflow.events.LicensingEvent.UserLicenseAssigned;
import dev.seatflow.events.LicensingEvent.UserLicenseRemoved;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserLicenses;
import dev.seatflow.events.UserType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The state of one tenant and the rules that change it. Tenants share nothing.
 *
 * <p>Each input event is applied in three steps: its handler changes memberships, licenses and
 * subscriptions, touching (capturing the view of) every entitlement before changing it; the pools
 * it may have freed are served, first come first served; the {@link ChangeSet} then diffs the
 * touched entitlements into output events. Work is proportional to what the event touches.
 */
final class Tenant {
    final String id;
    final Map<String, User> users = new HashMap<>();
    final Map<String, Group> groups = new HashMap<>();
    final Map<String, SeatPool> pools = new HashMap<>();
    String defaultUsageLocation;
    long nextPosition;
    long nextJoin;
    final SeenEvents seen;

    /** The event being applied; null between events. */
    private ChangeSet changes;

    Tenant(String id, int dedupWindow) {
        this.id = id;
        this.seen = new SeenEvents(dedupWindow);
    }

    Decision apply(InboundEvent event) {
        SeenEvents.EventId eventId = new SeenEvents.EventId(event.envelope().source(), event.envelope().id());
        if (seen.contains(eventId)) {
            return Decision.duplicate(id);
        }
        changes = new ChangeSet(event.envelope());
        try {
            seen.accept(eventId, changes.changelog);
            changes.tenantRecordChanged = true;
            dispatch(event.data());
            for (SeatPool pool : changes.poolsToServe()) {
                serve(pool);
            }
            if (changes.tenantRecordChanged) {
                changes.changelog.add(tenantRecord());
            }
            return changes.finish(defaultUsageLocation);
        } finally {
            changes = null;
        }
    }

    /** The one place input events meet their rules. */
    private void dispatch(InputEvent data) {
        if (data instanceof GroupMemberAdded e) {
            memberAdded(e.groupId(), e.userId());
        } else if (data instanceof GroupMemberRemoved e) {
            memberRemoved(e.groupId(), e.userId());
        } else if (data instanceof UserUpserted e) {
            userUpserted(e.userId(), e.usageLocation(), e.userType());
        } else if (data instanceof UserDeleted e) {
            userDeleted(e.userId());
        } else if (data instanceof GroupDeleted e) {
            groupDeleted(e.groupId());
        } else if (data instanceof SubscriptionUpserted e) {
            subscriptionUpserted(e);
        } else if (data instanceof GroupLicenseAssigned e) {
            groupLicenseAssigned(e.groupId(), e.skuId(), e.disabledPlans());
        } else if (data instanceof GroupLicenseRemoved e) {
            groupLicenseRemoved(e.groupId(), e.skuId());
        } else if (data instanceof UserLicenseAssigned e) {
            userLicenseAssigned(e.userId(), e.skuId(), e.disabledPlans());
        } else if (data instanceof UserLicenseRemoved e) {
            userLicenseRemoved(e.userId(), e.skuId());
        } else if (data instanceof TenantSettingsUpserted e) {
            tenantSettingsUpserted(e.defaultUsageLocation());
        } else if (data instanceof ReprocessRequested e) {
            reprocess(e.userId());
        } else {
            throw new IllegalArgumentException("no rule for event " + data.getClass().getName());
        }
    }

    // ---- directory ----------------------------------------------------------------------------

    private void memberAdded(String groupId, String userId) {
        Group group = groups.computeIfAbsent(groupId, Group::new);
        User user = users.computeIfAbsent(userId, User::new);
        if (!group.members.add(user)) {
            return; // already a member: its join order stays
        }
        user.groups.add(group);
        changes.changelog.add(new StateRecord.Membership(groupId, userId, nextJoin++));
        for (String skuId : group.licenses.keySet()) {
            grantFromGroup(user, skuId, group);
        }
    }

    private void memberRemoved(String groupId, String userId) {
        Group group = groups.get(groupId);
        User user = users.get(userId);
        if (group == null || user == null || !group.members.contains(user)) {
            return;
        }
        for (String skuId : group.licenses.keySet()) {
            revokeFromGroup(user, skuId, group);
        }
        endMembership(group, user);
        forgetIfVacant(user);
        forgetIfVacant(group);
    }

    private void userUpserted(String userId, String usageLocation, UserType type) {
        User user = users.computeIfAbsent(userId, User::new);
        List<Entitlement> waiting = waitingOf(user);
        touchAll(waiting);
        user.upserted = true;
        user.usageLocation = usageLocation;
        user.type = type;
        changes.changelog.add(new StateRecord.UserAttributes(userId, usageLocation, type));
        refileAll(waiting);
    }

    /** Rule 4 and Details: a deleted user loses every entitlement, membership and attribute. */
    private void userDeleted(String userId) {
        User user = users.get(userId);
        if (user == null) {
            return;
        }
        for (Entitlement e : List.copyOf(user.entitlements.values())) {
            changes.touch(e, defaultUsageLocation);
            endEntitlement(e);
        }
        for (Group group : List.copyOf(user.groups)) {
            endMembership(group, user);
            forgetIfVacant(group);
        }
        if (user.upserted) {
            changes.changelog.add(new StateRecord.UserForgotten(userId));
        }
        users.remove(userId);
    }

    /** Deleting a group removes its members and its licenses; its id may come back empty. */
    private void groupDeleted(String groupId) {
        Group group = groups.get(groupId);
        if (group == null) {
            return;
        }
        for (String skuId : List.copyOf(group.licenses.keySet())) {
            for (User member : group.members) {
                revokeFromGroup(member, skuId, group);
            }
            group.licenses.remove(skuId);
            changes.changelog.add(new StateRecord.GroupLicenseEnded(groupId, skuId));
        }
        for (User member : List.copyOf(group.members)) {
            endMembership(group, member);
            forgetIfVacant(member);
        }
        groups.remove(groupId);
    }

    // ---- licensing ----------------------------------------------------------------------------

    private void subscriptionUpserted(SubscriptionUpserted e) {
        SeatPool pool = pool(e.skuId());
        boolean nowActive = e.status().canAssignSeats();
        if (pool.isActive() != nowActive) {
            // Ready waiters switch between SeatsExhausted and SubscriptionInactive.
            touchAll(pool.ready);
        }
        if (e.status() == SubscriptionStatus.Deleted) {
            // Rule 4: a Deleted subscription takes its seats back; positions survive.
            List<Entitlement> holders = List.copyOf(pool.holders);
            touchAll(holders);
            for (Entitlement h : holders) {
                pool.unfile(h);
                pool.fileWaiting(h, isLicensable(h));
            }
        }
        pool.seats = e.seats();
        pool.status = e.status();
        pool.servicePlans = e.servicePlans();
        changes.changelog.add(new StateRecord.Subscription(e.skuId(), e.seats(), e.status(), e.servicePlans()));
        changes.subscriptionAnnounced(e.skuId());
        changes.serveLater(pool);
    }

    private void groupLicenseAssigned(String groupId, String skuId, List<String> disabledPlans) {
        Group group = groups.computeIfAbsent(groupId, Group::new);
        boolean isNew = !group.licenses.containsKey(skuId);
        if (!isNew) {
            // Re-assigning replaces disabledPlans and keeps every position.
            for (User member : group.members) {
                changes.touch(member.entitlements.get(skuId), defaultUsageLocation);
            }
        }
        group.licenses.put(skuId, disabledPlans);
        changes.changelog.add(new StateRecord.GroupLicense(groupId, skuId, disabledPlans));
        if (isNew) {
            for (User member : group.members) {
                grantFromGroup(member, skuId, group);
            }
        }
    }

    private void groupLicenseRemoved(String groupId, String skuId) {
        Group group = groups.get(groupId);
        if (group == null || !group.licenses.containsKey(skuId)) {
            return;
        }
        for (User member : List.copyOf(group.members)) {
            revokeFromGroup(member, skuId, group);
        }
        group.licenses.remove(skuId);
        changes.changelog.add(new StateRecord.GroupLicenseEnded(groupId, skuId));
        forgetIfVacant(group);
    }

    private void userLicenseAssigned(String userId, String skuId, List<String> disabledPlans) {
        User user = users.computeIfAbsent(userId, User::new);
        Entitlement e = user.entitlements.get(skuId);
        if (e == null) {
            e = newEntitlement(user, skuId);
            e.setDirectPlans(disabledPlans);
            e.pool.fileWaiting(e, isLicensable(e));
            return;
        }
        changes.touch(e, defaultUsageLocation);
        boolean wasDirect = e.isDirect();
        e.setDirectPlans(disabledPlans);
        if (!wasDirect) {
            refile(e); // a direct assignment lifts GuestUser
        }
    }

    private void userLicenseRemoved(String userId, String skuId) {
        User user = users.get(userId);
        Entitlement e = user == null ? null : user.entitlements.get(skuId);
        if (e == null || !e.isDirect()) {
            return;
        }
        changes.touch(e, defaultUsageLocation);
        e.setDirectPlans(null);
        if (e.hasSources()) {
            refile(e);
        } else {
            endEntitlement(e);
        }
        forgetIfVacant(user);
    }

    private void tenantSettingsUpserted(String usageLocation) {
        if (Objects.equals(usageLocation, defaultUsageLocation)) {
            return;
        }
        // Only waiting users without a usage location of their own can change (held seats stick).
        List<Entitlement> affected = new ArrayList<>();
        for (SeatPool pool : poolsBySku()) {
            Stream.concat(pool.ready.stream(), pool.blocked.stream())
                    .filter(e -> e.user.usageLocation == null)
                    .forEach(affected::add);
        }
        touchAll(affected);
        defaultUsageLocation = usageLocation;
        refileAll(affected);
    }

    /** Re-derives waiting users under the same rules; never moves a held seat or a position. */
    private void reprocess(String userId) {
        List<Entitlement> waiting = new ArrayList<>();
        if (userId != null) {
            User user = users.get(userId);
            if (user != null) {
                waiting.addAll(waitingOf(user));
            }
        } else {
            for (SeatPool pool : poolsBySku()) {
                waiting.addAll(pool.ready);
                waiting.addAll(pool.blocked);
                changes.serveLater(pool);
            }
        }
        touchAll(waiting);
        refileAll(waiting);
    }

    // ---- entitlements (rule 1) ----------------------------------------------------------------

    private void grantFromGroup(User user, String skuId, Group group) {
        Entitlement e = user.entitlements.get(skuId);
        if (e == null) {
            e = newEntitlement(user, skuId);
            e.addGroup(group);
            e.pool.fileWaiting(e, isLicensable(e));
        } else {
            // One seat whatever the number of sources; another group never changes eligibility.
            changes.touch(e, defaultUsageLocation);
            e.addGroup(group);
        }
    }

    private void revokeFromGroup(User user, String skuId, Group group) {
        Entitlement e = user.entitlements.get(skuId);
        if (e == null || !e.hasGroup(group)) {
            throw new IllegalStateException("member " + user.id + " of " + group.id + " has no entitlement to " + skuId);
        }
        changes.touch(e, defaultUsageLocation);
        e.removeGroup(group);
        if (!e.hasSources()) {
            endEntitlement(e);
        }
    }

    /** A newly entitled user comes after every earlier waiter (rule 3) and waits until served. */
    private Entitlement newEntitlement(User user, String skuId) {
        SeatPool pool = pool(skuId);
        Entitlement e = new Entitlement(user, pool, nextPosition++, changes.time());
        user.entitlements.put(skuId, e);
        changes.touchNew(e);
        changes.serveLater(pool);
        return e;
    }

    /** Losing the entitlement gives the seat back and drops the position. */
    private void endEntitlement(Entitlement e) {
        e.pool.unfile(e);
        e.removed = true;
        e.user.entitlements.remove(e.skuId());
        changes.serveLater(e.pool);
    }

    // ---- waiting and serving (rules 2, 3, 5) --------------------------------------------------

    private boolean isLicensable(Entitlement e) {
        return Eligibility.userReason(e.user, e, defaultUsageLocation) == null;
    }

    /** Re-files a waiting entitlement after something its eligibility depends on changed. */
    private void refile(Entitlement e) {
        if (e.holdsSeat) {
            return; // rule 4: held seats are sticky
        }
        e.pool.unfile(e);
        e.pool.fileWaiting(e, isLicensable(e));
        changes.serveLater(e.pool);
    }

    private void refileAll(List<Entitlement> entitlements) {
        for (Entitlement e : entitlements) {
            refile(e);
        }
    }

    private void touchAll(Iterable<Entitlement> entitlements) {
        for (Entitlement e : entitlements) {
            changes.touch(e, defaultUsageLocation);
        }
    }

    /** Hands free seats to licensable waiters in position order, in the event that freed them. */
    private void serve(SeatPool pool) {
        while (pool.hasFreeSeat()) {
            Entitlement next = pool.nextInLine();
            if (next == null) {
                return;
            }
            changes.touch(next, defaultUsageLocation);
            pool.unfile(next);
            pool.fileHolder(next);
        }
    }

    // ---- bookkeeping --------------------------------------------------------------------------

    private SeatPool pool(String skuId) {
        return pools.computeIfAbsent(skuId, SeatPool::new);
    }

    private List<SeatPool> poolsBySku() {
        List<SeatPool> sorted = new ArrayList<>(pools.values());
        sorted.sort((a, b) -> a.skuId.compareTo(b.skuId));
        return sorted;
    }

    private static List<Entitlement> waitingOf(User user) {
        List<Entitlement> waiting = new ArrayList<>();
        for (Entitlement e : user.entitlements.values()) {
            if (!e.holdsSeat) {
                waiting.add(e);
            }
        }
        return waiting;
    }

    private void endMembership(Group group, User user) {
        group.members.remove(user);
        user.groups.remove(group);
        changes.changelog.add(new StateRecord.MembershipEnded(group.id, user.id));
    }

    private void forgetIfVacant(User user) {
        if (user.isVacant()) {
            users.remove(user.id);
        }
    }

    private void forgetIfVacant(Group group) {
        if (group.isVacant()) {
            groups.remove(group.id);
        }
    }

    StateRecord.TenantRecord tenantRecord() {
        return new StateRecord.TenantRecord(defaultUsageLocation, nextPosition, nextJoin, seen.nextSeq);
    }

    // ---- views --------------------------------------------------------------------------------

    Optional<UserLicenses> userLicenses(String userId) {
        User user = users.get(userId);
        if (user == null || user.entitlements.isEmpty()) {
            return Optional.empty();
        }
        List<LicenseEntry> entries = new ArrayList<>(user.entitlements.size());
        for (Entitlement e : user.entitlements.values()) {
            entries.add(e.view(defaultUsageLocation));
        }
        return Optional.of(new UserLicenses(id, userId, entries));
    }

    /** Queued users of a SKU; the rest of its waiting users are Blocked. */
    int queued(String skuId) {
        SeatPool pool = pools.get(skuId);
        return pool == null ? 0 : pool.queued();
    }

    List<Waiter> queue(String skuId, int limit) {
        SeatPool pool = pools.get(skuId);
        if (pool == null) {
            return List.of();
        }
        List<Waiter> queue = new ArrayList<>();
        for (Entitlement e : pool.firstWaiting(limit)) {
            LicenseEntry view = e.view(defaultUsageLocation);
            queue.add(new Waiter(queue.size() + 1, e.user.id, view.state(), view.reason(), e.since));
        }
        return queue;
    }

    Optional<GroupStatus> groupStatus(String groupId) {
        return Optional.empty(); // v2: nested groups and group status are being built
    }

    Optional<SeatsRow> seats(String skuId) {
        SeatPool pool = pools.get(skuId);
        return pool == null ? Optional.empty() : pool.row(id);
    }
}
