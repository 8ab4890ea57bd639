package dev.seatflow.reconciler.model;

import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.InputEvent;
import dev.seatflow.events.LicenseEntry;
import dev.seatflow.events.LicenseState;
import dev.seatflow.events.LicensingEvent;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.Reason;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserLicenseChanged;
import dev.seatflow.events.UserLicenses;
import dev.seatflow.events.UserType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A deliberately naive reading of the contract ("States and rules" and "Details"), written
 * independently of the optimised core, to compare it with. It keeps the input configuration
 * (users, groups, direct assignments, subscriptions, settings) as plain maps, and after every
 * event recomputes every (user, SKU) status from scratch. The only state carried from one event
 * to the next besides the configuration is what the rules make history-dependent: who holds a
 * seat, and the waiting position of every entitled (user, SKU). Speed is irrelevant.
 */
public final class ReferenceModel {

    /** What one event did: a duplicate changes nothing; outputs sorted by user, then SKU. */
    public record Result(boolean duplicate, List<OutboundEvent> outputs) {
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
        tenants.values().forEach(t -> out.addAll(t.seats()));
        return out;
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

    record Subscription(int seats, SubscriptionStatus status) {
    }

    static final class Group {
        final LinkedHashMap<String, Long> members = new LinkedHashMap<>(); // user -> join sequence
        final Map<String, List<String>> licenses = new TreeMap<>();       // sku -> disabledPlans
    }

