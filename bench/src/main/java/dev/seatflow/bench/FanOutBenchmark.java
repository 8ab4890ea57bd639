package dev.seatflow.bench;

import dev.seatflow.events.DirectoryEvent.GroupMemberAdded;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fan-out of one group license, one thread: a fresh tenant with one SKU of 50,000 seats and one
 * group of 100,000 members (upserted with a usage location), then one {@code GroupLicenseAssigned}
 * for that group and SKU, which the core answers with 50,000 Assigned and 50,000 Queued
 * {@code license.changed} events (and 100,000 entitlement changelog records). Target: < 200 ms.
 *
 * <p>SingleShotTime: every invocation gets a freshly built reconciler ({@code Level.Invocation}
 * setup, not measured), which ends with a full GC so that a measurement never pays for the
 * setup's garbage; a GC that the fan-out's own allocation triggers is measured. The teardown checks
 * the outputs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 15)
@Fork(value = 2, jvmArgsAppend = "-Xmx4g")
@Threads(1)
public class FanOutBenchmark {
    static final int MEMBERS = 100_000;
    static final int SEATS = 50_000;

    private List<InboundEvent> setupEvents;
    private InboundEvent assign;
    private Reconciler reconciler;
    private Decision decision;

    @Setup(Level.Trial)
    public void prepare() {
        Random rnd = new Random(42);
        String sku = SyntheticTenant.guid(rnd);
        String group = SyntheticTenant.guid(rnd);
        setupEvents = new ArrayList<>(2 * MEMBERS + 1);
        setupEvents.add(SyntheticTenant.event("sku", new SubscriptionUpserted(sku, SEATS, SubscriptionStatus.Enabled,
                List.of("EXCHANGE_S_STANDARD", "TEAMS1"))));
        String[] users = new String[MEMBERS];
        for (int u = 0; u < MEMBERS; u++) {
            users[u] = SyntheticTenant.guid(rnd);
            setupEvents.add(SyntheticTenant.event("user-" + u, new UserUpserted(users[u], "US", UserType.Member)));
        }
        for (int u = 0; u < MEMBERS; u++) {
            setupEvents.add(SyntheticTenant.event("member-" + u, new GroupMemberAdded(group, users[u])));
        }
        assign = SyntheticTenant.event("assign", new GroupLicenseAssigned(group, sku, List.of()));
    }

    @Setup(Level.Invocation)
    public void freshTenant() {
        decision = null;
        reconciler = SyntheticTenant.apply(new Reconciler(), setupEvents);
        System.gc();
    }

    @Benchmark
    public Decision assignGroupLicense() {
        decision = reconciler.apply(assign);
        return decision;
    }

    @TearDown(Level.Invocation)
    public void check() {
        int assigned = 0;
        int queued = 0;
        for (OutboundEvent o : decision.outputs()) {
            if (o.data().state() == LicenseState.Assigned) {
                assigned++;
            } else if (o.data().state() == LicenseState.Queued) {
                queued++;
            }
        }
        if (assigned != SEATS || queued != MEMBERS - SEATS) {
            throw new IllegalStateException("expected " + SEATS + " Assigned and " + (MEMBERS - SEATS)
                    + " Queued, got " + assigned + " and " + queued);
        }
    }
}
