package dev.seatflow.reconciler.core;

import dev.seatflow.reconciler.core.StateRecord.EntitlementRecord;
import dev.seatflow.reconciler.core.StateRecord.GroupLicenseRecord;
import dev.seatflow.reconciler.core.StateRecord.Membership;
import dev.seatflow.reconciler.core.StateRecord.PoolRecord;
import dev.seatflow.reconciler.core.StateRecord.SeenBlock;
import dev.seatflow.reconciler.core.StateRecord.SeenEvent;
import dev.seatflow.reconciler.core.StateRecord.SubgroupLink;
import dev.seatflow.reconciler.core.StateRecord.SubscriptionRecord;
import dev.seatflow.reconciler.core.StateRecord.TenantRecord;
import dev.seatflow.reconciler.core.StateRecord.UserAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts a tenant's state to the keyed records of {@link StateRecord} and back. Only facts are
 * stored (users, direct links, licenses, subscriptions, pools, each entitlement's position and
 * seat); everything derivable (sources, pools of users, shelves, counts, the rows the topics hold)
 * is rebuilt, so a restored tenant cannot disagree with itself.
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
        t.skus.values().stream().filter(Subscription::isAnnounced)
                .sorted(Comparator.comparing(s -> s.skuId))
                .forEach(s -> records.add(new SubscriptionRecord(s.skuId, s.seats, s.status, s.servicePlans, s.lowSeatsThreshold)));
        t.pools.values().stream().sorted(Comparator.comparing(p -> p.poolId)).forEach(p ->
                records.add(new PoolRecord(p.poolId, p.sku.skuId, p.groupId, p.seats, p.borrow)));
        t.groups.values().stream().sorted(Comparator.comparing(g -> g.id)).forEach(g -> {
            g.licenses.forEach((sku, l) -> records.add(new GroupLicenseRecord(g.id, sku, l.disabledPlans())));
            long join = 0;
            for (Member m : g.members) {
                records.add(m instanceof User u ? new Membership(g.id, u.id, join++)
                        : new SubgroupLink(g.id, m.id(), join++));
            }
        });
        t.users.values().stream().sorted(Comparator.comparing(u -> u.id)).forEach(u ->
                u.entitlements.values().forEach(e -> records.add(
                        new EntitlementRecord(u.id, e.skuId(), e.position, e.holdsSeat, e.directPlans(), e.since))));
        records.addAll(t.seen.records());
        return records;
    }

    /** Rebuilds a fresh tenant from the surviving record of every key (tombstones mean absent). */
    static void load(Tenant t, Collection<StateRecord> records) {
        List<StateRecord> links = new ArrayList<>();
        List<EntitlementRecord> entitlements = new ArrayList<>();
        List<PoolRecord> pools = new ArrayList<>();
        for (StateRecord r : records) {
            if (r instanceof TenantRecord tr) {
                // Counters only grow: the largest of this record's and the newest block's is the current one.
                t.defaultUsageLocation = tr.defaultUsageLocation();
                t.nextPosition = Math.max(t.nextPosition, tr.nextPosition());
                t.nextJoin = Math.max(t.nextJoin, tr.nextJoin());
                t.seen.nextSeq = Math.max(t.seen.nextSeq, tr.nextSeen());
            } else if (r instanceof SeenBlock b) {
                t.seen.restore(b);
                t.nextPosition = Math.max(t.nextPosition, b.nextPosition());
                t.nextJoin = Math.max(t.nextJoin, b.nextJoin());
            } else if (r instanceof UserAttributes ua) {
                User u = t.users.computeIfAbsent(ua.userId(), User::new);
                u.upserted = true;
                u.usageLocation = ua.usageLocation();
                u.type = ua.userType();
            } else if (r instanceof SubscriptionRecord s) {
                var sku = t.skus.computeIfAbsent(s.skuId(), Subscription::new);
                sku.seats = s.seats();
                sku.status = s.status();
                sku.servicePlans = s.servicePlans();
                sku.lowSeatsThreshold = s.lowSeatsThreshold();
            } else if (r instanceof GroupLicenseRecord gl) {
                t.groups.computeIfAbsent(gl.groupId(), Group::new).licenses.put(gl.skuId(),
                        new GroupLicense(gl.disabledPlans()));
            } else if (r instanceof Membership || r instanceof SubgroupLink) {
                links.add(r);
            } else if (r instanceof EntitlementRecord er) {
                entitlements.add(er);
            } else if (r instanceof PoolRecord p) {
                pools.add(p);
            } else if (r instanceof SeenEvent se) {
                t.seen.restore(new EventKey(se.source(), se.id()), se.seq());
            } else if (!(r instanceof StateRecord.Tombstone)) {
                throw new IllegalArgumentException("no restore rule for " + r.getClass().getName());
            }
        }
        t.seen.finishRestore();

        // Direct links in join order rebuild every group's member order.
        links.sort(Comparator.comparingLong(Snapshot::joinOrder));
        for (StateRecord r : links) {
            if (r instanceof Membership m) {
                Group g = t.groups.computeIfAbsent(m.groupId(), Group::new);
                User u = t.users.computeIfAbsent(m.userId(), User::new);
                g.addMember(u);
                u.groups.add(g);
            } else if (r instanceof SubgroupLink l) {
                t.groups.computeIfAbsent(l.groupId(), Group::new)
                        .addMember(t.groups.computeIfAbsent(l.subgroupId(), Group::new));
            }
        }
        pools.sort(Comparator.comparing(PoolRecord::poolId));
        for (PoolRecord p : pools) {
            var sku = t.skus.computeIfAbsent(p.skuId(), Subscription::new);
            t.seating.attach(new SeatPool(p.poolId(), sku, p.groupId(), p.seats(), p.borrow()));
        }
        // Entitlements begun by one event share its time; decoded records would each carry a copy.
        Map<String, String> times = new HashMap<>();
        for (EntitlementRecord er : entitlements) {
            User u = t.users.computeIfAbsent(er.userId(), User::new);
            var sku = t.skus.computeIfAbsent(er.skuId(), Subscription::new);
            String since = er.since() == null ? null : times.computeIfAbsent(er.since(), s -> s);
            Entitlement e = new Entitlement(u, sku, er.position(), since);
            e.holdsSeat = er.holdsSeat();
            e.setDirectPlans(er.directPlans());
            u.entitlements.put(er.skuId(), e);
        }
        for (Group g : t.groups.values()) {
            if (g.isLicensed()) {
                for (User member : Nesting.memberOrder(g)) {
                    for (String skuId : g.licenses.keySet()) {
                        Entitlement e = member.entitlements.get(skuId);
                        if (e == null) {
                            throw new IllegalStateException("changelog of tenant " + t.id + " has member " + member.id
                                    + " of " + g.id + " without an entitlement to " + skuId);
                        }
                        e.addGroup(g);
                    }
                }
            }
        }
        for (User u : t.users.values()) {
            Set<Group> reached = null;
            for (Entitlement e : u.entitlements.values()) {
                if (!e.hasSources()) {
                    throw new IllegalStateException("changelog of tenant " + t.id + " has entitlement " + e
                            + " without a source");
                }
                if (!e.sku.pools.isEmpty()) {
                    reached = reached == null ? Nesting.groupsOf(u) : reached;
                    e.pool = t.seating.poolFor(e.sku, reached);
                }
                if (e.holdsSeat) {
                    e.sku.fileHolder(e);
                } else {
                    e.sku.fileWaiting(e, Eligibility.userReason(u, e, t.defaultUsageLocation) == null);
                }
                e.countInGroups(e.view(t.defaultUsageLocation).state(), +1);
            }
        }
        // What the topics hold is what was committed: the rows of the state just rebuilt.
        for (var sku : t.skus.values()) {
            sku.committedRow = sku.row(t.id);
        }
        for (Group g : t.groups.values()) {
            t.groupStatus(g.id).ifPresent(row -> t.groupRows.put(g.id, row));
        }
    }

    private static long joinOrder(StateRecord link) {
        return link instanceof Membership m ? m.joinOrder() : ((SubgroupLink) link).joinOrder();
    }
}