    /** An entitled (user, SKU): its visible status plus its waiting position. */
    record Entry(LicenseState state, Reason reason, List<String> disabledPlans, List<String> groups, boolean direct,
                 long position) {
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
        long firstJoin = Long.MAX_VALUE; // orders users newly entitled by one event: join order

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
        String defaultLocation;
        Map<Pair, Entry> entries = new TreeMap<>();
        long nextJoin;
        long nextPosition;

        TenantModel(String tenantId, int dedupWindow) {
            this.tenantId = tenantId;
            this.dedupWindow = dedupWindow;
        }

        ReferenceModel.Result apply(InboundEvent event) {
            String key = event.envelope().source() + "\u0000" + event.envelope().id();
            if (seen.contains(key)) {
                return new ReferenceModel.Result(true, List.of());
            }
            seen.add(key);
            if (seen.size() > dedupWindow) {
                seen.remove(0);
            }
            change(event.data());
            Map<Pair, Entry> before = entries;
            entries = recompute(before);
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
            return new ReferenceModel.Result(false, outputs);
        }

        void change(InputEvent data) {
            if (data instanceof DirectoryEvent.UserUpserted e) {
                users.put(e.userId(), new UserAttrs(location(e.usageLocation()), e.userType()));
            } else if (data instanceof DirectoryEvent.UserDeleted e) {
                users.remove(e.userId());
                groups.values().forEach(g -> g.members.remove(e.userId()));
                direct.remove(e.userId());
            } else if (data instanceof DirectoryEvent.GroupMemberAdded e) {
                Group g = groups.computeIfAbsent(e.groupId(), id -> new Group());
                if (!g.members.containsKey(e.userId())) {
                    g.members.put(e.userId(), nextJoin++);
                }
            } else if (data instanceof DirectoryEvent.GroupMemberRemoved e) {
                if (groups.containsKey(e.groupId())) {
                    groups.get(e.groupId()).members.remove(e.userId());
                }
            } else if (data instanceof DirectoryEvent.GroupDeleted e) {
                groups.remove(e.groupId());
            } else if (data instanceof LicensingEvent.SubscriptionUpserted e) {
                subs.put(e.skuId(), new Subscription(e.seats(), e.status()));
            } else if (data instanceof LicensingEvent.GroupLicenseAssigned e) {
                groups.computeIfAbsent(e.groupId(), id -> new Group()).licenses.put(e.skuId(), e.disabledPlans());
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
            } else if (!(data instanceof LicensingEvent.ReprocessRequested)) {
                throw new IllegalArgumentException("unknown event " + data);
            }
        }

        /** Rule 1: who is entitled to what, from scratch. */
        Map<Pair, Sources> entitlements() {
            Map<Pair, Sources> out = new TreeMap<>();
            groups.forEach((gid, g) -> g.licenses.forEach((sku, plans) -> g.members.forEach((user, join) -> {
                Sources s = out.computeIfAbsent(new Pair(user, sku), p -> new Sources());
                s.groups.add(gid);
                s.planLists.add(plans);
                s.firstJoin = Math.min(s.firstJoin, join);
            })));
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

        Map<Pair, Entry> recompute(Map<Pair, Entry> before) {
            Map<Pair, Sources> entitled = entitlements();
            // Positions: kept while entitled; newly entitled come after everyone, in join order.
            Map<Pair, Long> position = new HashMap<>();
            List<Pair> fresh = new ArrayList<>();
            entitled.keySet().forEach(p -> {
                if (before.containsKey(p)) {
                    position.put(p, before.get(p).position);
                } else {
                    fresh.add(p);
                }
            });
            fresh.sort(Comparator.comparingLong((Pair p) -> entitled.get(p).firstJoin).thenComparing(p -> p));
            fresh.forEach(p -> position.put(p, nextPosition++));

            Map<Pair, Entry> after = new TreeMap<>();
            Set<String> skus = new TreeSet<>();
            entitled.keySet().forEach(p -> skus.add(p.sku));
            for (String sku : skus) {
                Subscription sub = subs.get(sku);
                int seats = sub == null ? 0 : sub.seats;
                boolean deleted = sub != null && sub.status == SubscriptionStatus.Deleted;
                List<Pair> queue = entitled.keySet().stream().filter(p -> p.sku.equals(sku))
                        .sorted(Comparator.comparingLong(position::get)).toList();
                // Rule 4: a held seat stays held while entitled, unless the subscription is Deleted.
                Set<Pair> held = new TreeSet<>();
                queue.forEach(p -> {
                    if (!deleted && before.containsKey(p) && before.get(p).state == LicenseState.Assigned) {
                        held.add(p);
                    }
                });
                int assigned = held.size();
                for (Pair p : queue) {
                    Sources s = entitled.get(p);
                    LicenseState state;
                    Reason reason = null;
                    if (held.contains(p)) {
                        state = LicenseState.Assigned;
                    } else if ((reason = blockReason(p, s)) != null) {
                        state = LicenseState.Blocked;
                    } else if (assigned < seats) {
                        state = LicenseState.Assigned;
                        assigned++;
                    } else {
                        state = LicenseState.Queued;
                        reason = Reason.SeatsExhausted;
                    }
                    after.put(p, new Entry(state, reason, s.disabledPlans(), List.copyOf(s.groups), s.direct,
                            position.get(p)));
                }
            }
            return after;
        }

        List<UserLicenses> userLicenses() {
            Map<String, List<LicenseEntry>> byUser = new TreeMap<>();
            entries.forEach((p, e) -> byUser.computeIfAbsent(p.user, u -> new ArrayList<>()).add(
                    new LicenseEntry(p.sku, e.state, e.reason, e.disabledPlans, e.groups, e.direct)));
            List<UserLicenses> out = new ArrayList<>();
            byUser.forEach((user, list) -> out.add(new UserLicenses(tenantId, user, list)));
            return out;
        }

        List<SeatsRow> seats() {
            Set<String> skus = new TreeSet<>(subs.keySet());
            entries.keySet().forEach(p -> skus.add(p.sku));
            List<SeatsRow> out = new ArrayList<>();
            for (String sku : skus) {
                Subscription sub = subs.get(sku);
                int assigned = 0;
                int waiting = 0;
                int queued = 0;
                for (Map.Entry<Pair, Entry> e : entries.entrySet()) {
                    if (e.getKey().sku.equals(sku)) {
                        if (e.getValue().state == LicenseState.Assigned) {
                            assigned++;
                        } else {
                            waiting++;
                            if (e.getValue().state == LicenseState.Queued) {
                                queued++;
                            }
                        }
                    }
                }
                out.add(SeatsRow.of(tenantId, sku, sub == null ? 0 : sub.seats, sub == null ? null : sub.status,
                        assigned, waiting, queued, null, 0, List.of()));
            }
            return out;
        }
    }

    static Set<Pair> union(Set<Pair> a, Set<Pair> b) {
        Set<Pair> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Test hook: the waiting position of a (user, SKU), or null when not entitled. */
    public Long position(String tenantId, String userId, String skuId) {
        TenantModel t = tenants.get(tenantId);
        Entry e = t == null ? null : t.entries.get(new Pair(userId, skuId));
        return e == null ? null : e.position;
    }

}
