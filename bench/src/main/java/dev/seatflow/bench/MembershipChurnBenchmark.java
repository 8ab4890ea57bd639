package dev.seatflow.bench;

import dev.seatflow.events.Envelope;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.InputEvent;
import dev.seatflow.reconciler.core.Decision;
import dev.seatflow.reconciler.core.Reconciler;
import dev.seatflow.reconciler.core.StateRecord;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Membership churn through the core alone, one thread: one op = one {@code member.added} or
 * {@code member.removed} event applied by {@link Reconciler#apply}. Target: >= 1,000,000 ops/s.
 *
 * <p>The tenant is {@link SyntheticTenant#standard} (100,000 users, 1,000 groups, 10 SKUs,
 * ~1,020,000 memberships, ~120,000 entitlements, seats = 60% of the entitled users).
 *
 * <p><b>The churn is a closed cycle</b>, so the pre-built events stay meaningful however often
 * they are replayed: M distinct existing memberships P0..P(M-1) are picked at random; step j
 * removes Pj and re-adds P(j-K mod M), the membership removed K steps earlier (M = 500,000 for
 * {@code mixed}, 100,000 for {@code licensed}, K = 10,000; both smaller for a small tenant).
 * The setup leaves P(M-K)..P(M-1) out of the tenant, so at every step the remove hits a member
 * and the add a non-member, and after M steps the membership set is exactly what it was. Nothing
 * is a no-op: the setup replays one whole cycle and fails unless every event ended or began a
 * membership. A re-added license-group member gets a new entitlement at the back of its queue;
 * a removed seat holder frees a seat that the next in line gets in the same event.
 *
 * <p><b>Event ids.</b> The core deduplicates on source + id within a window of
 * {@value Reconciler#DEFAULT_DEDUP_WINDOW} events. With {@code idMode=cycled} the 2M events are
 * built once with unique ids and replayed in a loop: an id comes back 2M >= 200,000 events after it
 * was last seen, long after it left the window, so the core treats it exactly as a fresh id (the
 * dedup key is rebuilt from the envelope on every apply, no hash is cached). {@code idMode=fresh}
 * instead wraps each event in a new envelope with a counter id inside the op, which adds
 * {@code Long.toString} and two small allocations (about 60-80 bytes) to every op; compare the two
 * to see that the cycled ids do not flatter the figure.
 *
 * <p>{@code workload=mixed} draws the churn from all memberships (so ~12% of events hit a license
 * group); {@code workload=licensed} only from license-group memberships: every event revokes or
 * grants an entitlement, the worst case.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Threads(1)
public class MembershipChurnBenchmark {
    static final long SEED = 20_240_601L;

    @Param({"mixed", "licensed"})
    public String workload;

    @Param({"cycled", "fresh"})
    public String idMode;

    /**
     * Users in the tenant (groups and SKUs stay 1,000 and 10). 100,000 is the tenant; a small
     * value such as 1000 ({@code -p users=1000 -p idMode=fresh}) is a control experiment: the same
     * work per event on a state that fits in the CPU caches, which separates the core's fixed
     * per-event cost from the cost of cache misses on a large state.
     */
    @Param({"100000"})
    public int users;

    private Reconciler reconciler;
    private InboundEvent[] events;
    private InputEvent[] data;
    private boolean freshIds;
    private int cursor;
    private long nextId;

    @Setup(Level.Trial)
    public void setUp() {
        SyntheticTenant tenant = SyntheticTenant.of(SEED, users);
        Random rnd = new Random(SEED + 1);
        long[] shuffled = tenant.shuffledMemberships(rnd);

        long[] population = "licensed".equals(workload)
                ? LongStream.of(shuffled).filter(tenant::isLicensed).toArray()
                : shuffled;
        int m = Math.min("licensed".equals(workload) ? 100_000 : 500_000, population.length / 2);
        int lag = Math.min(10_000, m / 10);
        if (!"fresh".equals(idMode) && 2 * m < 2 * Reconciler.DEFAULT_DEDUP_WINDOW) {
            throw new IllegalStateException("a cycle of " + 2 * m + " events is too short to replay its ids past the "
                    + "dedup window: use -p idMode=fresh");
        }
        // The shuffle is random, so the first m of the population are a uniform sample.
        long[] p = java.util.Arrays.copyOf(population, m);
        Set<Long> absent = new HashSet<>();
        for (int j = m - lag; j < m; j++) {
            absent.add(p[j]);
        }

        reconciler = SyntheticTenant.apply(new Reconciler(), tenant.buildEvents(true, shuffled, absent));

        events = new InboundEvent[2 * m];
        data = new InputEvent[2 * m];
        for (int j = 0; j < m; j++) {
            data[2 * j] = tenant.removed(p[j]);
            data[2 * j + 1] = tenant.added(p[Math.floorMod(j - lag, m)]);
        }
        for (int i = 0; i < events.length; i++) {
            events[i] = SyntheticTenant.event("churn-" + i, data[i]);
        }

        // One full cycle outside the measurement: proves that every event does real work and is
        // never deduplicated, warms the JIT, and leaves the membership set where it started.
        long outputs = 0;
        for (int i = 0; i < events.length; i++) {
            Decision d = reconciler.apply(events[i]);
            if (d.duplicate() || !changesMembership(d, i % 2 == 0)) {
                throw new IllegalStateException("churn event " + i + " was a no-op or a duplicate");
            }
            outputs += d.outputs().size();
        }
        System.out.printf("%n[setup] %s: %,d memberships, %,d entitlements, cycle of %,d events, "
                        + "%.3f license.changed outputs per event%n",
                workload, tenant.memberships, tenant.entitlements(), events.length, (double) outputs / events.length);
        freshIds = "fresh".equals(idMode);
        cursor = 0;
        nextId = 0;
    }

    private static boolean changesMembership(Decision d, boolean removal) {
        for (StateRecord r : d.changelog()) {
            if (removal ? r instanceof StateRecord.MembershipEnded : r instanceof StateRecord.Membership) {
                return true;
            }
        }
        return false;
    }

    @Benchmark
    public Decision membershipEvent() {
        int i = cursor;
        cursor = i + 1 == events.length ? 0 : i + 1;
        InboundEvent e = freshIds
                ? new InboundEvent(new Envelope(Long.toString(nextId++), SyntheticTenant.SOURCE, SyntheticTenant.TENANT,
                        null), data[i])
                : events[i];
        return reconciler.apply(e);
    }
}
