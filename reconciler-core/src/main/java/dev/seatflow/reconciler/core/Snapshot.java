package dev.seatflow.reconciler.core;

import dev.seatflow.reconciler.core.StateRecord.EntitlementRecord;
import dev.seatflow.reconciler.core.StateRecord.GroupLicense;
import dev.seatflow.reconciler.core.StateRecord.Membership;
import dev.seatflow.reconciler.core.StateRecord.SeenEvent;
import dev.seatflow.reconciler.core.StateRecord.Subscription;
import dev.seatflow.reconciler.core.StateRecord.TenantRecord;
import dev.seatflow.reconciler.core.StateRecord.UserAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a tenant's state to the keyed records of {@link StateRecord} and back. Only facts are
 * stored (memberships, licenses, subscriptions, each entitlement's position and seat); everything
 * derivable (sources, shelves, counts) is rebuilt, so a restored tenant cannot disagree with itself.
 */
final class Snapshot {
    private Snapshot() {
    }

    /** Every live record of the tenant. Join orders are renumbered but keep each group's order. */
    static List<StateRecord> of(Tenant t) {
        List<StateRecord> records = new ArrayList<>();
        records.add(t.tenantRecord());
        t.users.values().stream().filter(u -> u.upserted).sorted(Comparator.comparing(u -> u.id))
                .forEach(u -> records.add(new UserAttributes(u.id, u.usageLocation, u.type)));
        t.pools.values().stream().filter(SeatPool::isAnnounced).sorted(Comparator.comparing(p -> p.skuId))
                .forEach(p -> records.add(new Subscription(p.skuId, p.seats, p.status, p.servicePlans)));
        t.groups.values().stream().sorted(Comparator.comparing(g -> g.id)).forEach(g -> {
            g.licenses.forEach((sku, plans) -> records.add(new GroupLicense(g.id, sku, plans)));
            long join = 0;
            for (User member : g.members) {
                records.add(new Membership(g.id, member.id, join++));
            }
        });
        t.users.values().stream().sorted(Comparator.comparing(u -> u.id)).forEach(u ->
                u.entitlements.values().forEach(e -> records.add(
                        new EntitlementRecord(u.id, e.skuId(), e.position, e.holdsSeat, e.directPlans(), e.since))));
        t.seen.entries().forEach((event, seq) -> records.add(t.seen.record(event, seq)));
        return records;
    }

    /** Rebuilds a fresh tenant from the surviving record of every key (tombstones mean absent). */
    static void load(Tenant t, Collection<StateRecord> records) {
        List<Membership> memberships = new ArrayList<>();
        List<EntitlementRecord> entitlements = new ArrayList<>();
        for (StateRecord r : records) {
            if (r instanceof TenantRecord tr) {
                t.defaultUsageLocation = tr.defaultUsageLocation();
                t.nextPosition = tr.nextPosition();
                t.nextJoin = tr.nextJoin();
                t.seen.nextSeq = tr.nextSeen();
            } else if (r instanceof UserAttributes ua) {
                User u = t.users.computeIfAbsent(ua.userId(), User::new);
                u.upserted = true;
                u.usageLocation = ua.usageLocation();
                u.type = ua.userType();
            } else if (r instanceof Subscription s) {
                SeatPool pool = t.pools.computeIfAbsent(s.skuId(), SeatPool::new);
                pool.seats = s.seats();
                pool.status = s.status();
                pool.servicePlans = s.servicePlans();
            } else if (r instanceof GroupLicense gl) {
                t.groups.computeIfAbsent(gl.groupId(), Group::new).licenses.put(gl.skuId(), gl.disabledPlans());
            } else if (r instanceof Membership m) {
                memberships.add(m);
            } else if (r instanceof EntitlementRecord er) {
                entitlements.add(er);
            } else if (r instanceof SeenEvent se) {
                t.seen.restore(new SeenEvents.EventId(se.source(), se.id()), se.seq());
            } else if (!(r instanceof StateRecord.Tombstone)) {
                throw new IllegalArgumentException("no restore rule for " + r.getClass().getName());
            }
        }
        t.seen.finishRestore();

        memberships.sort(Comparator.comparingLong(Membership::joinOrder));
        for (Membership m : memberships) {
            Group g = t.groups.computeIfAbsent(m.groupId(), Group::new);
            User u = t.users.computeIfAbsent(m.userId(), User::new);
            g.members.add(u);
            u.groups.add(g);
        }
        // Entitlements begun by one event share its time; decoded records would each carry a copy.
        Map<String, String> times = new HashMap<>();
        for (EntitlementRecord er : entitlements) {
            User u = t.users.computeIfAbsent(er.userId(), User::new);
            SeatPool pool = t.pools.computeIfAbsent(er.skuId(), SeatPool::new);
            String since = er.since() == null ? null : times.computeIfAbsent(er.since(), s -> s);
            Entitlement e = new Entitlement(u, pool, er.position(), since);
            e.holdsSeat = er.holdsSeat();
            e.setDirectPlans(er.directPlans());
            u.entitlements.put(er.skuId(), e);
        }
        for (Group g : t.groups.values()) {
            for (Map.Entry<String, List<String>> license : g.licenses.entrySet()) {
                for (User member : g.members) {
                    Entitlement e = member.entitlements.get(license.getKey());
                    if (e == null) {
                        throw new IllegalStateException("changelog of tenant " + t.id + " has member " + member.id
                                + " of " + g.id + " without an entitlement to " + license.getKey());
                    }
                    e.addGroup(g);
                }
            }
        }
        for (User u : t.users.values()) {
            for (Entitlement e : u.entitlements.values()) {
                if (!e.hasSources()) {
                    throw new IllegalStateException("changelog of tenant " + t.id + " has entitlement " + e
                            + " without a source");
                }
                if (e.holdsSeat) {
                    e.pool.fileHolder(e);
                } else {
                    e.pool.fileWaiting(e, Eligibility.userReason(u, e, t.defaultUsageLocation) == null);
                }
            }
        }
    }
}
