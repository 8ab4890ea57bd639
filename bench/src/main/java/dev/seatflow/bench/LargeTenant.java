package dev.seatflow.bench;

import dev.seatflow.events.DirectoryEvent.GroupMemberAdded;
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
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * One large tenant through the core: 1,000,000 users and about 10,200,000 memberships (issue 13:
 * it must fit {@code -Xmx2g}), built by {@link Reconciler#apply} one event at a time.
 *
 * <pre>java -Xmx2g -cp bench/target/benchmarks.jar dev.seatflow.bench.LargeTenant [users] [groups]</pre>
 *
 * <p>The mix is {@link SyntheticTenant}'s, scaled: GUID ids; 10 SKUs, each licensed through one of
 * 10 license groups; every user in one base-license group (70% / 20% / 10%), 20% also in one
 * add-on group, and in 9 of the other groups; seats for 60% of each SKU's entitled users; 3% of
 * users without a usage location, 3% guests. With a million users the tenant has 10,000 groups
 * (SyntheticTenant keeps 1,000 for its 100,000), so an ordinary group has about 900 members and
 * the base-license groups 700,000, 200,000 and 100,000.
 *
 * <p>Events are made as they are applied, never held: each user's attributes and groups come
 * from a random generator seeded with the user's number, so the harness itself keeps only the
 * group and SKU ids, and the heap figures are the reconciler's. Order: subscriptions, group
 * licenses, every user upserted, then the memberships in ten rounds (each user's first group,
 * then each user's second, ...), so groups grow side by side as a directory sync would fill them.
 *
 * <p>Prints the time to apply everything, events per second, and the heap after full GCs (used
 * heap with the reconciler reachable), per membership.
 */
public final class LargeTenant {
    static final long SEED = 20_261_201L;
    static final int SKUS = 10;
    static final int ORDINARY_GROUPS_PER_USER = 9;
    private static final String[] LOCATIONS = {"US", "DE", "GB", "FR", "IN", "JP", "BR", "NL"};

    private final int users;
    private final String[] groupIds;
    private final String[] skuIds;
    private long seq;

    private LargeTenant(int users, int groups) {
        this.users = users;
        Random rnd = new Random(SEED);
        groupIds = new String[groups];
        skuIds = new String[SKUS];
        for (int g = 0; g < groups; g++) {
            groupIds[g] = SyntheticTenant.guid(rnd);
        }
        for (int s = 0; s < SKUS; s++) {
            skuIds[s] = SyntheticTenant.guid(rnd);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int groups = args.length > 1 ? Integer.parseInt(args[1]) : Math.max(SKUS + ORDINARY_GROUPS_PER_USER, users / 100);
        LargeTenant t = new LargeTenant(users, groups);
        System.out.printf("max heap %,d MB; %,d users, %,d groups, %,d SKUs%n",
                Runtime.getRuntime().maxMemory() >> 20, users, groups, SKUS);
        long heapBefore = HeapPerMembership.settledUsedHeap();

        long started = System.nanoTime();
        Reconciler reconciler = new Reconciler();
        long[] counts = t.build(reconciler);
        double seconds = (System.nanoTime() - started) / 1e9;
        long memberships = counts[0];
        long events = counts[1];
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += gc.getCollectionTime();
        }
        System.out.printf("applied %,d events (%,d memberships) in %.1f s: %,.0f events/s; GC %.1f s in all%n",
                events, memberships, seconds, events / seconds, gcMillis / 1e3);

        long heap = HeapPerMembership.settledUsedHeap() - heapBefore;
        System.out.printf("retained heap %,d MB: %.1f bytes per membership (everything the tenant holds: users, "
                + "entitlements, dedup window)%n", heap >> 20, (double) heap / memberships);
        System.out.println("seats: " + reconciler.seats().size() + " rows, e.g. " + reconciler.seats().get(0));
        java.lang.ref.Reference.reachabilityFence(reconciler);
    }

    /** Applies the whole tenant; returns {memberships, events}. */
    private long[] build(Reconciler r) {
        int[] entitled = new int[SKUS];
        int[] mine = new int[ORDINARY_GROUPS_PER_USER + 2];
        for (int u = 0; u < users; u++) {
            int n = groupsOf(u, mine);
            for (int i = 0; i < n; i++) {
                if (mine[i] < SKUS) {
                    entitled[mine[i]]++;
                }
            }
        }
        for (int s = 0; s < SKUS; s++) {
            apply(r, new SubscriptionUpserted(skuIds[s], (int) ((long) entitled[s] * SyntheticTenant.SEAT_SHARE_PERCENT / 100),
                    SubscriptionStatus.Enabled, List.of("EXCHANGE_S_STANDARD", "TEAMS1", "SHAREPOINTSTANDARD")));
            apply(r, new GroupLicenseAssigned(groupIds[s], skuIds[s], List.of()));
        }
        for (int u = 0; u < users; u++) {
            Random rnd = userRandom(u);
            int roll = rnd.nextInt(100);
            String location = roll < 3 ? null : LOCATIONS[rnd.nextInt(LOCATIONS.length)];
            UserType type = roll >= 3 && roll < 6 ? UserType.Guest : UserType.Member;
            apply(r, new UserUpserted(userId(u), location, type));
        }
        long memberships = 0;
        for (int round = 0; round < mine.length; round++) {
            for (int u = 0; u < users; u++) {
                int n = groupsOf(u, mine);
                if (round < n) {
                    apply(r, new GroupMemberAdded(groupIds[mine[round]], userId(u)));
                    memberships++;
                }
            }
        }
        return new long[] {memberships, seq};
    }

    private void apply(Reconciler r, InputEvent data) {
        Decision d = r.apply(new InboundEvent(new Envelope("e-" + seq++, SyntheticTenant.SOURCE, SyntheticTenant.TENANT,
                null), data));
        if (d.duplicate()) {
            throw new IllegalStateException("event deduplicated: " + (seq - 1));
        }
    }

    /** A user's id, the same on every call (a fresh String each time, as a decoder would give). */
    private static String userId(int u) {
        Random rnd = new Random(SEED ^ (0x9E3779B97F4A7C15L * (u + 1)));
        return new UUID(rnd.nextLong(), rnd.nextLong()).toString();
    }

    private static Random userRandom(int u) {
        return new Random(SEED * 31 + u);
    }

    /**
     * The user's groups, as {@link SyntheticTenant} picks them: one base-license group, an add-on
     * for 20%, and 9 ordinary groups; a generator of their own, so the same on every call.
     */
    private int groupsOf(int u, int[] mine) {
        Random rnd = new Random((SEED + 7) * 31 + u);
        int n = 0;
        int roll = rnd.nextInt(100);
        mine[n++] = roll < 70 ? 0 : roll < 90 ? 1 : 2;
        if (rnd.nextInt(100) < 20) {
            mine[n++] = 3 + rnd.nextInt(SKUS - 3);
        }
        int target = n + ORDINARY_GROUPS_PER_USER;
        int ordinary = groupIds.length - SKUS;
        while (n < target) {
            int g = SKUS + rnd.nextInt(ordinary);
            boolean dup = false;
            for (int i = 0; i < n; i++) {
                dup |= mine[i] == g;
            }
            if (!dup) {
                mine[n++] = g;
            }
        }
        return n;
    }
}
