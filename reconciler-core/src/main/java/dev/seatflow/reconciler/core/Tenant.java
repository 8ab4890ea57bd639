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
import dev.seatflow.events.UserLicenses;
import it.unimi.dsi.fastutil.objects.Object2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of one tenant, where its input events meet their rules, and the mechanics of rule 1
 * that every part shares (granting, revoking, beginning and ending an entitlement). The rules
 * themselves are in {@link Directory}, {@link Licensing} and {@link Seating}. Tenants share nothing.
 *
 * <p>Each input event is applied in three steps: its handler changes memberships, licenses,
 * subscriptions and pools, touching (capturing the view of) every entitlement before changing it;
 * the SKUs it may have freed a seat of are served; the {@link ChangeSet} then diffs what was
 * touched into output events and changed rows. Work is proportional to what the event changes:
 * a user joining a subgroup touches that user's entitlements, not the members of its ancestors.
 */
final class Tenant {
    final String id;
    /** By id; open addressing, so a look-up reads the key and value arrays, no entry object. */
    final Map<String, User> users = new Object2ObjectOpenHashMap<>();
    final Map<String, Group> groups = new Object2ObjectOpenHashMap<>();
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
    ChangeSet changes;

    /** The rules, by the part of the contract they are: each works on this tenant's state. */
    final Directory directory = new Directory(this);
    final Licensing licensing = new Licensing(this);
    final Seating seating = new Seating(this);

    Tenant(String id, int dedupWindow) {
        this.id = id;
        this.seen = new SeenEvents(dedupWindow);
    }

    Decision apply(InboundEvent event) {
        EventKey eventKey = new EventKey(event.envelope().source(), event.envelope().id());
        if (seen.contains(eventKey)) {
            return Decision.duplicate(id);
        }
        changes = new ChangeSet(event.envelope());
        try {
            seen.accept(eventKey);
            dispatch(event.data());
            // Serving may touch more SKUs (never in practice: a seat goes to a waiter of the same SKU).
            for (int i = 0; i < changes.skus().size(); i++) {
                seating.serve(changes.skus().get(i));
            }
            if (changes.tenantRecordChanged) {
                changes.changelog.add(tenantRecord());
            }
            // Last: it carries the counters as this event leaves them.
            changes.changelog.add(seen.blockRecord(nextPosition, nextJoin));
            return changes.finish(this);
        } finally {
            changes = null;
        }
    }

    /** The one place input events meet their rules. */
    private void dispatch(InputEvent data) {
        if (data instanceof GroupMemberAdded e) {
            directory.memberAdded(e.groupId(), e.userId());
        } else if (data instanceof GroupMemberRemoved e) {
            directory.memberRemoved(e.groupId(), e.userId());
        } else if (data instanceof UserUpserted e) {
            directory.userUpserted(e.userId(), e.usageLocation(), e.userType());
        } else if (data instanceof UserDeleted e) {
            directory.userDeleted(e.userId());
        } else if (data instanceof GroupDeleted e) {
            directory.groupDeleted(e.groupId());
        } else if (data instanceof GroupSubgroupAdded e) {
            directory.subgroupAdded(e.groupId(), e.subgroupId());
        } else if (data instanceof GroupSubgroupRemoved e) {
            directory.subgroupRemoved(e.groupId(), e.subgroupId());
        } else if (data instanceof SubscriptionUpserted e) {
            licensing.subscriptionUpserted(e);
        } else if (data instanceof GroupLicenseAssigned e) {
            licensing.groupLicenseAssigned(e.groupId(), e.skuId(), e.disabledPlans());
        } else if (data instanceof GroupLicenseRemoved e) {
            licensing.groupLicenseRemoved(e.groupId(), e.skuId());
        } else if (data instanceof UserLicenseAssigned e) {
            licensing.userLicenseAssigned(e.userId(), e.skuId(), e.disabledPlans());
        } else if (data instanceof UserLicenseRemoved e) {
            licensing.userLicenseRemoved(e.userId(), e.skuId());
        } else if (data instanceof TenantSettingsUpserted e) {
            licensing.tenantSettingsUpserted(e.defaultUsageLocation());
        } else if (data instanceof ReprocessRequested e) {
            licensing.reprocess(e.userId());
        } else if (data instanceof PoolUpserted e) {
            seating.poolUpserted(e);
        } else if (data instanceof PoolRemoved e) {
            seating.poolRemoved(e.poolId());
        } else {
            throw new IllegalArgumentException("no rule for event " + data.getClass().getName());
        }
    }

