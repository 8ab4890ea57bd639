package dev.seatflow.reconciler.core;

import dev.seatflow.events.DirectoryEvent.GroupDeleted;
import dev.seatflow.events.DirectoryEvent.GroupMemberAdded;
import dev.seatflow.events.DirectoryEvent.GroupMemberRemoved;
import dev.seatflow.events.DirectoryEvent.GroupSubgroupAdded;
import dev.seatflow.events.DirectoryEvent.GroupSubgroupRemoved;
import dev.seatflow.events.DirectoryEvent.UserDeleted;
import dev.seatflow.events.DirectoryEvent.UserUpserted;
import dev.seatflow.events.GroupStatus;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.InputEvent;
import dev.seatflow.events.LicenseEntry;
import dev.seatflow.events.LicensingEvent.GroupLicenseAssigned;
import dev.seatflow.events.LicensingEvent.GroupLicenseRemoved;
import dev.seatflow.events.LicensingEvent.PoolRemoved;
import dev.seatflow.events.LicensingEvent.PoolUpserted;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The state of one tenant and the rules that change it. Tenants share nothing.
 *
 * <p>Each input event is applied in three steps: its handler changes memberships, licenses,
 * subscriptions and pools, touching (capturing the view of) every entitlement before changing it;
 * the SKUs it may have freed a seat of are served; the {@link ChangeSet} then diffs what was
 * touched into output events and changed rows. Work is proportional to what the event changes:
 * a user joining a subgroup touches that user's entitlements, not the members of its ancestors.
 */
