package dev.seatflow.reconciler.model;

import dev.seatflow.events.AlertEvent;
import dev.seatflow.events.AlertLevel;
import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.GroupStatus;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.InputEvent;
import dev.seatflow.events.LicenseEntry;
import dev.seatflow.events.LicenseState;
import dev.seatflow.events.LicensingEvent;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.PoolSeats;
import dev.seatflow.events.Reason;
import dev.seatflow.events.SeatAlertChanged;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserLicenseChanged;
import dev.seatflow.events.UserLicenses;
import dev.seatflow.events.UserType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A deliberately naive reading of the contract (v2: "States and rules", "Details", "Nested groups",
 * "Group status", "Seat pools", "Seat alerts"), written independently of the optimised core, to
 * compare it with. It keeps the input configuration (users, groups with their direct members,
 * direct assignments, subscriptions, pools, settings) as plain maps, and after every event
 * recomputes everything from scratch: members by walking the groups as the contract describes,
 * entitlements, pools, who gets a seat, the rows and the alert levels. The only state carried from
 * one event to the next besides the configuration is what the rules make history-dependent: who
 * holds a seat and the waiting position of every entitled (user, SKU); and, to report changes,
 * the previous alert levels and group-status rows. Speed is irrelevant.
 */
public final class ReferenceModel {

    /**
     * What one event did: a duplicate changes nothing; outputs sorted by user, then SKU; alerts by
     * SKU; the groups whose status row changed (appeared, changed or went away).
     */
    public record Result(boolean duplicate, List<OutboundEvent> outputs, List<AlertEvent> alerts,
            Set<String> changedGroups) {
    }

    private final int dedupWindow;
    private final Map<String, TenantModel> tenants = new TreeMap<>();

    public ReferenceModel() {
        this(10_000);
    }

    public ReferenceModel(int dedupWindow) {
        this.dedupWindow = dedupWindow;
    }

    public Result apply(InboundEvent event) {
        return tenants.computeIfAbsent(event.tenantId(), t -> new TenantModel(t, dedupWindow)).apply(event);
    }

    /** Every user with at least one entry, sorted by tenant then user; entries sorted by SKU. */
    public List<UserLicenses> userLicenses() {
        List<UserLicenses> out = new ArrayList<>();
        tenants.values().forEach(t -> out.addAll(t.userLicenses()));
        return out;
    }

    /** Every seats row, sorted by tenant then SKU. */
    public List<SeatsRow> seats() {
        List<SeatsRow> out = new ArrayList<>();
        tenants.values().forEach(t -> out.addAll(t.seatRows().values()));
        return out;
    }

    /** Every group-status row, sorted by tenant then group. */
    public List<GroupStatus> groupStatuses() {
        List<GroupStatus> out = new ArrayList<>();
        tenants.values().forEach(t -> out.addAll(t.groupRows().values()));
        return out;
    }

    /** Test hook: the waiting position of a (user, SKU), or null when not entitled. */
    public Long position(String tenantId, String userId, String skuId) {
        TenantModel t = tenants.get(tenantId);
        Entry e = t == null ? null : t.entries.get(new Pair(userId, skuId));
        return e == null ? null : e.position;
    }

    // ------------------------------------------------------------------------------------------

    record Pair(String user, String sku) implements Comparable<Pair> {
        public int compareTo(Pair o) {
            int c = user.compareTo(o.user);
            return c != 0 ? c : sku.compareTo(o.sku);
        }
    }

    record UserAttrs(String usageLocation, UserType type) {
    }

    record Subscription(int seats, SubscriptionStatus status, Integer lowSeatsThreshold) {
    }

    record Pool(String sku, String group, int seats, boolean borrow) {
    }

    /** Direct members keyed "u:<id>" or "g:<id>", in the order they joined (insertion order). */
    static final class Group {
        final LinkedHashMap<String, Long> members = new LinkedHashMap<>();
        final Map<String, List<String>> licenses = new TreeMap<>(); // sku -> disabledPlans
    }