    // ---- entitlements (rule 1) ----------------------------------------------------------------

    void grantFromGroup(User user, String skuId, Group group) {
        Entitlement e = user.entitlements.get(skuId);
        if (e == null) {
            e = newEntitlement(user, skuId);
            e.addGroup(group);
            seating.fileNew(e);
        } else if (!e.hasGroup(group)) {
            // One seat whatever the number of sources; another group never changes eligibility.
            changes.touch(e, defaultUsageLocation);
            e.addGroup(group);
        }
    }

    void revokeFromGroup(User user, String skuId, Group group) {
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
    Entitlement newEntitlement(User user, String skuId) {
        Entitlement e = new Entitlement(user, sku(skuId), nextPosition++, changes.time());
        user.entitlements.put(skuId, e);
        changes.touchNew(e);
        return e;
    }


    /** Losing the entitlement gives the seat back and drops the position. */
    void endEntitlement(Entitlement e) {
        e.sku.unfile(e);
        e.removed = true;
        e.user.entitlements.remove(e.skuId());
        changes.sku(e.sku);
    }

    void touchAll(Iterable<Entitlement> entitlements) {
        for (Entitlement e : entitlements) {
            changes.touch(e, defaultUsageLocation);
        }
    }

    // ---- bookkeeping --------------------------------------------------------------------------

    Subscription sku(String skuId) {
        return skus.computeIfAbsent(skuId, Subscription::new);
    }

    List<Subscription> skusById() {
        List<Subscription> sorted = new ArrayList<>(skus.values());
        sorted.sort((a, b) -> a.skuId.compareTo(b.skuId));
        return sorted;
    }

    static List<Group> sortedById(Set<Group> groups) {
        List<Group> sorted = new ArrayList<>(groups);
        sorted.sort((a, b) -> a.id.compareTo(b.id));
        return sorted;
    }

    /** The licensed groups among these, by id: the order in which a user gains their SKUs. */
    static List<Group> licensedById(Set<Group> reached) {
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

    boolean hasPooled(Set<Group> reached) {
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

    boolean hasLicensedOrPooled(Set<Group> reached) {
        for (Group g : reached) {
            if (g.isLicensed()) {
                return true;
            }
        }
        return hasPooled(reached);
    }

    static List<Entitlement> waitingOf(User user) {
        List<Entitlement> waiting = new ArrayList<>();
        for (Entitlement e : user.entitlements.values()) {
            if (!e.holdsSeat) {
                waiting.add(e);
            }
        }
        return waiting;
    }

    /** Licensable waiters of a SKU, in every queue. */
    static List<Entitlement> readyOf(Subscription sku) {
        List<Entitlement> ready = new ArrayList<>(sku.ready());
        sku.unpooled.forEach(ready::add);
        for (SeatPool p : sku.pools.values()) {
            p.queue.forEach(ready::add);
        }
        return ready;
    }

    static List<Entitlement> waitingOf(Subscription sku) {
        List<Entitlement> waiting = readyOf(sku);
        sku.blocked.forEach(waiting::add);
        return waiting;
    }

    void forgetIfVacant(User user) {
        if (user.isVacant()) {
            users.remove(user.id);
        }
    }

    void forgetIfVacant(Group group) {
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
                l.sortedPlans(), l.assigned, l.queued, l.blocked)));
        // Every member holds an entitlement to each of the group's SKUs that names the group.
        int members = group.licenses.firstEntry().getValue().members();
        return Optional.of(new GroupStatus(id, groupId, members, group.inError.size(), licenses));
    }
}
