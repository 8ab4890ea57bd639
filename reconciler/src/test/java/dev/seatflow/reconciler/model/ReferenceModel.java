package dev.seatflow.reconciler.model;

import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.InputEvent;
import dev.seatflow.events.LicenseEntry;
import dev.seatflow.events.LicenseState;
import dev.seatflow.events.LicensingEvent;
import dev.seatflow.events.Reason;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserLicenseChanged;
import dev.seatflow.events.UserLicenses;
import dev.seatflow.events.UserType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A deliberately simple reading of the contract, to check the optimised core against. It keeps the
 * raw facts (users, memberships, licenses, subscriptions) and, per user and SKU, only what the rules
 * say must persist: the position and whether a seat is held. After every event it recomputes every
 * entitlement, state and reason from scratch and diffs the whole tenant. Slow, and obviously so.
 */
public final class ReferenceModel {
    private final int window;
    private final Map<String, Tenant> tenants = new TreeMap<>();

    public ReferenceModel(int dedupWindow) {
        this.window = dedupWindow;
    }

    private static final class Tenant {
        final Map<String, String[]> users = new HashMap<>();                  // user -> {location, type}
        final Map<String, List<String>> members = new HashMap<>();            // group -> members in join order
        final Map<String, Map<String, List<String>>> groupLicenses = new HashMap<>();
        final Map<String, Map<String, List<String>>> direct = new HashMap<>();
        final Map<String, Object[]> subscriptions = new HashMap<>();          // sku -> {seats, status}
        final Map<String, long[]> held = new HashMap<>();                     // "user|sku" -> {position, seat 0/1}
        final LinkedHashSet<String> seen = new LinkedHashSet<>();
        final Set<String> announced = new HashSet<>();
        String defaultLocation;
        long nextPosition;
    }

