package dev.seatflow.bench;

import dev.seatflow.events.DirectoryEvent.GroupMemberAdded;
import dev.seatflow.events.DirectoryEvent.GroupMemberRemoved;
import dev.seatflow.events.DirectoryEvent.GroupSubgroupAdded;
import dev.seatflow.events.DirectoryEvent.UserUpserted;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.LicenseState;
import dev.seatflow.events.LicensingEvent.GroupLicenseAssigned;
import dev.seatflow.events.LicensingEvent.SubscriptionUpserted;
import dev.seatflow.events.OutboundEvent;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Contract v2, nested groups, through the core alone, one thread.
 *
 * <p>{@link SubgroupFanOut}: a team of 100,000 members (upserted with a usage location) joins a
 * department that has a SKU of 50,000 seats: one {@code subgroup.added}, answered with 50,000
 * Assigned and 50,000 Queued events, a fan-out like a group license's. Target: < 200 ms, as for
 * {@link FanOutBenchmark}.
 *
 * <p>{@link DeepMembership}: membership churn at the bottom of nested groups: a chain of 10
 * groups (each a subgroup of the next, the top one and the middle one licensed) or a cycle of 10
 * (every group has every member), 100,000 users spread over the groups, and a closed cycle of
 * member.removed / member.added of users in the bottom group. Each event walks up the chain (or
 * round the cycle) from the user's group and touches only that user's entitlements.
 */
public class NestedGroupsBenchmark {
    static final int MEMBERS = 100_000;
    static final int SEATS = 50_000;

