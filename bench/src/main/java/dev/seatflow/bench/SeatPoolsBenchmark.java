package dev.seatflow.bench;

import dev.seatflow.events.DirectoryEvent.GroupMemberAdded;
import dev.seatflow.events.DirectoryEvent.UserUpserted;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.LicenseState;
import dev.seatflow.events.LicensingEvent.GroupLicenseAssigned;
import dev.seatflow.events.LicensingEvent.PoolUpserted;
import dev.seatflow.events.LicensingEvent.SubscriptionUpserted;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserType;
import dev.seatflow.reconciler.core.Decision;
import dev.seatflow.reconciler.core.Reconciler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Contract v2, seat pools, through the core alone, one thread. A SKU licensed to a group of
 * 100,000 members; 10 departments of 8,000 members each are subgroups of it, each with a pool of
 * 2,000 seats (half may borrow), and 20,000 members belong to no department.
 *
 * <p>{@code serveTheQueues}: the SKU has no seats, so all 100,000 wait, one queue per pool and
 * one for users without a pool; then 50,000 seats are bought. Serving hands out every seat, each
 * time to the lowest position a seat is open to among 11 queue heads.
 *
 * <p>{@code fanOutWithPools}: the same tenant without the license, which is then assigned to the
 * group (50,000 seats): the fan-out of {@link FanOutBenchmark} with pools present (each new
 * entitlement looks up the user's pool).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8)
@Measurement(iterations = 12)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Threads(1)
public class SeatPoolsBenchmark {
    static final int MEMBERS = 100_000;
    static final int POOLS = 10;
    static final int PER_DEPARTMENT = 8_000;
    static final int POOL_SEATS = 2_000;
    static final int SEATS = 50_000;

    private List<InboundEvent> tenant;
    private InboundEvent license;
    private InboundEvent noSeats;
    private InboundEvent buySeats;

    @Setup(Level.Trial)
    public void prepare() {
        Random rnd = new Random(11);
        String sku = SyntheticTenant.guid(rnd);
        String all = SyntheticTenant.guid(rnd);
        tenant = new ArrayList<>();
        for (int p = 0; p < POOLS; p++) {
            String dept = SyntheticTenant.guid(rnd);
            tenant.add(SyntheticTenant.event("nest-" + p,
                    new dev.seatflow.events.DirectoryEvent.GroupSubgroupAdded(all, dept)));
            tenant.add(SyntheticTenant.event("pool-" + p, new PoolUpserted("pool-" + p, sku, dept, POOL_SEATS, p % 2 == 0)));
            for (int u = 0; u < PER_DEPARTMENT; u++) {
                String user = SyntheticTenant.guid(rnd);
                tenant.add(SyntheticTenant.event("user-" + p + "-" + u, new UserUpserted(user, "US", UserType.Member)));
                tenant.add(SyntheticTenant.event("member-" + p + "-" + u, new GroupMemberAdded(dept, user)));
            }
        }
        for (int u = POOLS * PER_DEPARTMENT; u < MEMBERS; u++) {
            String user = SyntheticTenant.guid(rnd);
            tenant.add(SyntheticTenant.event("user-" + u, new UserUpserted(user, "US", UserType.Member)));
            tenant.add(SyntheticTenant.event("member-" + u, new GroupMemberAdded(all, user)));
        }
        license = SyntheticTenant.event("license", new GroupLicenseAssigned(all, sku, List.of()));
        noSeats = SyntheticTenant.event("no-seats", new SubscriptionUpserted(sku, 0, SubscriptionStatus.Enabled, List.of()));
        buySeats = SyntheticTenant.event("buy", new SubscriptionUpserted(sku, SEATS, SubscriptionStatus.Enabled, List.of()));
    }

    /** A reconciler built afresh for every invocation, and what the invocation decided (checked after it). */
    abstract static class Fresh {
        Reconciler reconciler;
        Decision decision;

        @TearDown(Level.Invocation)
        public void check() {
            long assigned = decision.outputs().stream().filter(o -> o.data().state() == LicenseState.Assigned).count();
            if (assigned != SEATS) {
                throw new IllegalStateException("expected " + SEATS + " seats handed out, got " + assigned);
            }
            decision = null;
        }
    }

    @State(Scope.Thread)
    public static class Queued extends Fresh {

        @Setup(Level.Invocation)
        public void everyoneWaits(SeatPoolsBenchmark b) {
            List<InboundEvent> events = new ArrayList<>(b.tenant);
            events.add(b.noSeats);
            events.add(b.license);
            reconciler = SyntheticTenant.apply(new Reconciler(), events);
            System.gc();
        }
    }

    @State(Scope.Thread)
    public static class Unlicensed extends Fresh {

        @Setup(Level.Invocation)
        public void noLicenseYet(SeatPoolsBenchmark b) {
            List<InboundEvent> events = new ArrayList<>(b.tenant);
            events.add(b.buySeats);
            reconciler = SyntheticTenant.apply(new Reconciler(), events);
            System.gc();
        }
    }

    @Benchmark
    public Decision serveTheQueues(Queued q) {
        q.decision = q.reconciler.apply(buySeats);
        return q.decision;
    }

    @Benchmark
    public Decision fanOutWithPools(Unlicensed u) {
        u.decision = u.reconciler.apply(license);
        return u.decision;
    }
}
