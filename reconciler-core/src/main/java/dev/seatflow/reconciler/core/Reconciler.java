package dev.seatflow.reconciler.core;

import dev.seatflow.events.GroupStatus;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.UserLicenses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The reconciliation core: state + input event -> new state + {@link Decision}.
 *
 * <p>Pure and deterministic: no Kafka, no clock, no I/O, no randomness. The same inputs in the same
 * order give the same decisions, byte for byte, which is what lets {@code replay} and the live
 * service share it. The state is mutated in place for speed; the service rolls it back by
 * rebuilding it from the changelog ({@link #restore}). Not thread-safe: one reconciler per
 * partition, driven by one thread.
 */
public final class Reconciler {
    public static final int DEFAULT_DEDUP_WINDOW = 10_000;

    private final int dedupWindow;
    private final Map<String, Tenant> tenants = new HashMap<>();
    /** Records read back from a changelog, last one per key wins, until {@link #finishRestore}. */
    private final Map<String, Map<String, StateRecord>> restoring = new HashMap<>();

    public Reconciler() {
        this(DEFAULT_DEDUP_WINDOW);
    }

    public Reconciler(int dedupWindow) {
        if (dedupWindow < 1) {
            throw new IllegalArgumentException("the dedup window must hold at least one event, was " + dedupWindow);
        }
        this.dedupWindow = dedupWindow;
    }

    public Decision apply(InboundEvent event) {
        if (!restoring.isEmpty()) {
            throw new IllegalStateException("restore in progress: call finishRestore() first");
        }
        return tenants.computeIfAbsent(event.tenantId(), id -> new Tenant(id, dedupWindow)).apply(event);
    }

    // ---- views --------------------------------------------------------------------------------

    public Optional<UserLicenses> userLicenses(String tenantId, String userId) {
        Tenant t = tenants.get(tenantId);
        return t == null ? Optional.empty() : t.userLicenses(userId);
    }

    public Optional<SeatsRow> seats(String tenantId, String skuId) {
        Tenant t = tenants.get(tenantId);
        return t == null ? Optional.empty() : t.seats(skuId);
    }

    /**
     * v2: the {@code licensing.group-status} value of a group; empty when the group has no license
     * (its row is then a tombstone).
     */
    public Optional<GroupStatus> groupStatus(String tenantId, String groupId) {
        Tenant t = tenants.get(tenantId);
        return t == null ? Optional.empty() : t.groupStatus(groupId);
    }

    /** Every group-status value, sorted by tenant then group id. */
    public List<GroupStatus> groupStatuses() {
        List<GroupStatus> all = new ArrayList<>();
        for (Tenant t : sortedTenants()) {
            t.groups.keySet().stream().sorted()
                    .forEach(groupId -> t.groupStatus(groupId).ifPresent(all::add));
        }
        return all;
    }

    /** How many of a SKU's waiting users are Queued (the others are Blocked). */
    public int queued(String tenantId, String skuId) {
        Tenant t = tenants.get(tenantId);
        return t == null ? 0 : t.queued(skuId);
    }

    /** The first {@code limit} users waiting for a SKU, in the order seats will go to them. */
    public List<Waiter> queue(String tenantId, String skuId, int limit) {
        Tenant t = tenants.get(tenantId);
        return t == null ? List.of() : t.queue(skuId, limit);
    }

    /** Why a user does or does not have a SKU. Any ids may be given; unknown ones are explained too. */
    public Explanation explain(String tenantId, String userId, String skuId) {
        Tenant t = tenants.get(tenantId);
        return Explanation.of(t == null ? new Tenant(tenantId, 1) : t, userId, skuId);
    }

    /** Every user that has an entry, sorted by tenant then user id. */
    public List<UserLicenses> userLicenses() {
        List<UserLicenses> all = new ArrayList<>();
        for (Tenant t : sortedTenants()) {
            t.users.keySet().stream().sorted()
                    .forEach(userId -> t.userLicenses(userId).ifPresent(all::add));
        }
        return all;
    }

    /** Every seats row, sorted by tenant then SKU id. */
    public List<SeatsRow> seats() {
        List<SeatsRow> all = new ArrayList<>();
        for (Tenant t : sortedTenants()) {
            t.skus.keySet().stream().sorted()
                    .forEach(skuId -> t.seats(skuId).ifPresent(all::add));
        }
        return all;
    }

    public boolean hasTenant(String tenantId) {
        return tenants.containsKey(tenantId);
    }

    public Set<String> tenantIds() {
        return Set.copyOf(tenants.keySet());
    }

    /** Every record that describes the current state, for snapshots and tests of the changelog. */
    public List<StateRecord> snapshot(String tenantId) {
        Tenant t = tenants.get(tenantId);
        return t == null ? List.of() : Snapshot.of(t);
    }

    private List<Tenant> sortedTenants() {
        List<Tenant> sorted = new ArrayList<>(tenants.values());
        sorted.sort(Comparator.comparing(t -> t.id));
        return sorted;
    }

    // ---- restore ------------------------------------------------------------------------------

    /** Takes one changelog record, in log order; a later record for the same key replaces it. */
    public void restore(String tenantId, StateRecord record) {
        if (record instanceof StateRecord.Tombstone) {
            restoreTombstone(tenantId, record.key());
        } else {
            restoring.computeIfAbsent(tenantId, id -> new LinkedHashMap<>()).put(record.key(), record);
        }
    }

    /** Takes a tombstone read back from a changelog: the key's earlier record no longer counts. */
    public void restoreTombstone(String tenantId, String key) {
        restoring.computeIfAbsent(tenantId, id -> new LinkedHashMap<>()).remove(key);
    }

    /** Builds the state of every tenant whose records were restored, replacing what was there. */
    public void finishRestore() {
        for (Map.Entry<String, Map<String, StateRecord>> e : new TreeMap<>(restoring).entrySet()) {
            Tenant t = new Tenant(e.getKey(), dedupWindow);
            Snapshot.load(t, e.getValue().values());
            tenants.put(t.id, t);
        }
        restoring.clear();
    }
}