    @State(Scope.Thread)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 10)
    @Measurement(iterations = 15)
    @Fork(value = 1, jvmArgsAppend = "-Xmx4g")
    @Threads(1)
    public static class SubgroupFanOut {
        private List<InboundEvent> setupEvents;
        private InboundEvent nest;
        private Reconciler reconciler;
        private Decision decision;

        @Setup(Level.Trial)
        public void prepare() {
            Random rnd = new Random(42);
            String sku = SyntheticTenant.guid(rnd);
            String dept = SyntheticTenant.guid(rnd);
            String team = SyntheticTenant.guid(rnd);
            setupEvents = new ArrayList<>(2 * MEMBERS + 2);
            setupEvents.add(SyntheticTenant.event("sku", new SubscriptionUpserted(sku, SEATS, SubscriptionStatus.Enabled,
                    List.of())));
            setupEvents.add(SyntheticTenant.event("license", new GroupLicenseAssigned(dept, sku, List.of())));
            for (int u = 0; u < MEMBERS; u++) {
                String user = SyntheticTenant.guid(rnd);
                setupEvents.add(SyntheticTenant.event("user-" + u, new UserUpserted(user, "US", UserType.Member)));
                setupEvents.add(SyntheticTenant.event("member-" + u, new GroupMemberAdded(team, user)));
            }
            nest = SyntheticTenant.event("nest", new GroupSubgroupAdded(dept, team));
        }

        @Setup(Level.Invocation)
        public void freshTenant() {
            decision = null;
            reconciler = SyntheticTenant.apply(new Reconciler(), setupEvents);
            System.gc();
        }

        @Benchmark
        public Decision teamJoinsLicensedDepartment() {
            decision = reconciler.apply(nest);
            return decision;
        }

        @TearDown(Level.Invocation)
        public void check() {
            long assigned = decision.outputs().stream().filter(o -> o.data().state() == LicenseState.Assigned).count();
            if (assigned != SEATS || decision.outputs().size() != MEMBERS) {
                throw new IllegalStateException("expected " + SEATS + " of " + MEMBERS + " Assigned, got " + assigned
                        + " of " + decision.outputs().size());
            }
        }
    }

    @State(Scope.Thread)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 2, time = 3)
    @Measurement(iterations = 3, time = 3)
    @Fork(value = 1, jvmArgsAppend = "-Xmx4g")
    @Threads(1)
    public static class DeepMembership {
        static final int GROUPS = 10;
        static final int CHURNED = 20_000;

        /**
         * {@code chain}: g0 in g1 in ... in g9; {@code cycle}: g9 in g0 as well; {@code flat}: no
         * nesting, both licenses on g0 itself: the churned users get and lose the same two SKUs
         * without a walk (the yardstick; only g0's members are entitled, so fewer wait).
         */
        @Param({"flat", "chain", "cycle"})
        public String shape;

        private Reconciler reconciler;
        private InboundEvent[] cycle;
        private int next;
        private long seq;

        @Setup(Level.Trial)
        public void prepare() {
            Random rnd = new Random(7);
            String[] groups = new String[GROUPS];
            for (int g = 0; g < GROUPS; g++) {
                groups[g] = SyntheticTenant.guid(rnd);
            }
            String sku = SyntheticTenant.guid(rnd);
            String addOn = SyntheticTenant.guid(rnd);
            List<InboundEvent> setup = new ArrayList<>();
            setup.add(SyntheticTenant.event("sku", new SubscriptionUpserted(sku, MEMBERS / 2, SubscriptionStatus.Enabled,
                    List.of())));
            setup.add(SyntheticTenant.event("add-on", new SubscriptionUpserted(addOn, MEMBERS / 4,
                    SubscriptionStatus.Enabled, List.of())));
            boolean flat = shape.equals("flat");
            setup.add(SyntheticTenant.event("license", new GroupLicenseAssigned(groups[flat ? 0 : GROUPS - 1], sku, List.of())));
            setup.add(SyntheticTenant.event("license-2", new GroupLicenseAssigned(groups[flat ? 0 : GROUPS / 2], addOn, List.of())));
            for (int g = 0; g + 1 < GROUPS && !flat; g++) {
                setup.add(SyntheticTenant.event("nest-" + g, new GroupSubgroupAdded(groups[g + 1], groups[g])));
            }
            if (shape.equals("cycle")) {
                setup.add(SyntheticTenant.event("close", new GroupSubgroupAdded(groups[0], groups[GROUPS - 1])));
            }
            String[] users = new String[MEMBERS];
            for (int u = 0; u < MEMBERS; u++) {
                users[u] = SyntheticTenant.guid(rnd);
                setup.add(SyntheticTenant.event("user-" + u, new UserUpserted(users[u], "US", UserType.Member)));
                // The first CHURNED users are in the bottom group, the rest spread over the others.
                String group = u < CHURNED ? groups[0] : groups[1 + u % (GROUPS - 1)];
                setup.add(SyntheticTenant.event("member-" + u, new GroupMemberAdded(group, users[u])));
            }
            reconciler = SyntheticTenant.apply(new Reconciler(), setup);
            // A closed cycle: remove user j, re-add user j - K; every event really changes a membership.
            int k = 1_000;
            for (int u = CHURNED - k; u < CHURNED; u++) {
                reconciler.apply(SyntheticTenant.event("pre-" + u, new GroupMemberRemoved(groups[0], users[u])));
            }
            cycle = new InboundEvent[2 * CHURNED];
            for (int j = 0; j < CHURNED; j++) {
                cycle[2 * j] = SyntheticTenant.event("x", new GroupMemberRemoved(groups[0], users[j]));
                cycle[2 * j + 1] = SyntheticTenant.event("x",
                        new GroupMemberAdded(groups[0], users[(j - k + CHURNED) % CHURNED]));
            }
        }

        @Benchmark
        public Decision churnAtTheBottom() {
            InboundEvent e = cycle[next];
            next = (next + 1) % cycle.length;
            Decision d = reconciler.apply(new InboundEvent(
                    new dev.seatflow.events.Envelope(Long.toString(seq++), e.envelope().source(), e.tenantId(), null),
                    e.data()));
            if (d.outputs().isEmpty()) {
                throw new IllegalStateException("a membership change at the bottom must change the user's licenses");
            }
            return d;
        }
    }

    static long count(List<OutboundEvent> outputs, LicenseState state) {
        return outputs.stream().filter(o -> o.data().state() == state).count();
    }
}
