package dev.seatflow.reconciler.core;

import dev.seatflow.events.LicenseEntry;
import dev.seatflow.events.LicenseState;
import dev.seatflow.events.Reason;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * One user's claim on one SKU (rule 1): which sources grant it, when it began, and whether it holds
 * a seat. Its state and reason are never stored: {@link #view} derives them from rule 2 as it
 * applies now, so a waiting user can never show a stale reason.
 */
final class Entitlement {
    private static final Group[] NO_GROUPS = new Group[0];

    final User user;
    final Subscription sku;
    /** Tenant-wide, increasing in input order: the first-come-first-served position (rule 3). */
    final long position;
    /** The {@code time} of the event that entitled the user (null when it had none): in line since. */
    final String since;
    boolean holdsSeat;
    /** Granting groups, sorted by id. Usually one, so an array beats a set. */
    private Group[] groups = NO_GROUPS;
    /** The direct assignment's disabledPlans, or null when not directly assigned. */
    private List<String> directPlans;

    /** v2: the user's seat pool for this SKU ("Seat pools"), or null for none. Derived, never stored. */
    SeatPool pool;

    /** Where the subscription keeps this entitlement; see {@link Subscription}. */
    Shelf shelf;
    /** The change set that last captured this entitlement's view, and that view. */
    Object touchedBy;
    LicenseEntry before;
    boolean removed;

    /** Holding a seat; waiting and licensable as far as the user goes (in its queue); or blocked by its own reason. */
    enum Shelf { HOLDER, READY, BLOCKED }

    Entitlement(User user, Subscription sku, long position, String since) {
        this.user = user;
        this.sku = sku;
        this.position = position;
        this.since = since;
    }

    String skuId() {
        return sku.skuId;
    }

    /** The granting groups, sorted by id. The array is replaced, never changed, so a reference is a snapshot. */
    Group[] groups() {
        return groups;
    }

    boolean isDirect() {
        return directPlans != null;
    }

    List<String> directPlans() {
        return directPlans;
    }

    void setDirectPlans(List<String> plans) {
        this.directPlans = plans;
    }

    boolean hasSources() {
        return groups.length > 0 || directPlans != null;
    }

    boolean hasGroup(Group g) {
        return indexOf(g) >= 0;
    }

    void addGroup(Group g) {
        int i = indexOf(g);
        if (i >= 0) {
            return;
        }
        int at = -i - 1;
        Group[] next = new Group[groups.length + 1];
        System.arraycopy(groups, 0, next, 0, at);
        next[at] = g;
        System.arraycopy(groups, at, next, at + 1, groups.length - at);
        groups = next;
    }

    boolean removeGroup(Group g) {
        int i = indexOf(g);
        if (i < 0) {
            return false;
        }
        Group[] next = new Group[groups.length - 1];
        System.arraycopy(groups, 0, next, 0, i);
        System.arraycopy(groups, i + 1, next, i, groups.length - i - 1);
        groups = next.length == 0 ? NO_GROUPS : next;
        return true;
    }

    private int indexOf(Group g) {
        // Binary search by id; ids are unique among the live groups a user belongs to.
        int lo = 0;
        int hi = groups.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = groups[mid].id.compareTo(g.id);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /**
     * Adds this entitlement's part (with {@code delta} -1 takes it back) to the status of each group
     * that grants it: the count of its state for the SKU, and whether the user waits (Group status).
     */
    void countInGroups(LicenseState state, int delta) {
        boolean waiting = state.isWaiting();
        for (Group g : groups) {
            g.licenses.get(sku.skuId).count(state, delta);
            if (waiting) {
                g.countError(user, delta);
            }
        }
    }

    /** The status a consumer sees: state and reason by rule 2, plans and sources by rule 1. */
    LicenseEntry view(String defaultUsageLocation) {
        LicenseState state;
        Reason reason;
        if (holdsSeat) {
            state = LicenseState.Assigned;
            reason = null;
        } else {
            reason = Eligibility.reason(Eligibility.userReason(user, this, defaultUsageLocation), sku);
            state = reason.waitingState();
        }
        String[] groupIds = new String[groups.length];
        for (int i = 0; i < groups.length; i++) {
            groupIds[i] = groups[i].id;
        }
        return new LicenseEntry(sku.skuId, state, reason, disabledPlans(), List.of(groupIds), isDirect());
    }

    /** Rule 1: a plan stays disabled only if every source disables it. */
    List<String> disabledPlans() {
        // Usually some source disables nothing, and then nothing is disabled.
        for (Group g : groups) {
            if (g.licenses.get(sku.skuId).disabledPlans.isEmpty()) {
                return List.of();
            }
        }
        if (directPlans != null && directPlans.isEmpty()) {
            return List.of();
        }
        TreeSet<String> common = null;
        for (Group g : groups) {
            common = intersect(common, g.licenses.get(sku.skuId).disabledPlans);
            if (common.isEmpty()) {
                return List.of();
            }
        }
        if (directPlans != null) {
            common = intersect(common, directPlans);
        }
        return common == null ? List.of() : List.copyOf(common);
    }

    private static TreeSet<String> intersect(TreeSet<String> acc, List<String> plans) {
        if (acc == null) {
            return new TreeSet<>(plans);
        }
        acc.retainAll(plans);
        return acc;
    }

    @Override
    public String toString() {
        return user.id + "/" + sku.skuId + "@" + position + (holdsSeat ? "*" : "") + Arrays.toString(groups);
    }
}
