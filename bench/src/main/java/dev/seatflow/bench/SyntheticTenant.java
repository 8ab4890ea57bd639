package dev.seatflow.bench;

import dev.seatflow.events.DirectoryEvent.GroupMemberAdded;
import dev.seatflow.events.DirectoryEvent.GroupMemberRemoved;
import dev.seatflow.events.DirectoryEvent.UserUpserted;
import dev.seatflow.events.Envelope;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.InputEvent;
import dev.seatflow.events.LicensingEvent.GroupLicenseAssigned;
import dev.seatflow.events.LicensingEvent.SubscriptionUpserted;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserType;
import dev.seatflow.reconciler.core.Decision;
import dev.seatflow.reconciler.core.Reconciler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded, synthetic Entra-like tenant: the same seed always gives the same directory, the same
 * events and so the same reconciler state.
 *
 * <p>The mix (the "1 tenant with 100,000 users, 1,000 groups, 10 SKUs"):
 * <ul>
 *   <li>Ids are GUID strings, as in Entra, so hashing and string sizes are realistic.</li>
 *   <li>10 SKUs; each is group-licensed through exactly one of 10 <em>license groups</em> (a tenant
 *       licenses a few groups, the rest of its groups are for access and mail). Every user is in one
 *       base-license group (SKU 0: 70%, SKU 1: 20%, SKU 2: 10% of users, think E3/E5/F3) and 20% of
 *       users also in one add-on license group (SKUs 3-9, uniformly, think Visio/Project).</li>
 *   <li>The other 990 groups carry no license; every user is in 9 of them, picked uniformly. So a
 *       user is in ~10.2 groups, ~1,020,000 memberships in all, ~120,000 entitlements.</li>
 *   <li>Each SKU has {@value #SEAT_SHARE_PERCENT}% as many seats as it has entitled users, so every
 *       SKU has holders and a queue.</li>
 *   <li>94% of users are Members with a usage location, 3% lack a usage location (Blocked,
 *       UsageLocationRequired) and 3% are Guests (Blocked, GuestUser): the pools' blocked shelves
 *       are not empty either.</li>
 * </ul>
 */
final class SyntheticTenant {
    static final String TENANT = "contoso";
    static final String SOURCE = "/bench/directory-sync";
    static final int SEAT_SHARE_PERCENT = 60;
    private static final String[] LOCATIONS = {"US", "DE", "GB", "FR", "IN", "JP", "BR", "NL"};

    final String[] userIds;
    final String[] groupIds;
    final String[] skuIds;
    /** License group of each SKU: the group index is the SKU index, groups 0..skus-1 are licensed. */
    final int licensedGroups;
    /** Every user's groups (indices into {@link #groupIds}). */
    final int[][] groupsOfUser;
    /** usage location per user (null: none) and user type. */
    final String[] usageLocation;
    final UserType[] userType;
    /** Entitled users per SKU, and seats = SEAT_SHARE_PERCENT% of it. */
    final int[] entitledPerSku;
    final int[] seatsPerSku;
    final int memberships;

    private SyntheticTenant(long seed, int users, int groups, int skus, int ordinaryGroupsPerUser) {
        Random rnd = new Random(seed);
        userIds = new String[users];
        groupIds = new String[groups];
        skuIds = new String[skus];
        for (int i = 0; i < users; i++) {
            userIds[i] = guid(rnd);
        }
        for (int i = 0; i < groups; i++) {
            groupIds[i] = guid(rnd);
        }
        for (int i = 0; i < skus; i++) {
            skuIds[i] = guid(rnd);
        }
        licensedGroups = skus;
        groupsOfUser = new int[users][];
        usageLocation = new String[users];
        userType = new UserType[users];
        entitledPerSku = new int[skus];
        int total = 0;
        int ordinary = groups - skus;
        for (int u = 0; u < users; u++) {
            int roll = rnd.nextInt(100);
            usageLocation[u] = roll < 3 ? null : LOCATIONS[rnd.nextInt(LOCATIONS.length)];
            userType[u] = roll >= 3 && roll < 6 ? UserType.Guest : UserType.Member;

            int[] mine = new int[ordinaryGroupsPerUser + 2];
            int n = 0;
            int base = Math.min(skus - 1, pickBase(rnd.nextInt(100)));
            mine[n++] = base;
            if (skus > 3 && rnd.nextInt(100) < 20) {
                mine[n++] = 3 + rnd.nextInt(skus - 3);
            }
            while (n < mine.length && countOrdinary(mine, n, skus) < ordinaryGroupsPerUser) {
                int g = skus + rnd.nextInt(ordinary);
                if (!contains(mine, n, g)) {
                    mine[n++] = g;
                }
            }
            int[] exact = Arrays.copyOf(mine, n);
            Arrays.sort(exact);
            groupsOfUser[u] = exact;
            for (int g : exact) {
                if (g < skus) {
                    entitledPerSku[g]++;
                }
            }
            total += n;
        }
        memberships = total;
        seatsPerSku = new int[skus];
        for (int s = 0; s < skus; s++) {
            seatsPerSku[s] = (int) ((long) entitledPerSku[s] * SEAT_SHARE_PERCENT / 100);
        }
    }

    /** The tenant: 100,000 users, 1,000 groups, 10 SKUs, ~10 groups per user. */
    static SyntheticTenant standard(long seed) {
        return of(seed, 100_000);
    }

    /** The same mix with another number of users (1,000 groups, 10 SKUs, ~10 groups per user). */
    static SyntheticTenant of(long seed, int users) {
        return new SyntheticTenant(seed, users, 1_000, 10, 9);
    }

    private static int pickBase(int roll) {
        return roll < 70 ? 0 : roll < 90 ? 1 : 2;
    }

    private static int countOrdinary(int[] a, int n, int skus) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (a[i] >= skus) {
                c++;
            }
        }
        return c;
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    static String guid(Random rnd) {
        return new UUID(rnd.nextLong(), rnd.nextLong()).toString();
    }

    int users() {
        return userIds.length;
    }

    int entitlements() {
        int n = 0;
        for (int e : entitledPerSku) {
            n += e;
        }
        return n;
    }

    /** Every membership as (user << 32 | group), in a seeded random order. */
    long[] shuffledMemberships(Random rnd) {
        long[] all = new long[memberships];
        int i = 0;
        for (int u = 0; u < groupsOfUser.length; u++) {
            for (int g : groupsOfUser[u]) {
                all[i++] = pack(u, g);
            }
        }
        for (int j = all.length - 1; j > 0; j--) {
            int k = rnd.nextInt(j + 1);
            long t = all[j];
            all[j] = all[k];
            all[k] = t;
        }
        return all;
    }

    static long pack(int user, int group) {
        return ((long) user << 32) | (group & 0xffffffffL);
    }

    static int userOf(long membership) {
        return (int) (membership >>> 32);
    }

    static int groupOf(long membership) {
        return (int) membership;
    }

    boolean isLicensed(long membership) {
        return groupOf(membership) < licensedGroups;
    }

    // ---- events -------------------------------------------------------------------------------

    static InboundEvent event(String id, InputEvent data) {
        return new InboundEvent(new Envelope(id, SOURCE, TENANT, null), data);
    }

    /** Subscriptions, then user upserts: the tenant before any group or membership exists. */
    void usersAndSubscriptions(List<InboundEvent> out, String idPrefix) {
        for (int s = 0; s < skuIds.length; s++) {
            out.add(event(idPrefix + "sku-" + s, new SubscriptionUpserted(skuIds[s], seatsPerSku[s],
                    SubscriptionStatus.Enabled, List.of("EXCHANGE_S_STANDARD", "TEAMS1", "SHAREPOINTSTANDARD"))));
        }
        for (int u = 0; u < userIds.length; u++) {
            out.add(event(idPrefix + "user-" + u, new UserUpserted(userIds[u], usageLocation[u], userType[u])));
        }
    }

    /** One license per license group (before its members join, so members are granted one by one). */
    void groupLicenses(List<InboundEvent> out, String idPrefix) {
        for (int s = 0; s < licensedGroups; s++) {
            out.add(event(idPrefix + "license-" + s, new GroupLicenseAssigned(groupIds[s], skuIds[s], List.of())));
        }
    }

    void memberAdded(List<InboundEvent> out, String id, long membership) {
        out.add(event(id, added(membership)));
    }

    GroupMemberAdded added(long membership) {
        return new GroupMemberAdded(groupIds[groupOf(membership)], userIds[userOf(membership)]);
    }

    GroupMemberRemoved removed(long membership) {
        return new GroupMemberRemoved(groupIds[groupOf(membership)], userIds[userOf(membership)]);
    }

    /**
     * All the events that build the full tenant: subscriptions, users, (optionally) group licenses,
     * then every membership except {@code absent}, in a seeded random order.
     */
    List<InboundEvent> buildEvents(boolean withLicenses, long[] shuffled, java.util.Set<Long> absent) {
        List<InboundEvent> out = new ArrayList<>(memberships + users() + 32);
        usersAndSubscriptions(out, "setup-");
        if (withLicenses) {
            groupLicenses(out, "setup-");
        }
        for (int i = 0; i < shuffled.length; i++) {
            if (absent == null || !absent.contains(shuffled[i])) {
                memberAdded(out, "setup-member-" + i, shuffled[i]);
            }
        }
        return out;
    }

    static Reconciler apply(Reconciler reconciler, List<InboundEvent> events) {
        for (InboundEvent e : events) {
            Decision d = reconciler.apply(e);
            if (d.duplicate()) {
                throw new IllegalStateException("setup event deduplicated: " + e.envelope().id());
            }
        }
        return reconciler;
    }
}
