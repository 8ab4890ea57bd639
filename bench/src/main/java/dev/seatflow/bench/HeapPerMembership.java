package dev.seatflow.bench;

import dev.seatflow.reconciler.core.Reconciler;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.info.GraphStats;
import org.openjdk.jol.vm.VM;

/**
 * Retained heap of the core per membership and per entitlement. Target: <= 200 bytes per membership.
 *
 * <pre>java -Xmx8g -cp bench/target/benchmarks.jar dev.seatflow.bench.HeapPerMembership [--no-footprint]</pre>
 *
 * <p><b>Method.</b> The same seeded tenant as {@link MembershipChurnBenchmark} (100,000 users,
 * 1,000 groups, 10 SKUs, ~1,020,000 memberships, ~120,000 entitlements) is built three times, each
 * in a fresh {@link Reconciler} fed the events through {@code apply}:
 * <ol>
 *   <li><b>A</b>: the 10 subscriptions and the 100,000 user upserts only;</li>
 *   <li><b>B</b>: A plus every membership, but no group license, so no entitlement exists;</li>
 *   <li><b>C</b>: B plus the 10 group licenses (assigned before the members join): the full tenant.</li>
 * </ol>
 * Each is measured two ways:
 * <ul>
 *   <li><b>JOL</b> (exact, primary): {@code GraphStats.parseInstance(reconciler).totalSize()} walks
 *       every object reachable from the reconciler and adds up their real sizes in this VM
 *       (compressed oops, object alignment), i.e. the reconciler's retained heap, id strings
 *       included, as long as nothing outside shares them (nothing does once the events are gone).</li>
 *   <li><b>MemoryMXBean</b> (cross-check): full GC repeated until the used-heap reading settles,
 *       read; build the reconciler from events generated inside a method (so they are garbage once it
 *       returns) while the reconciler stays strongly reachable; settle and read again. The difference
 *       is what the reconciler retains, give or take a few KB of JVM noise.</li>
 * </ul>
 * Then: bytes per membership = (B - A) / memberships (the marginal cost of one membership, incl.
 * the 1,000 group objects), bytes per entitlement = (C - B) / entitlements, and the totals
 * C / memberships (everything the tenant holds, users and dedup window included, divided by the
 * memberships) and (C - A) / memberships.
 */
public final class HeapPerMembership {
    private HeapPerMembership() {
    }

    private enum Build { A_USERS, B_MEMBERSHIPS, C_ENTITLEMENTS }

    public static void main(String[] args) throws InterruptedException {
        // JOL cannot ask Unsafe for field offsets in hidden classes (the pools' Comparator lambda);
        // this makes it find them by probing instead. Must be set before JOL initialises.
        System.setProperty("jol.magicFieldOffset", "true");
        boolean footprint = !List.of(args).contains("--no-footprint");
        SyntheticTenant tenant = SyntheticTenant.standard(MembershipChurnBenchmark.SEED);
        int memberships = tenant.memberships;
        int entitlements = tenant.entitlements();
        System.out.println(VM.current().details());
        System.out.printf("tenant: %,d users, %,d groups, %,d SKUs, %,d memberships, %,d entitlements%n%n",
                tenant.users(), tenant.groupIds.length, tenant.skuIds.length, memberships, entitlements);

        long[] jol = new long[3];
        long[] mx = new long[3];
        for (Build b : Build.values()) {
            long before = settledUsedHeap();
            Reconciler r = build(b);
            long after = settledUsedHeap();
            mx[b.ordinal()] = after - before;
            GraphStats stats = GraphStats.parseInstance(r);
            jol[b.ordinal()] = stats.totalSize();
            System.out.printf("%-15s JOL %,14d bytes in %,11d objects   MXBean %,14d bytes%n",
                    b, stats.totalSize(), stats.totalCount(), mx[b.ordinal()]);
            if (footprint && b == Build.C_ENTITLEMENTS) {
                System.out.println();
                System.out.println(GraphLayout.parseInstance(r).toFootprint());
            }
            // r is used below this point only via the figures; keep it reachable until measured.
            java.lang.ref.Reference.reachabilityFence(r);
        }

        System.out.println();
        report("JOL   ", jol, memberships, entitlements);
        report("MXBean", mx, memberships, entitlements);
    }

    private static void report(String how, long[] size, int memberships, int entitlements) {
        System.out.printf("%s bytes per membership (B-A)/m: %6.1f   per entitlement (C-B)/e: %6.1f   "
                        + "all-in C/m: %6.1f   (C-A)/m: %6.1f%n",
                how,
                (double) (size[1] - size[0]) / memberships,
                (double) (size[2] - size[1]) / entitlements,
                (double) size[2] / memberships,
                (double) (size[2] - size[0]) / memberships);
    }

    /** Builds one tenant; the events are local, so they are garbage by the time this returns. */
    private static Reconciler build(Build b) {
        SyntheticTenant tenant = SyntheticTenant.standard(MembershipChurnBenchmark.SEED);
        List<dev.seatflow.events.InboundEvent> events;
        if (b == Build.A_USERS) {
            events = new ArrayList<>();
            tenant.usersAndSubscriptions(events, "setup-");
        } else {
            long[] shuffled = tenant.shuffledMemberships(new Random(MembershipChurnBenchmark.SEED + 1));
            events = tenant.buildEvents(b == Build.C_ENTITLEMENTS, shuffled, null);
        }
        return SyntheticTenant.apply(new Reconciler(), events);
    }

    /** Full GCs until two successive used-heap readings agree within 64 KB (at most 20 rounds). */
    static long settledUsedHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int round = 0; round < 20; round++) {
            System.gc();
            Thread.sleep(100);
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(used - last) < 64 * 1024) {
                return used;
            }
            last = used;
        }
        return last;
    }
}