    /** Null for a duplicate; otherwise the changes, sorted by user then SKU. */
    public List<UserLicenseChanged> apply(InboundEvent event) {
        Tenant t = tenants.computeIfAbsent(event.tenantId(), id -> new Tenant());
        String key = event.envelope().source() + "\u0000" + event.envelope().id();
        if (t.seen.contains(key)) {
            return null;
        }
        t.seen.add(key);
        if (t.seen.size() > window) {
            t.seen.remove(t.seen.iterator().next());
        }
        Map<String, LicenseEntry> before = views(t);
        change(t, event.data());
        Map<String, List<String>> entitled = entitlements(t);
        // Positions: lost with the entitlement; new ones in the order the contract gives.
        t.held.keySet().removeIf(k -> !entitled.containsKey(k));
        for (String k : newcomersInOrder(t, event.data(), entitled.keySet())) {
            t.held.put(k, new long[] {t.nextPosition++, 0});
        }
        if (event.data() instanceof LicensingEvent.SubscriptionUpserted s && s.status() == SubscriptionStatus.Deleted) {
            t.held.forEach((k, v) -> {
                if (k.endsWith("|" + s.skuId())) {
                    v[1] = 0;
                }
            });
        }
        serve(t);
        Map<String, LicenseEntry> after = views(t);
        List<UserLicenseChanged> changes = new ArrayList<>();
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String k : keys) {
            LicenseEntry b = before.get(k);
            LicenseEntry a = after.get(k);
            if (Objects.equals(a, b)) {
                continue;
            }
            String[] us = k.split("\\|", 2);
            changes.add(a == null
                    ? new UserLicenseChanged(us[0], us[1], LicenseState.Removed, b.state(), null, List.of(), List.of(), false)
                    : new UserLicenseChanged(us[0], us[1], a.state(), b == null ? null : b.state(), a.reason(),
                            a.disabledPlans(), a.assignedByGroups(), a.direct()));
        }
        return changes;
    }

    private static void change(Tenant t, InputEvent d) {
        if (d instanceof DirectoryEvent.UserUpserted e) {
            t.users.put(e.userId(), new String[] {e.usageLocation(), e.userType().name()});
        } else if (d instanceof DirectoryEvent.UserDeleted e) {
            t.users.remove(e.userId());
            t.members.values().forEach(m -> m.remove(e.userId()));
            t.direct.remove(e.userId());
        } else if (d instanceof DirectoryEvent.GroupMemberAdded e) {
            List<String> m = t.members.computeIfAbsent(e.groupId(), g -> new ArrayList<>());
            if (!m.contains(e.userId())) {
                m.add(e.userId());
            }
        } else if (d instanceof DirectoryEvent.GroupMemberRemoved e) {
            t.members.getOrDefault(e.groupId(), new ArrayList<>()).remove(e.userId());
        } else if (d instanceof DirectoryEvent.GroupDeleted e) {
            t.members.remove(e.groupId());
            t.groupLicenses.remove(e.groupId());
        } else if (d instanceof LicensingEvent.SubscriptionUpserted e) {
            t.subscriptions.put(e.skuId(), new Object[] {e.seats(), e.status()});
            t.announced.add(e.skuId());
        } else if (d instanceof LicensingEvent.GroupLicenseAssigned e) {
            t.groupLicenses.computeIfAbsent(e.groupId(), g -> new HashMap<>()).put(e.skuId(), e.disabledPlans());
        } else if (d instanceof LicensingEvent.GroupLicenseRemoved e) {
            t.groupLicenses.getOrDefault(e.groupId(), new HashMap<>()).remove(e.skuId());
        } else if (d instanceof LicensingEvent.UserLicenseAssigned e) {
            t.direct.computeIfAbsent(e.userId(), u -> new HashMap<>()).put(e.skuId(), e.disabledPlans());
        } else if (d instanceof LicensingEvent.UserLicenseRemoved e) {
            t.direct.getOrDefault(e.userId(), new HashMap<>()).remove(e.skuId());
        } else if (d instanceof LicensingEvent.TenantSettingsUpserted e) {
            t.defaultLocation = e.defaultUsageLocation();
        }
        // ReprocessRequested changes no fact: the recomputation below is the re-derivation.
    }

    /** "user|sku" -> granting groups (sorted), for every entitled pair. */
    private static Map<String, List<String>> entitlements(Tenant t) {
        Map<String, List<String>> out = new TreeMap<>();
        t.groupLicenses.forEach((g, skus) -> skus.keySet().forEach(sku ->
                t.members.getOrDefault(g, List.of()).forEach(u -> out.computeIfAbsent(u + "|" + sku, k -> new ArrayList<>()).add(g))));
        t.direct.forEach((u, skus) -> skus.keySet().forEach(sku -> out.computeIfAbsent(u + "|" + sku, k -> new ArrayList<>())));
        out.values().forEach(l -> l.sort(String::compareTo));
        return out;
    }

    /** Newly entitled pairs; a group license queues the group in join order. */
    private static List<String> newcomersInOrder(Tenant t, InputEvent d, Set<String> entitled) {
        List<String> fresh = new ArrayList<>();
        if (d instanceof LicensingEvent.GroupLicenseAssigned e) {
            for (String u : t.members.getOrDefault(e.groupId(), List.of())) {
                fresh.add(u + "|" + e.skuId());
            }
        }
        for (String k : entitled) {
            if (!fresh.contains(k)) {
                fresh.add(k);
            }
        }
        fresh.removeIf(k -> t.held.containsKey(k) || !entitled.contains(k));
        return fresh;
    }

    private static void serve(Tenant t) {
        Map<String, List<String>> bySku = new TreeMap<>();
        t.held.keySet().forEach(k -> bySku.computeIfAbsent(k.split("\\|", 2)[1], s -> new ArrayList<>()).add(k));
        bySku.forEach((sku, keys) -> {
            keys.sort((a, b) -> Long.compare(t.held.get(a)[0], t.held.get(b)[0]));
            for (String k : keys) {
                long[] h = t.held.get(k);
                if (h[1] == 0 && userReason(t, k) == null && active(t, sku) && assigned(t, sku) < seats(t, sku)) {
                    h[1] = 1;
                }
            }
        });
    }

    private static Reason userReason(Tenant t, String key) {
        String[] us = key.split("\\|", 2);
        String[] user = t.users.get(us[0]);
        String location = user == null ? null : user[0];
        if (location == null && t.defaultLocation == null) {
            return Reason.UsageLocationRequired;
        }
        boolean guest = user != null && UserType.Guest.name().equals(user[1]);
        boolean direct = t.direct.getOrDefault(us[0], Map.of()).containsKey(us[1]);
        return guest && !direct ? Reason.GuestUser : null;
    }

    private static boolean active(Tenant t, String sku) {
        Object[] s = t.subscriptions.get(sku);
        return s == null || ((SubscriptionStatus) s[1]).canAssignSeats();
    }

    private static int seats(Tenant t, String sku) {
        Object[] s = t.subscriptions.get(sku);
        return s == null ? 0 : (Integer) s[0];
    }

    private static int assigned(Tenant t, String sku) {
        int n = 0;
        for (Map.Entry<String, long[]> e : t.held.entrySet()) {
            if (e.getKey().endsWith("|" + sku) && e.getValue()[1] == 1) {
                n++;
            }
        }
        return n;
    }

    private static Map<String, LicenseEntry> views(Tenant t) {
        Map<String, LicenseEntry> out = new TreeMap<>();
        Map<String, List<String>> entitled = entitlements(t);
        t.held.forEach((k, h) -> {
            String[] us = k.split("\\|", 2);
            List<String> groups = entitled.getOrDefault(k, List.of());
            Map<String, List<String>> direct = t.direct.getOrDefault(us[0], Map.of());
            TreeSet<String> plans = null;
            for (String g : groups) {
                plans = intersect(plans, t.groupLicenses.get(g).get(us[1]));
            }
            if (direct.containsKey(us[1])) {
                plans = intersect(plans, direct.get(us[1]));
            }
            Reason reason = null;
            if (h[1] == 0) {
                reason = userReason(t, k);
                if (reason == null) {
                    reason = active(t, us[1]) ? Reason.SeatsExhausted : Reason.SubscriptionInactive;
                }
            }
            out.put(k, new LicenseEntry(us[1], h[1] == 1 ? LicenseState.Assigned : reason.waitingState(), reason,
                    plans == null ? List.of() : List.copyOf(plans), groups, direct.containsKey(us[1])));
        });
        return out;
    }

    private static TreeSet<String> intersect(TreeSet<String> acc, List<String> plans) {
        if (acc == null) {
            return new TreeSet<>(plans);
        }
        acc.retainAll(plans);
        return acc;
    }

    /** The licensing.user-licenses values, sorted by tenant then user. */
    public List<UserLicenses> userLicenses() {
        List<UserLicenses> out = new ArrayList<>();
        tenants.forEach((id, t) -> {
            Map<String, List<LicenseEntry>> byUser = new TreeMap<>();
            views(t).forEach((k, v) -> byUser.computeIfAbsent(k.split("\\|", 2)[0], u -> new ArrayList<>()).add(v));
            byUser.forEach((u, entries) -> {
                entries.sort((a, b) -> a.skuId().compareTo(b.skuId()));
                out.add(new UserLicenses(id, u, entries));
            });
        });
        return out;
    }

    /** The licensing.seats rows, sorted by tenant then SKU. */
    public List<SeatsRow> seats() {
        List<SeatsRow> out = new ArrayList<>();
        tenants.forEach((id, t) -> {
            Map<String, int[]> counts = new TreeMap<>(); // sku -> {assigned, waiting}
            t.announced.forEach(s -> counts.put(s, new int[2]));
            views(t).forEach((k, v) -> counts.computeIfAbsent(v.skuId(), s -> new int[2])[v.state() == LicenseState.Assigned ? 0 : 1]++);
            counts.forEach((sku, c) -> {
                Object[] s = t.subscriptions.get(sku);
                out.add(SeatsRow.of(id, sku, s == null ? 0 : (Integer) s[0], s == null ? null : (SubscriptionStatus) s[1], c[0], c[1]));
            });
        });
        return out;
    }

}