final class Tenant {
    final String id;
    final Map<String, User> users = new HashMap<>();
    final Map<String, Group> groups = new HashMap<>();
    final Map<String, Subscription> skus = new HashMap<>();
    /** v2: seat pools by id, and by the id of the group they are for (a group that may not exist). */
    final Map<String, SeatPool> pools = new HashMap<>();
    final Map<String, List<SeatPool>> poolsByGroup = new HashMap<>();
    /** The group-status rows the topic holds now: what a changed row is recognised against. Never stored. */
    final Map<String, GroupStatus> groupRows = new HashMap<>();
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
            List<Subscription> touched = changes.skus();
            for (int i = 0; i < touched.size(); i++) {
                serve(touched.get(i));
            }
            if (changes.tenantRecordChanged) {
                changes.changelog.add(tenantRecord());
            }
            return changes.finish(this);
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
        } else if (data instanceof GroupSubgroupAdded e) {
            subgroupAdded(e.groupId(), e.subgroupId());
        } else if (data instanceof GroupSubgroupRemoved e) {
            subgroupRemoved(e.groupId(), e.subgroupId());
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
        } else if (data instanceof PoolUpserted e) {
            poolUpserted(e);
        } else if (data instanceof PoolRemoved e) {
            poolRemoved(e.poolId());
        } else {
            throw new IllegalArgumentException("no rule for event " + data.getClass().getName());
        }
    }

    // ---- directory: users ---------------------------------------------------------------------

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
        for (Group group : sortedById(user.groups)) {
            unlinkMember(group, user);
            forgetIfVacant(group);
        }
        if (user.upserted) {
            changes.changelog.add(new StateRecord.UserForgotten(userId));
        }
        users.remove(userId);
    }

    // ---- directory: memberships (rule 1, "Nested groups") -------------------------------------

    private void memberAdded(String groupId, String userId) {
        Group group = groups.computeIfAbsent(groupId, Group::new);
        User user = users.computeIfAbsent(userId, User::new);
        if (!group.addMember(user)) {
            return; // already a direct member: its join order stays
        }
        user.groups.add(group);
        changes.changelog.add(new StateRecord.Membership(groupId, userId, nextJoin++));
        Set<Group> joined = Nesting.withAncestors(group);
        joined(user, licensedById(joined), hasPooled(joined));
    }

    private void memberRemoved(String groupId, String userId) {
        Group group = groups.get(groupId);
        User user = users.get(userId);
        if (group == null || user == null || !group.members.contains(user)) {
            return; // a direct link that does not exist: no change, even for a member through a subgroup
        }
        Set<Group> mayHaveLeft = Nesting.withAncestors(group);
        unlinkMember(group, user);
        if (group.subgroups == 0 && !group.hasParents()) {
            // Flat, as most groups are: the user is certainly no longer a member, and of nothing else.
            for (String skuId : group.licenses.keySet()) {
                revokeFromGroup(user, skuId, group);
            }
            if (hasPooled(mayHaveLeft)) {
                repool(user, null);
            }
        } else if (hasLicensedOrPooled(mayHaveLeft)) {
            left(user, mayHaveLeft);
        }
        forgetIfVacant(user);
        forgetIfVacant(group);
    }

    private void subgroupAdded(String groupId, String subgroupId) {
        if (groupId.equals(subgroupId)) {
            return; // a group in itself changes nothing
        }
        Group group = groups.computeIfAbsent(groupId, Group::new);
        Group sub = groups.computeIfAbsent(subgroupId, Group::new);
        if (!group.addMember(sub)) {
            return;
        }
        changes.changelog.add(new StateRecord.SubgroupLink(groupId, subgroupId, nextJoin++));
        Set<Group> joined = Nesting.withAncestors(group);
        List<Group> licensed = licensedById(joined);
        boolean pooled = hasPooled(joined);
        if (!licensed.isEmpty() || pooled) {
            // Positions in the subgroup's member order: the group the event names.
            for (User member : Nesting.memberOrder(sub)) {
                joined(member, licensed, pooled);
            }
        }
    }

    private void subgroupRemoved(String groupId, String subgroupId) {
        Group group = groups.get(groupId);
        Group sub = groups.get(subgroupId);
        if (group == null || sub == null || !group.members.contains(sub)) {
            return;
        }
        Set<Group> mayHaveLeft = Nesting.withAncestors(group);
        group.removeMember(sub);
        changes.changelog.add(new StateRecord.SubgroupLinkEnded(groupId, subgroupId));
        if (hasLicensedOrPooled(mayHaveLeft)) {
            for (User member : Nesting.memberOrder(sub)) {
                left(member, mayHaveLeft);
            }
        }
        forgetIfVacant(group);
        forgetIfVacant(sub);
    }

    /**
     * Deleting a group removes its licenses and its direct links: its members, its subgroups (which
     * stay groups of their own) and its place in other groups. Its id may come back empty; pools
     * that name it stay.
     */
    private void groupDeleted(String groupId) {
        Group group = groups.get(groupId);
        if (group == null) {
            return;
        }
        List<User> members = Nesting.memberOrder(group);
        for (String skuId : List.copyOf(group.licenses.keySet())) {
            for (User member : members) {
                revokeFromGroup(member, skuId, group);
            }
            group.licenses.remove(skuId);
            changes.changelog.add(new StateRecord.GroupLicenseEnded(groupId, skuId));
            changes.groupMayHaveChanged(groupId);
        }
        Set<Group> mayHaveLeft = Nesting.withAncestors(group);
        List<Group> neighbours = new ArrayList<>(sortedById(group.parents()));
        for (Group parent : neighbours) {
            parent.removeMember(group);
            changes.changelog.add(new StateRecord.SubgroupLinkEnded(parent.id, groupId));
        }
        for (Member m : List.copyOf(group.members)) {
            if (m instanceof User u) {
                unlinkMember(group, u);
            } else if (m instanceof Group sub) {
                group.removeMember(sub);
                changes.changelog.add(new StateRecord.SubgroupLinkEnded(groupId, sub.id));
                neighbours.add(sub);
            }
        }
        groups.remove(groupId);
        if (hasLicensedOrPooled(mayHaveLeft)) {
            for (User member : members) {
                left(member, mayHaveLeft);
            }
        }
        for (User member : members) {
            forgetIfVacant(member);
        }
        neighbours.forEach(this::forgetIfVacant);
    }

    /**
     * The user has just become a member of some groups (or was one already through another path):
     * each licensed one grants its SKUs, and when a pool names one of them the user may now have a
     * pool it did not have.
     */
    private void joined(User user, List<Group> licensed, boolean pooled) {
        for (Group g : licensed) {
            for (String skuId : g.licenses.keySet()) {
                grantFromGroup(user, skuId, g);
            }
        }
        if (pooled) {
            repool(user, null);
        }
    }

    /**
     * The user may have stopped being a member of some of these groups: a member along several
     * paths stays one until the last path goes, so it loses only those it no longer reaches.
     */
    private void left(User user, Set<Group> mayHaveLeft) {
        Set<Group> reached = Nesting.groupsOf(user);
        for (Entitlement e : List.copyOf(user.entitlements.values())) {
            for (Group g : e.groups()) {
                if (mayHaveLeft.contains(g) && !reached.contains(g)) {
                    revokeFromGroup(user, e.skuId(), g);
                }
            }
        }
        if (hasPooled(mayHaveLeft)) {
            repool(user, reached);
        }
    }

    private void unlinkMember(Group group, User user) {
        group.removeMember(user);
        user.groups.remove(group);
        changes.changelog.add(new StateRecord.MembershipEnded(group.id, user.id));
    }

    // ---- licensing: subscriptions and licenses ------------------------------------------------

    private void subscriptionUpserted(SubscriptionUpserted e) {
        Subscription sku = sku(e.skuId());
        changes.sku(sku);
        boolean nowActive = e.status().canAssignSeats();
        if (sku.isActive() != nowActive) {
            // Licensable waiters switch between SeatsExhausted and SubscriptionInactive.
            touchAll(readyOf(sku));
        }
        if (e.status() == SubscriptionStatus.Deleted) {
            // Rule 4: a Deleted subscription takes its seats back; positions survive.
            List<Entitlement> holders = List.copyOf(sku.holders);
            touchAll(holders);
            for (Entitlement h : holders) {
                sku.unfile(h);
                sku.fileWaiting(h, isLicensable(h));
            }
        }
        sku.seats = e.seats();
        sku.status = e.status();
        sku.servicePlans = e.servicePlans();
        sku.lowSeatsThreshold = e.lowSeatsThreshold();
        changes.changelog.add(new StateRecord.SubscriptionRecord(e.skuId(), e.seats(), e.status(), e.servicePlans(),
                e.lowSeatsThreshold()));
    }

    private void groupLicenseAssigned(String groupId, String skuId, List<String> disabledPlans) {
        Group group = groups.computeIfAbsent(groupId, Group::new);
        GroupLicense license = group.licenses.get(skuId);
        if (license != null && license.disabledPlans.equals(disabledPlans)) {
            return; // the same assignment again
        }
        changes.groupMayHaveChanged(groupId);
        changes.changelog.add(new StateRecord.GroupLicenseRecord(groupId, skuId, disabledPlans));
        if (license != null) {
            // Re-assigning replaces disabledPlans and keeps every position.
            for (User member : Nesting.memberOrder(group)) {
                changes.touch(member.entitlements.get(skuId), defaultUsageLocation);
            }
            license.disabledPlans = disabledPlans;
            return;
        }
        group.licenses.put(skuId, new GroupLicense(disabledPlans));
        for (User member : Nesting.memberOrder(group)) {
            grantFromGroup(member, skuId, group);
        }
    }

    private void groupLicenseRemoved(String groupId, String skuId) {
        Group group = groups.get(groupId);
        if (group == null || !group.licenses.containsKey(skuId)) {
            return;
        }
        for (User member : Nesting.memberOrder(group)) {
            revokeFromGroup(member, skuId, group);
        }
        group.licenses.remove(skuId);
        changes.groupMayHaveChanged(groupId);
        changes.changelog.add(new StateRecord.GroupLicenseEnded(groupId, skuId));
        forgetIfVacant(group);
    }

    private void userLicenseAssigned(String userId, String skuId, List<String> disabledPlans) {
        User user = users.computeIfAbsent(userId, User::new);
        Entitlement e = user.entitlements.get(skuId);
        if (e == null) {
            e = newEntitlement(user, skuId);
            e.setDirectPlans(disabledPlans);
            fileNew(e);
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
        for (Subscription sku : skusById()) {
            for (Entitlement e : waitingOf(sku)) {
                if (e.user.usageLocation == null) {
                    affected.add(e);
                }
            }
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
            for (Subscription sku : skusById()) {
                waiting.addAll(waitingOf(sku));
                changes.sku(sku);
            }
        }
        touchAll(waiting);
        refileAll(waiting);
    }

    // ---- licensing: seat pools ("Seat pools", v2) ---------------------------------------------

    /**
     * Creates or replaces a pool. Its users are re-derived: those it had, and the entitled members
     * of its group. Seats they hold stay held (sticky); only how they are counted changes.
     */
    private void poolUpserted(PoolUpserted e) {
        Set<Entitlement> affected = new LinkedHashSet<>();
        SeatPool old = pools.get(e.poolId());
        if (old != null) {
            affected.addAll(usersOf(old));
            detach(old);
        }
        SeatPool pool = new SeatPool(e.poolId(), sku(e.skuId()), e.groupId(), e.seats(), e.borrow());
        attach(pool);
        Group group = groups.get(e.groupId());
        if (group != null) {
            for (User member : Nesting.memberOrder(group)) {
                Entitlement entitled = member.entitlements.get(e.skuId());
                if (entitled != null) {
                    affected.add(entitled);
                }
            }
        }
        repoolAll(affected);
        changes.changelog.add(new StateRecord.PoolRecord(e.poolId(), e.skuId(), e.groupId(), e.seats(), e.borrow()));
    }

    private void poolRemoved(String poolId) {
        SeatPool old = pools.get(poolId);
        if (old == null) {
            return;
        }
        List<Entitlement> affected = usersOf(old);
        detach(old);
        repoolAll(affected);
        changes.changelog.add(new StateRecord.PoolRemoved(poolId));
    }

    void attach(SeatPool pool) {
        pools.put(pool.poolId, pool);
        pool.sku.pools.put(pool.poolId, pool);
        pool.sku.reserved += pool.seats;
        poolsByGroup.computeIfAbsent(pool.groupId, g -> new ArrayList<>(1)).add(pool);
        if (changes != null) {
            changes.sku(pool.sku);
        }
    }

    private void detach(SeatPool pool) {
        pools.remove(pool.poolId);
        pool.sku.pools.remove(pool.poolId);
        pool.sku.reserved -= pool.seats;
        List<SeatPool> named = poolsByGroup.get(pool.groupId);
        named.remove(pool);
        if (named.isEmpty()) {
            poolsByGroup.remove(pool.groupId);
        }
        changes.sku(pool.sku);
    }

    /** The entitlements whose pool this is: holders, licensable waiters and blocked ones. */
    private static List<Entitlement> usersOf(SeatPool pool) {
        List<Entitlement> users = new ArrayList<>();
        for (Entitlement h : pool.sku.holders) {
            if (h.pool == pool) {
                users.add(h);
            }
        }
        pool.queue.forEach(users::add);
        for (Entitlement b : pool.sku.blocked) {
            if (b.pool == pool) {
                users.add(b);
            }
        }
        return users;
    }

    /** A user's pool for a SKU: of the SKU's pools whose group it is a member of, the smallest id. */
    SeatPool poolFor(Subscription sku, Set<Group> reached) {
        for (SeatPool p : sku.pools.values()) {
            Group g = groups.get(p.groupId);
            if (g != null && reached.contains(g)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Moves each of the user's entitlements to the queue of its pool, should that have changed;
     * {@code reached} is every group the user is a member of, or null to walk them here.
     */
    private void repool(User user, Set<Group> reached) {
        for (Entitlement e : user.entitlements.values()) {
            if (!e.sku.pools.isEmpty() || e.pool != null) {
                if (reached == null) {
                    reached = Nesting.groupsOf(user);
                }
                moveToPool(e, poolFor(e.sku, reached));
            }
        }
    }

    private void repoolAll(Iterable<Entitlement> entitlements) {
        Map<User, Set<Group>> reachedBy = new HashMap<>();
        for (Entitlement e : entitlements) {
            Set<Group> reached = reachedBy.computeIfAbsent(e.user, Nesting::groupsOf);
            moveToPool(e, poolFor(e.sku, reached));
        }
    }

    /** A change of pool changes no state: only which queue the user waits in, or how a held seat counts. */
    private void moveToPool(Entitlement e, SeatPool pool) {
        if (e.pool == pool) {
            return;
        }
        Entitlement.Shelf shelf = e.shelf;
        e.sku.unfile(e);
        e.pool = pool;
        if (shelf == Entitlement.Shelf.HOLDER) {
            e.sku.fileHolder(e);
        } else {
            e.sku.fileWaiting(e, shelf == Entitlement.Shelf.READY);
        }
        changes.sku(e.sku);
    }

    // ---- entitlements (rule 1) ----------------------------------------------------------------

    private void grantFromGroup(User user, String skuId, Group group) {
        Entitlement e = user.entitlements.get(skuId);
        if (e == null) {
            e = newEntitlement(user, skuId);
            e.addGroup(group);
            fileNew(e);
        } else if (!e.hasGroup(group)) {
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
        Entitlement e = new Entitlement(user, sku(skuId), nextPosition++, changes.time());
        user.entitlements.put(skuId, e);
        changes.touchNew(e);
        return e;
    }

    private void fileNew(Entitlement e) {
        e.pool = e.sku.pools.isEmpty() ? null : poolFor(e.sku, Nesting.groupsOf(e.user));
        e.sku.fileWaiting(e, isLicensable(e));
    }

    /** Losing the entitlement gives the seat back and drops the position. */
    private void endEntitlement(Entitlement e) {
        e.sku.unfile(e);
        e.removed = true;
        e.user.entitlements.remove(e.skuId());
        changes.sku(e.sku);
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
        e.sku.unfile(e);
        e.sku.fileWaiting(e, isLicensable(e));
        changes.sku(e.sku);
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

    /** Hands free seats out, each to the first in line a seat is open to, in the event that freed them. */
    private void serve(Subscription sku) {
        Entitlement next;
        while ((next = sku.nextToServe()) != null) {
            changes.touch(next, defaultUsageLocation);
            sku.unfile(next);
            sku.fileHolder(next);
        }
    }

    // ---- bookkeeping --------------------------------------------------------------------------

    private Subscription sku(String skuId) {
        return skus.computeIfAbsent(skuId, Subscription::new);
    }

    private List<Subscription> skusById() {
        List<Subscription> sorted = new ArrayList<>(skus.values());
        sorted.sort((a, b) -> a.skuId.compareTo(b.skuId));
        return sorted;
    }

    private static List<Group> sortedById(Set<Group> groups) {
        List<Group> sorted = new ArrayList<>(groups);
        sorted.sort((a, b) -> a.id.compareTo(b.id));
        return sorted;
    }

    /** The licensed groups among these, by id: the order in which a user gains their SKUs. */
    private static List<Group> licensedById(Set<Group> reached) {
        if (reached.size() == 1) {
            Group only = reached.iterator().next();
            return only.isLicensed() ? List.of(only) : List.of();
        }
        List<Group> licensed = new ArrayList<>();
        for (Group g : reached) {
            if (g.isLicensed()) {
                licensed.add(g);
            }
        }
        licensed.sort((a, b) -> a.id.compareTo(b.id));
        return licensed;
    }

    private boolean hasPooled(Set<Group> reached) {
        if (poolsByGroup.isEmpty()) {
            return false;
        }
        for (Group g : reached) {
            if (poolsByGroup.containsKey(g.id)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasLicensedOrPooled(Set<Group> reached) {
        for (Group g : reached) {
            if (g.isLicensed()) {
                return true;
            }
        }
        return hasPooled(reached);
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

    /** Licensable waiters of a SKU, in every queue. */
    private static List<Entitlement> readyOf(Subscription sku) {
        List<Entitlement> ready = new ArrayList<>(sku.ready());
        sku.unpooled.forEach(ready::add);
        for (SeatPool p : sku.pools.values()) {
            p.queue.forEach(ready::add);
        }
        return ready;
    }

    private static List<Entitlement> waitingOf(Subscription sku) {
        List<Entitlement> waiting = readyOf(sku);
        waiting.addAll(sku.blocked);
        return waiting;
    }

    private void forgetIfVacant(User user) {
        if (user.isVacant()) {
            users.remove(user.id);
        }
    }

    private void forgetIfVacant(Group group) {
        if (group.isVacant() && groups.get(group.id) == group) {
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
        Subscription sku = skus.get(skuId);
        return sku == null ? 0 : sku.queued();
    }

    List<Waiter> queue(String skuId, int limit) {
        Subscription sku = skus.get(skuId);
        if (sku == null) {
            return List.of();
        }
        List<Waiter> queue = new ArrayList<>();
        for (Entitlement e : sku.firstWaiting(limit)) {
            LicenseEntry view = e.view(defaultUsageLocation);
            queue.add(new Waiter(queue.size() + 1, e.user.id, view.state(), view.reason(), e.since,
                    e.pool == null ? null : e.pool.poolId));
        }
        return queue;
    }

    Optional<SeatsRow> seats(String skuId) {
        Subscription sku = skus.get(skuId);
        return sku == null ? Optional.empty() : sku.row(id);
    }

    /** Group status (v2): present while the group has a license. */
    Optional<GroupStatus> groupStatus(String groupId) {
        Group group = groups.get(groupId);
        if (group == null || !group.isLicensed()) {
            return Optional.empty();
        }
        List<GroupStatus.License> licenses = new ArrayList<>(group.licenses.size());
        group.licenses.forEach((skuId, l) -> licenses.add(new GroupStatus.License(skuId,
                l.disabledPlans.stream().sorted().toList(), l.assigned, l.queued, l.blocked)));
        // Every member holds an entitlement to each of the group's SKUs that names the group.
        int members = group.licenses.firstEntry().getValue().members();
        return Optional.of(new GroupStatus(id, groupId, members, group.inError.size(), licenses));
    }
}
