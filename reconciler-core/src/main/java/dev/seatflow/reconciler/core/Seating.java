package dev.seatflow.reconciler.core;

import dev.seatflow.events.LicensingEvent.PoolUpserted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who holds a seat and who waits where (rules 2, 3 and 5, and "Seat pools"): filing an
 * entitlement on the shelf its eligibility and pool call for, re-filing it when either changes
 * (held seats stay: rule 4), serving free seats, and the pools themselves. A user's pool is derived
 * from its memberships whenever they or the SKU's pools change, never stored.
 */
final class Seating {
    private final Tenant t;

    Seating(Tenant t) {
        this.t = t;
    }

    /**
     * Creates or replaces a pool. Its users are re-derived: those it had, and the entitled members
     * of its group. Seats they hold stay held (sticky); only how they are counted t.changes.
     */
    void poolUpserted(PoolUpserted e) {
        Set<Entitlement> affected = new LinkedHashSet<>();
        SeatPool old = t.pools.get(e.poolId());
        if (old != null) {
            affected.addAll(usersOf(old));
            detach(old);
        }
        SeatPool pool = new SeatPool(e.poolId(), t.sku(e.skuId()), e.groupId(), e.seats(), e.borrow());
        attach(pool);
        Group group = t.groups.get(e.groupId());
        if (group != null) {
            for (User member : Nesting.memberOrder(group)) {
                Entitlement entitled = member.entitlements.get(e.skuId());
                if (entitled != null) {
                    affected.add(entitled);
                }
            }
        }
        repoolAll(affected);
        t.changes.changelog.add(new StateRecord.PoolRecord(e.poolId(), e.skuId(), e.groupId(), e.seats(), e.borrow()));
    }

    void poolRemoved(String poolId) {
        SeatPool old = t.pools.get(poolId);
        if (old == null) {
            return;
        }
        List<Entitlement> affected = usersOf(old);
        detach(old);
        repoolAll(affected);
        t.changes.changelog.add(new StateRecord.PoolRemoved(poolId));
    }

    void attach(SeatPool pool) {
        t.pools.put(pool.poolId, pool);
        pool.sku.pools.put(pool.poolId, pool);
        pool.sku.reserved += pool.seats;
        t.poolsByGroup.computeIfAbsent(pool.groupId, g -> new ArrayList<>(1)).add(pool);
        if (t.changes != null) {
            t.changes.sku(pool.sku);
        }
    }

    private void detach(SeatPool pool) {
        t.pools.remove(pool.poolId);
        pool.sku.pools.remove(pool.poolId);
        pool.sku.reserved -= pool.seats;
        List<SeatPool> named = t.poolsByGroup.get(pool.groupId);
        named.remove(pool);
        if (named.isEmpty()) {
            t.poolsByGroup.remove(pool.groupId);
        }
        t.changes.sku(pool.sku);
    }

    /** The entitlements whose pool this is: holders, licensable waiters and blocked ones. */
    private static List<Entitlement> usersOf(SeatPool pool) {
        List<Entitlement> found = new ArrayList<>();
        for (Entitlement h : pool.sku.holdersByPosition()) {
            if (h.pool == pool) {
                found.add(h);
            }
        }
        pool.queue.forEach(found::add);
        for (Entitlement b : pool.sku.blocked) {
            if (b.pool == pool) {
                found.add(b);
            }
        }
        return found;
    }

    /** A user's pool for a SKU: of the SKU's pools whose group it is a member of, the smallest id. */
    SeatPool poolFor(Subscription sku, Set<Group> reached) {
        for (SeatPool p : sku.pools.values()) {
            Group g = t.groups.get(p.groupId);
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
    void repool(User user, Set<Group> reached) {
        for (Entitlement e : user.entitlements.values()) {
            if (!e.sku.pools.isEmpty() || e.pool != null) {
                if (reached == null) {
                    reached = Nesting.groupsOf(user);
                }
                moveToPool(e, poolFor(e.sku, reached));
            }
        }
    }

    void repoolAll(Iterable<Entitlement> entitlements) {
        Map<User, Set<Group>> reachedBy = new HashMap<>();
        for (Entitlement e : entitlements) {
            Set<Group> reached = reachedBy.computeIfAbsent(e.user, Nesting::groupsOf);
            moveToPool(e, poolFor(e.sku, reached));
        }
    }

    /** A change of pool t.changes no state: only which queue the user waits in, or how a held seat counts. */
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
        t.changes.sku(e.sku);
    }


    void fileNew(Entitlement e) {
        e.pool = e.sku.pools.isEmpty() ? null : poolFor(e.sku, Nesting.groupsOf(e.user));
        e.sku.fileWaiting(e, isLicensable(e));
    }

    boolean isLicensable(Entitlement e) {
        return Eligibility.userReason(e.user, e, t.defaultUsageLocation) == null;
    }

    /** Re-files a waiting entitlement after something its eligibility depends on changed. */
    void refile(Entitlement e) {
        if (e.holdsSeat) {
            return; // rule 4: held seats are sticky
        }
        e.sku.unfile(e);
        e.sku.fileWaiting(e, isLicensable(e));
        t.changes.sku(e.sku);
    }

    void refileAll(List<Entitlement> entitlements) {
        for (Entitlement e : entitlements) {
            refile(e);
        }
    }


    /** Hands free seats out, each to the first in line a seat is open to, in the event that freed them. */
    void serve(Subscription sku) {
        Entitlement next;
        while ((next = sku.nextToServe()) != null) {
            t.changes.touch(next, t.defaultUsageLocation);
            sku.unfile(next);
            sku.fileHolder(next);
        }
    }
}
