package dev.seatflow.bench.e2e;

import dev.seatflow.reconciler.core.Reconciler;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;

/**
 * Heap the reconciler retains per membership: used heap after full GCs, before and after
 * applying the whole synthetic directory to a {@link Reconciler}, divided by its memberships.
 * All-in: users, entitlements, seat pools and the dedup window are counted too.
 */
final class HeapProbe {
    record Heap(long memberships, long retainedBytes, double bytesPerMembership) {
    }

    private HeapProbe() {
    }

    static Heap run(SyntheticDirectory directory) throws InterruptedException {
        long before = settledUsedHeap();
        Reconciler reconciler = load(directory);
        long after = settledUsedHeap();
        Reference.reachabilityFence(reconciler);
        long retained = after - before;
        return new Heap(directory.memberships, retained, (double) retained / directory.memberships);
    }

    /** The events are made on the fly and dropped: only the reconciler's state stays reachable. */
    private static Reconciler load(SyntheticDirectory directory) {
        Reconciler r = new Reconciler();
        directory.forEachLicensingEvent(r::apply);
        directory.forEachDirectoryEvent(r::apply);
        return r;
    }

    /** Full GCs until two successive used-heap readings agree within 64 KB (at most 20 rounds). */
    static long settledUsedHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int round = 0; round < 20; round++) {
            System.gc();
            Thread.sleep(50);
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(used - last) < 64 * 1024) {
                return used;
            }
            last = used;
        }
        return last;
    }
}