    /** An entitled (user, SKU): its visible status plus its waiting position and pool. */
    record Entry(LicenseState state, Reason reason, List<String> disabledPlans, List<String> groups, boolean direct,
                 long position, String pool) {
        boolean sameVisibleStatus(Entry o) {
            return state == o.state && reason == o.reason && disabledPlans.equals(o.disabledPlans)
                    && groups.equals(o.groups) && direct == o.direct;
        }
    }

    /** Where an entitlement comes from, collected from scratch. */
    static final class Sources {
        final TreeSet<String> groups = new TreeSet<>();
        boolean direct;
        final List<List<String>> planLists = new ArrayList<>();

        List<String> disabledPlans() {
            TreeSet<String> common = new TreeSet<>(planLists.get(0));
            planLists.forEach(common::retainAll);
            return List.copyOf(common);
        }
    }

    static String location(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static final class TenantModel {
        final String tenantId;
        final int dedupWindow;
        final List<String> seen = new ArrayList<>();                      // oldest first
        final Map<String, UserAttrs> users = new HashMap<>();
        final Map<String, Group> groups = new TreeMap<>();
        final Map<String, Map<String, List<String>>> direct = new TreeMap<>(); // user -> sku -> plans
        final Map<String, Subscription> subs = new TreeMap<>();
        final Map<String, Pool> pools = new TreeMap<>();
        String defaultLocation;
        Map<Pair, Entry> entries = new TreeMap<>();
        Map<String, AlertLevel> levels = new TreeMap<>();
        Map<String, GroupStatus> statuses = new TreeMap<>();
        long nextJoin;
        long nextPosition;

        TenantModel(String tenantId, int dedupWindow) {
            this.tenantId = tenantId;
            this.dedupWindow = dedupWindow;
        }

        Result apply(InboundEvent event) {
            String key = event.envelope().source() + "\u0000" + event.envelope().id();
            if (seen.contains(key)) {
                return new Result(true, List.of(), List.of(), Set.of());
            }
            seen.add(key);
            if (seen.size() > dedupWindow) {
                seen.remove(0);
            }
            change(event.data());
            Map<Pair, Entry> before = entries;
            entries = recompute(before, namedGroup(event.data()));
            List<OutboundEvent> outputs = new ArrayList<>();
            for (Pair p : union(before.keySet(), entries.keySet())) {
                Entry was = before.get(p);
                Entry now = entries.get(p);
                if (now == null) {
                    outputs.add(OutboundEvent.causedBy(event.envelope(), new UserLicenseChanged(p.user, p.sku,
                            LicenseState.Removed, was.state, null, List.of(), List.of(), false)));
                } else if (was == null || !was.sameVisibleStatus(now)) {
                    outputs.add(OutboundEvent.causedBy(event.envelope(), new UserLicenseChanged(p.user, p.sku,
                            now.state, was == null ? null : was.state, now.reason, now.disabledPlans, now.groups,
                            now.direct)));
                }
            }
            List<AlertEvent> alerts = new ArrayList<>();
            Map<String, SeatsRow> rows = seatRows();
            Set<String> skus = new TreeSet<>(levels.keySet());
            skus.addAll(rows.keySet());
            Map<String, AlertLevel> nowLevels = new TreeMap<>();
            for (String sku : skus) {
                SeatsRow row = rows.get(sku);
                AlertLevel was = levels.getOrDefault(sku, AlertLevel.Ok);
                AlertLevel now = row == null ? AlertLevel.Ok : row.alert();
                if (now != AlertLevel.Ok) {
                    nowLevels.put(sku, now);
                }
                if (was != now) {
                    alerts.add(AlertEvent.causedBy(event.envelope(), row == null
                            ? new SeatAlertChanged(sku, now, was, 0, 0, 0, 0, null)
                            : new SeatAlertChanged(sku, now, was, row.seats(), row.assigned(), row.queued(),
                                    row.available(), row.lowSeatsThreshold())));
                }
            }
            levels = nowLevels;
            Map<String, GroupStatus> nowStatuses = groupRows();
            Set<String> changedGroups = new TreeSet<>();
            for (String g : union(statuses.keySet(), nowStatuses.keySet())) {
                if (!java.util.Objects.equals(statuses.get(g), nowStatuses.get(g))) {
                    changedGroups.add(g);
                }
            }
            statuses = nowStatuses;
            return new Result(false, outputs, alerts, changedGroups);
        }

        /** The group whose member order gives positions to the users one event newly entitles. */
        static String namedGroup(InputEvent data) {
            if (data instanceof LicensingEvent.GroupLicenseAssigned e) {
                return e.groupId();
            }
            if (data instanceof DirectoryEvent.GroupSubgroupAdded e) {
                return e.subgroupId();
            }
            return null;
        }

        Group group(String id) {
            return groups.computeIfAbsent(id, x -> new Group());
        }

        void change(InputEvent data) {
            if (data instanceof DirectoryEvent.UserUpserted e) {
                users.put(e.userId(), new UserAttrs(location(e.usageLocation()), e.userType()));
            } else if (data instanceof DirectoryEvent.UserDeleted e) {
                users.remove(e.userId());
                groups.values().forEach(g -> g.members.remove("u:" + e.userId()));
                direct.remove(e.userId());
            } else if (data instanceof DirectoryEvent.GroupMemberAdded e) {
                group(e.groupId()).members.putIfAbsent("u:" + e.userId(), nextJoin++);
            } else if (data instanceof DirectoryEvent.GroupMemberRemoved e) {
                if (groups.containsKey(e.groupId())) {
                    groups.get(e.groupId()).members.remove("u:" + e.userId());
                }
            } else if (data instanceof DirectoryEvent.GroupSubgroupAdded e) {
                if (!e.groupId().equals(e.subgroupId())) {
                    group(e.subgroupId());
                    group(e.groupId()).members.putIfAbsent("g:" + e.subgroupId(), nextJoin++);
                }
            } else if (data instanceof DirectoryEvent.GroupSubgroupRemoved e) {
                if (groups.containsKey(e.groupId())) {
                    groups.get(e.groupId()).members.remove("g:" + e.subgroupId());
                }
            } else if (data instanceof DirectoryEvent.GroupDeleted e) {
                groups.remove(e.groupId());
                groups.values().forEach(g -> g.members.remove("g:" + e.groupId()));
            } else if (data instanceof LicensingEvent.SubscriptionUpserted e) {
                subs.put(e.skuId(), new Subscription(e.seats(), e.status(), e.lowSeatsThreshold()));
            } else if (data instanceof LicensingEvent.GroupLicenseAssigned e) {
                group(e.groupId()).licenses.put(e.skuId(), e.disabledPlans());
            } else if (data instanceof LicensingEvent.GroupLicenseRemoved e) {
                if (groups.containsKey(e.groupId())) {
                    groups.get(e.groupId()).licenses.remove(e.skuId());
                }
            } else if (data instanceof LicensingEvent.UserLicenseAssigned e) {
                direct.computeIfAbsent(e.userId(), u -> new TreeMap<>()).put(e.skuId(), e.disabledPlans());
            } else if (data instanceof LicensingEvent.UserLicenseRemoved e) {
                if (direct.containsKey(e.userId())) {
                    direct.get(e.userId()).remove(e.skuId());
                }
            } else if (data instanceof LicensingEvent.TenantSettingsUpserted e) {
                defaultLocation = location(e.defaultUsageLocation());
            } else if (data instanceof LicensingEvent.PoolUpserted e) {
                pools.put(e.poolId(), new Pool(e.skuId(), e.groupId(), e.seats(), e.borrow()));
            } else if (data instanceof LicensingEvent.PoolRemoved e) {
                pools.remove(e.poolId());
            } else if (!(data instanceof LicensingEvent.ReprocessRequested)) {
                throw new IllegalArgumentException("unknown event " + data);
            }
        }

        /**
         * "Nested groups": one depth-first walk with a single set of visited groups, starting at the
         * group (visited), through its direct members in join order; a user listed where first
         * reached; a subgroup not yet visited walked in place.
         */
        List<String> memberOrder(String groupId) {
            List<String> users = new ArrayList<>();
            Set<String> visited = new HashSet<>();
            visited.add(groupId);
            walk(groupId, users, visited);
            return users;
        }

        private void walk(String groupId, List<String> users, Set<String> visited) {
            Group g = groups.get(groupId);
            if (g == null) {
                return;
            }
            for (String m : g.members.keySet()) {
                String id = m.substring(2);
                if (m.startsWith("u:")) {
                    if (!users.contains(id)) {
                        users.add(id);
                    }
                } else if (visited.add(id)) {
                    walk(id, users, visited);
                }
            }
        }

        /** Rule 1: who is entitled to what, from scratch. */
        Map<Pair, Sources> entitlements() {
            Map<Pair, Sources> out = new TreeMap<>();
            groups.forEach((gid, g) -> {
                if (g.licenses.isEmpty()) {
                    return;
                }
                List<String> members = memberOrder(gid);
                g.licenses.forEach((sku, plans) -> members.forEach(user -> {
                    Sources s = out.computeIfAbsent(new Pair(user, sku), p -> new Sources());
                    s.groups.add(gid);
                    s.planLists.add(plans);
                }));
            });
            direct.forEach((user, bySku) -> bySku.forEach((sku, plans) -> {
                Sources s = out.computeIfAbsent(new Pair(user, sku), p -> new Sources());
                s.direct = true;
                s.planLists.add(plans);
            }));
            return out;
        }

        /** Rule 2's blocking reasons, first that applies, or null when the user can be licensed. */
        Reason blockReason(Pair p, Sources s) {
            UserAttrs u = users.getOrDefault(p.user, new UserAttrs(null, UserType.Member));
            if (u.usageLocation == null && defaultLocation == null) {
                return Reason.UsageLocationRequired;
            }
            if (u.type == UserType.Guest && !s.direct) {
                return Reason.GuestUser;
            }
            Subscription sub = subs.get(p.sku);
            if (sub != null && !sub.status.canAssignSeats()) {
                return Reason.SubscriptionInactive;
            }
            return null;
        }

        /** "Seat pools": of the SKU's pools whose group the user is a member of, the smallest id. */
        String poolOf(String user, String sku) {
            for (Map.Entry<String, Pool> p : pools.entrySet()) {
                if (p.getValue().sku.equals(sku) && groups.containsKey(p.getValue().group)
                        && memberOrder(p.getValue().group).contains(user)) {
                    return p.getKey();
                }
            }
            return null;
        }

        Map<Pair, Entry> recompute(Map<Pair, Entry> before, String namedGroup) {
            Map<Pair, Sources> entitled = entitlements();
            // Positions: kept while entitled; newly entitled come after everyone, in the member order
            // of the group the event names (any other event entitles at most one user).
            List<String> order = namedGroup == null ? List.of() : memberOrder(namedGroup);
            Map<Pair, Long> position = new HashMap<>();
            List<Pair> fresh = new ArrayList<>();
            entitled.keySet().forEach(p -> {
                if (before.containsKey(p)) {
                    position.put(p, before.get(p).position);
                } else {
                    fresh.add(p);
                }
            });
            fresh.sort(Comparator.comparingInt((Pair p) -> order.contains(p.user) ? order.indexOf(p.user) : order.size())
                    .thenComparing(p -> p));
            fresh.forEach(p -> position.put(p, nextPosition++));

            Map<Pair, Entry> after = new TreeMap<>();
            Set<String> skus = new TreeSet<>();
            entitled.keySet().forEach(p -> skus.add(p.sku));
            for (String sku : skus) {
                Subscription sub = subs.get(sku);
                int seats = sub == null ? 0 : sub.seats;
                boolean active = sub == null || sub.status.canAssignSeats();
                boolean deleted = sub != null && sub.status == SubscriptionStatus.Deleted;
                Map<String, Pool> skuPools = new TreeMap<>();
                pools.forEach((id, p) -> {
                    if (p.sku.equals(sku)) {
                        skuPools.put(id, p);
                    }
                });
                long reserved = skuPools.values().stream().mapToLong(p -> p.seats).sum();
                long sharedSeats = Math.max(0, seats - reserved);
                List<Pair> queue = entitled.keySet().stream().filter(p -> p.sku.equals(sku))
                        .sorted(Comparator.comparingLong(position::get)).toList();
                Map<Pair, String> poolOf = new HashMap<>();
                queue.forEach(p -> poolOf.put(p, poolOf(p.user, sku)));
                // Rule 4: a held seat stays held while entitled, unless the subscription is Deleted.
                Set<Pair> held = new TreeSet<>();
                queue.forEach(p -> {
                    if (!deleted && before.containsKey(p) && before.get(p).state == LicenseState.Assigned) {
                        held.add(p);
                    }
                });
                // Serving: again and again, the eligible waiter with the lowest position that a free seat is open to.
                List<Pair> eligible = new ArrayList<>();
                for (Pair p : queue) {
                    if (!held.contains(p) && blockReason(p, entitled.get(p)) == null) {
                        eligible.add(p);
                    }
                }
                boolean served = true;
                while (served) {
                    served = false;
                    for (Pair p : eligible) {
                        if (!held.contains(p) && isOpen(poolOf.get(p), held, poolOf, skuPools, seats, active, sharedSeats)) {
                            held.add(p);
                            served = true;
                            break;
                        }
                    }
                }
                for (Pair p : queue) {
                    Sources s = entitled.get(p);
                    LicenseState state;
                    Reason reason = null;
                    if (held.contains(p)) {
                        state = LicenseState.Assigned;
                    } else if ((reason = blockReason(p, s)) != null) {
                        state = LicenseState.Blocked;
                    } else {
                        state = LicenseState.Queued;
                        reason = Reason.SeatsExhausted;
                    }
                    after.put(p, new Entry(state, reason, s.disabledPlans(), List.copyOf(s.groups), s.direct,
                            position.get(p), poolOf.get(p)));
                }
            }
            return after;
        }

        /** "A free seat is open to" a waiter with this pool, given who holds seats now. */
        static boolean isOpen(String pool, Set<Pair> held, Map<Pair, String> poolOf, Map<String, Pool> skuPools,
                int seats, boolean active, long sharedSeats) {
            if (!active || held.size() >= seats) {
                return false;
            }
            Map<String, Integer> heldBy = new HashMap<>();
            held.forEach(h -> heldBy.merge(String.valueOf(poolOf.get(h)), 1, Integer::sum));
            long sharedUsed = heldBy.getOrDefault("null", 0);
            for (Map.Entry<String, Pool> p : skuPools.entrySet()) {
                sharedUsed += Math.max(0, heldBy.getOrDefault(p.getKey(), 0) - p.getValue().seats);
            }
            boolean sharedFree = sharedUsed < sharedSeats;
            if (pool == null) {
                return sharedFree;
            }
            Pool p = skuPools.get(pool);
            return heldBy.getOrDefault(pool, 0) < p.seats || (p.borrow && sharedFree);
        }

        List<UserLicenses> userLicenses() {
            Map<String, List<LicenseEntry>> byUser = new TreeMap<>();
            entries.forEach((p, e) -> byUser.computeIfAbsent(p.user, u -> new ArrayList<>()).add(
                    new LicenseEntry(p.sku, e.state, e.reason, e.disabledPlans, e.groups, e.direct)));
            List<UserLicenses> out = new ArrayList<>();
            byUser.forEach((user, list) -> out.add(new UserLicenses(tenantId, user, list)));
            return out;
        }

        /** The seats rows by SKU: every announced SKU and every SKU someone is entitled to. */
        Map<String, SeatsRow> seatRows() {
            Set<String> skus = new TreeSet<>(subs.keySet());
            entries.keySet().forEach(p -> skus.add(p.sku));
            Map<String, SeatsRow> out = new TreeMap<>();
            for (String sku : skus) {
                Subscription sub = subs.get(sku);
                int seats = sub == null ? 0 : sub.seats;
                boolean active = sub == null || sub.status.canAssignSeats();
                int assigned = 0;
                int waiting = 0;
                int queued = 0;
                Map<String, Integer> heldBy = new HashMap<>();
                Map<String, Integer> queuedBy = new HashMap<>();
                for (Map.Entry<Pair, Entry> e : entries.entrySet()) {
                    if (e.getKey().sku.equals(sku)) {
                        Entry x = e.getValue();
                        if (x.state == LicenseState.Assigned) {
                            assigned++;
                            heldBy.merge(String.valueOf(x.pool), 1, Integer::sum);
                        } else {
                            waiting++;
                            if (x.state == LicenseState.Queued) {
                                queued++;
                                queuedBy.merge(String.valueOf(x.pool), 1, Integer::sum);
                            }
                        }
                    }
                }
                int available = active ? Math.max(0, seats - assigned) : 0;
                Integer threshold = sub == null ? null : sub.lowSeatsThreshold;
                AlertLevel alert = assigned > seats ? AlertLevel.OverAllocated
                        : queued > 0 ? AlertLevel.Exhausted
                        : sub != null && sub.status.canAssignSeats() && threshold != null && available <= threshold
                                ? AlertLevel.Low : AlertLevel.Ok;
                List<PoolSeats> poolRows = new ArrayList<>();
                long reserved = 0;
                for (Map.Entry<String, Pool> p : pools.entrySet()) {
                    Pool pool = p.getValue();
                    if (pool.sku.equals(sku)) {
                        reserved += pool.seats;
                        int held = heldBy.getOrDefault(p.getKey(), 0);
                        poolRows.add(new PoolSeats(p.getKey(), pool.group, pool.seats, pool.borrow, held,
                                queuedBy.getOrDefault(p.getKey(), 0), Math.min(Math.max(0, pool.seats - held), available)));
                    }
                }
                out.put(sku, new SeatsRow(tenantId, sku, seats, sub == null ? null : sub.status, assigned, waiting,
                        available, Math.max(0, assigned - seats), queued, threshold, alert,
                        reserved, poolRows));
            }
            return out;
        }

        /** "Group status": a row for every group with at least one license. */
        Map<String, GroupStatus> groupRows() {
            Map<String, GroupStatus> out = new TreeMap<>();
            groups.forEach((gid, g) -> {
                if (g.licenses.isEmpty()) {
                    return;
                }
                List<String> members = memberOrder(gid);
                int inError = 0;
                for (String u : members) {
                    boolean waits = false;
                    for (String sku : g.licenses.keySet()) {
                        waits |= entries.get(new Pair(u, sku)).state.isWaiting();
                    }
                    inError += waits ? 1 : 0;
                }
                List<GroupStatus.License> licenses = new ArrayList<>();
                g.licenses.forEach((sku, plans) -> {
                    int[] n = new int[3];
                    for (String u : members) {
                        n[entries.get(new Pair(u, sku)).state.ordinal()]++;
                    }
                    licenses.add(new GroupStatus.License(sku, plans.stream().sorted().toList(),
                            n[LicenseState.Assigned.ordinal()], n[LicenseState.Queued.ordinal()],
                            n[LicenseState.Blocked.ordinal()]));
                });
                out.put(gid, new GroupStatus(tenantId, gid, members.size(), inError, licenses));
            });
            return out;
        }
    }

    static <T extends Comparable<T>> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
