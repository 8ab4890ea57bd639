package dev.seatflow.reconciler.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.AlertEvent;
import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.GroupStatus;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.InputEvent;
import dev.seatflow.events.LicenseEntry;
import dev.seatflow.events.LicenseState;
import dev.seatflow.events.LicensingEvent;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserLicenseChanged;
import dev.seatflow.events.UserLicenses;
import dev.seatflow.events.UserType;
import dev.seatflow.reconciler.core.Decision;
import dev.seatflow.reconciler.core.Reconciler;
import dev.seatflow.testkit.events.Events;
import dev.seatflow.reconciler.model.ReferenceModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the contract over random event histories on small id spaces (2 tenants, up to 6
 * users, 4 groups, 3 SKUs with 0-3 seats; every input type, guests, usage locations, tenant default,
 * all subscription statuses, deletions, reprocessing, re-sent events and reused ids from another
 * source), checked against the optimised {@link Reconciler}: agreement with the naive
 * {@link ReferenceModel} on every event, and model-free invariants of the rules, which also run on
 * the model itself so that the yardstick is checked too.
 *
 * <p>A failure prints the shrunk history, one event a line, after the message.
 */
class ReconcilerProperties {

    static final int TRIES = 400;
    static final String[] TENANTS = {"t1", "t2"};

    // ---------------------------------------------------------------------------- generator

    /** One generated input: new data for a tenant, or a re-send of an earlier event. */
    record Step(int tenant, InputEvent data, int resend, boolean otherSource, boolean timed) {
    }

    /** Long histories, few tries: positions and seats after many changes (and nested groups and pools). */
    @Provide
    Arbitrary<List<InboundEvent>> longHistories() {
        return step(data(6, 4, 3, 2)).list().ofMinSize(150).ofMaxSize(300).map(ReconcilerProperties::build);
    }

    /**
     * Three kinds of history: the wide one, a crowded one (more contention for seats), and one
     * mostly of nested groups and pools.
     */
    @Provide
    Arbitrary<List<InboundEvent>> histories() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, step(data(6, 4, 3)).list().ofMinSize(1).ofMaxSize(60)
                        .withSizeDistribution(RandomDistribution.uniform())),
                Tuple.of(3, step(data(4, 2, 2)).list().ofMinSize(1).ofMaxSize(40)
                        .withSizeDistribution(RandomDistribution.uniform())),
                Tuple.of(2, step(data(5, 4, 2, 4)).list().ofMinSize(1).ofMaxSize(60)
                        .withSizeDistribution(RandomDistribution.uniform())))
                .map(ReconcilerProperties::build);
    }

    static Arbitrary<Step> step(Arbitrary<InputEvent> data) {
        return Combinators.combine(
                        Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(1, 1)),
                        data,
                        Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(-1)),
                                Tuple.of(1, Arbitraries.integers().between(0, 59))),
                        Arbitraries.integers().between(0, 19).map(i -> i == 0),
                        Arbitraries.integers().between(0, 3).map(i -> i == 0))
                .as(Step::new);
    }

    static Arbitrary<InputEvent> data(int users, int groups, int skus) {
        return data(users, groups, skus, 1);
    }

    /**
     * Small id spaces, skewed so that the same few users, groups and SKUs meet often; {@code v2}
     * multiplies the weight of the v2 events (subgroups, pools), so some histories are mostly
     * nested groups and pools.
     */
    static Arbitrary<InputEvent> data(int users, int groups, int skus, int v2) {
        Arbitrary<String> user = skewed("u", users);
        Arbitrary<String> group = skewed("g", groups);
        Arbitrary<String> sku = skewed("s", skus);
        Arbitrary<List<String>> plans = Arbitraries.of("P1", "P2", "P3").list().uniqueElements().ofMaxSize(3);
        // null only, never "": EventCodec already turns "" into null ("a missing, null or empty usageLocation is none")
        Arbitrary<String> location = Arbitraries.frequency(Tuple.of(4, "US"), Tuple.of(1, "-"))
                .map(l -> l.equals("-") ? null : l);
        Arbitrary<UserType> type = Arbitraries.frequency(Tuple.of(4, UserType.Member), Tuple.of(1, UserType.Guest));
        Arbitrary<Integer> seats = Arbitraries.frequency(Tuple.of(1, 0), Tuple.of(3, 1), Tuple.of(3, 2), Tuple.of(2, 3));
        Arbitrary<Integer> threshold = Arbitraries.frequency(Tuple.of(3, -1), Tuple.of(1, 0), Tuple.of(1, 1), Tuple.of(1, 2))
                .map(t -> t < 0 ? null : t);
        Arbitrary<String> pool = skewed("p", 3);
        Arbitrary<Integer> poolSeats = Arbitraries.frequency(Tuple.of(1, 0), Tuple.of(3, 1), Tuple.of(1, 2), Tuple.of(1, 4));
        Arbitrary<SubscriptionStatus> status = Arbitraries.frequency(
                Tuple.of(8, SubscriptionStatus.Enabled), Tuple.of(1, SubscriptionStatus.Warning),
                Tuple.of(1, SubscriptionStatus.Suspended), Tuple.of(3, SubscriptionStatus.Deleted));
        return Arbitraries.frequencyOf(
                Tuple.of(5, Combinators.combine(user, location, type).as(DirectoryEvent.UserUpserted::new)),
                Tuple.of(1, user.map(DirectoryEvent.UserDeleted::new)),
                Tuple.of(8, Combinators.combine(group, user).as(DirectoryEvent.GroupMemberAdded::new)),
                Tuple.of(3, Combinators.combine(group, user).as(DirectoryEvent.GroupMemberRemoved::new)),
                Tuple.of(1, group.map(DirectoryEvent.GroupDeleted::new)),
                Tuple.of(5, Combinators.combine(sku, seats, status, threshold)
                        .as((s, n, st, t) -> new LicensingEvent.SubscriptionUpserted(s, n, st, List.of(), t))),
                Tuple.of(4, Combinators.combine(group, sku, plans).as(LicensingEvent.GroupLicenseAssigned::new)),
                Tuple.of(1, Combinators.combine(group, sku).as(LicensingEvent.GroupLicenseRemoved::new)),
                Tuple.of(3, Combinators.combine(user, sku, plans).as(LicensingEvent.UserLicenseAssigned::new)),
                Tuple.of(1, Combinators.combine(user, sku).as(LicensingEvent.UserLicenseRemoved::new)),
                Tuple.of(2, location.map(LicensingEvent.TenantSettingsUpserted::new)),
                Tuple.of(1, user.injectNull(0.5).map(LicensingEvent.ReprocessRequested::new)),
                // v2: nested groups (cycles and self-links included: the group space is small) and seat pools
                Tuple.of(4 * v2, Combinators.combine(group, group).as(DirectoryEvent.GroupSubgroupAdded::new)),
                Tuple.of(3 * v2, Combinators.combine(group, group).as(DirectoryEvent.GroupSubgroupRemoved::new)),
                Tuple.of(3 * v2, Combinators.combine(pool, sku, group, poolSeats, Arbitraries.of(true, false))
                        .as(LicensingEvent.PoolUpserted::new)),
                Tuple.of(v2, pool.map(LicensingEvent.PoolRemoved::new)));
    }

    /** prefix1 .. prefixN, prefix1 the most likely: the same few ids meet often. */
    static Arbitrary<String> skewed(String prefix, int n) {
        List<Tuple.Tuple2<Integer, String>> weighted = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            weighted.add(Tuple.of(n + 1 - i, prefix + i));
        }
        return Arbitraries.frequency(weighted);
    }

    /**
     * Envelopes: ids e-1, e-2, ... per tenant from source /src/a (so both tenants use the same
     * ids); now and then the last id again from another source (a different event), a time, or
     * an earlier event re-sent as is (a duplicate).
     */
    static List<InboundEvent> build(List<Step> steps) {
        List<InboundEvent> out = new ArrayList<>();
        int[] counter = new int[TENANTS.length];
        for (Step s : steps) {
            if (s.resend >= 0 && !out.isEmpty()) {
                out.add(out.get(s.resend % out.size()));
                continue;
            }
            String tenant = TENANTS[s.tenant];
            String source = "/src/a";
            int n;
            if (s.otherSource && counter[s.tenant] > 0) {
                source = "/src/b";
                n = counter[s.tenant];
            } else {
                n = ++counter[s.tenant];
            }
            out.add(Events.event(tenant, source, "e-" + n, s.timed ? "2026-11-23T10:00:00Z" : null, s.data));
        }
        return out;
    }

    // ---------------------------------------------------------------------------- subjects

    /** What one event did, whichever implementation applied it. */
    record Outcome(boolean duplicate, List<OutboundEvent> outputs, List<AlertEvent> alerts) {
    }

    /** The optimised core or the reference model behind one face, so the invariants check both. */
    interface Subject {
        Outcome apply(InboundEvent event);

        List<UserLicenses> userLicenses();

        List<SeatsRow> seats();

        List<GroupStatus> groupStatuses();
    }

    enum Impl {
        CORE, MODEL;

        Subject create() {
            return create(Reconciler.DEFAULT_DEDUP_WINDOW);
        }

        Subject create(int window) {
            if (this == CORE) {
                Reconciler r = new Reconciler(window);
                return new Subject() {
                    public Outcome apply(InboundEvent e) {
                        Decision d = r.apply(e);
                        return new Outcome(d.duplicate(), d.outputs(), d.alerts());
                    }

                    public List<UserLicenses> userLicenses() {
                        return r.userLicenses();
                    }

                    public List<SeatsRow> seats() {
                        return r.seats();
                    }

                    public List<GroupStatus> groupStatuses() {
                        return r.groupStatuses();
                    }
                };
            }
            ReferenceModel m = new ReferenceModel(window);
            return new Subject() {
                public Outcome apply(InboundEvent e) {
                    ReferenceModel.Result x = m.apply(e);
                    return new Outcome(x.duplicate(), x.outputs(), x.alerts());
                }

                public List<UserLicenses> userLicenses() {
                    return m.userLicenses();
                }

                public List<SeatsRow> seats() {
                    return m.seats();
                }

                public List<GroupStatus> groupStatuses() {
                    return m.groupStatuses();
                }
            };
        }
    }

    /** The model-free properties run on the core (3 tries in 4) and on the model itself. */
    @Provide
    Arbitrary<Impl> implementations() {
        return Arbitraries.frequency(Tuple.of(3, Impl.CORE), Tuple.of(1, Impl.MODEL));
    }

    // ---------------------------------------------------------------------------- helpers

    static final Comparator<OutboundEvent> BY_TENANT_USER_SKU = Comparator.comparing(OutboundEvent::tenantId)
            .thenComparing(o -> o.data().userId()).thenComparing(o -> o.data().skuId());

    static List<OutboundEvent> sorted(List<OutboundEvent> outputs) {
        return outputs.stream().sorted(BY_TENANT_USER_SKU).toList();
    }

    static List<AlertEvent> sortedAlerts(List<AlertEvent> alerts) {
        return alerts.stream().sorted(Comparator.comparing(AlertEvent::subject)).toList();
    }

    static String at(int i, List<InboundEvent> events) {
        StringBuilder b = new StringBuilder("after event #" + i + " of:\n");
        for (int k = 0; k <= i; k++) {
            InboundEvent e = events.get(k);
            b.append(String.format("  #%d %s %s %s %s%n", k, e.tenantId(), e.envelope().source(), e.envelope().id(),
                    e.data()));
        }
        return b.toString();
    }

    static void assertOnePerUserAndSku(List<OutboundEvent> outputs, String context) {
        Set<String> keys = new HashSet<>();
        for (OutboundEvent o : outputs) {
            assertThat(keys.add(o.tenantId() + "/" + o.data().userId() + "/" + o.data().skuId()))
                    .as("two outputs for one user and SKU " + o + "\n" + context).isTrue();
        }
    }

    /** Key of a (tenant, user, SKU) for the folded views below. */
    record Key(String tenant, String user, String sku) {
    }

    /** The user-licenses view rebuilt from the change events alone. */
    static final class Fold {
        final Map<Key, LicenseEntry> entries = new TreeMap<>(
                Comparator.comparing(Key::tenant).thenComparing(Key::user).thenComparing(Key::sku));

        /** Applies one output, checking its previousState against what the stream said before. */
        void apply(OutboundEvent o, String context) {
            UserLicenseChanged c = o.data();
            Key k = new Key(o.tenantId(), c.userId(), c.skuId());
            LicenseEntry was = entries.get(k);
            assertThat(c.previousState()).as("previousState of " + o + "\n" + context)
                    .isEqualTo(was == null ? null : was.state());
            if (c.state() == LicenseState.Removed) {
                assertThat(was).as("Removed without an entry " + o + "\n" + context).isNotNull();
                entries.remove(k);
            } else {
                entries.put(k, new LicenseEntry(c.skuId(), c.state(), c.reason(), c.disabledPlans(),
                        c.assignedByGroups(), c.direct()));
            }
        }

        LicenseState state(Key k) {
            LicenseEntry e = entries.get(k);
            return e == null ? null : e.state();
        }

        List<UserLicenses> userLicenses() {
            Map<List<String>, List<LicenseEntry>> byUser = new LinkedHashMap<>();
            entries.forEach((k, e) -> byUser.computeIfAbsent(List.of(k.tenant, k.user), x -> new ArrayList<>()).add(e));
            List<UserLicenses> out = new ArrayList<>();
            byUser.forEach((tu, list) -> out.add(new UserLicenses(tu.get(0), tu.get(1), list)));
            return out;
        }
    }

    // ---------------------------------------------------------------------------- properties

    /** (a) The optimised core and the naive model agree on every event and on the final views. */
    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void coreAgreesWithTheReferenceModelOnEveryEvent(@ForAll("histories") List<InboundEvent> events) {
        Reconciler core = new Reconciler();
        ReferenceModel model = new ReferenceModel();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            String context = at(i, events);
            Decision d = core.apply(events.get(i));
            ReferenceModel.Result expected = model.apply(events.get(i));
            assertThat(d.duplicate()).as("duplicate " + context).isEqualTo(expected.duplicate());
            assertOnePerUserAndSku(d.outputs(), context);
            assertThat(sorted(d.outputs())).as("outputs " + context).isEqualTo(sorted(expected.outputs()));
            assertThat(core.userLicenses()).as("user-licenses " + context).isEqualTo(model.userLicenses());
            assertThat(core.seats()).as("seats " + context).isEqualTo(model.seats());
            assertThat(sortedAlerts(d.alerts())).as("alerts " + context).isEqualTo(sortedAlerts(expected.alerts()));
            assertThat(core.groupStatuses()).as("group status " + context).isEqualTo(model.groupStatuses());
            assertThat(d.changedGroups()).as("changed group rows " + context)
                    .containsExactlyInAnyOrderElementsOf(expected.changedGroups());
            seen.addAll(features(events.get(i), expected, model.seats()));
        }
        for (String f : FEATURES) {
            Statistics.label(f).collect(seen.contains(f));
        }
        // Floors well below the rates seen over many runs (400 tries each), so only a generator that
        // stopped producing a feature fails, not an unlucky seed.
        Statistics.label(FEATURES.get(0)).coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label(FEATURES.get(1)).coverage(c -> c.check(true).percentage(p -> p > 1.5));
        Statistics.label(FEATURES.get(2)).coverage(c -> c.check(true).percentage(p -> p > 2));
        Statistics.label(FEATURES.get(3)).coverage(c -> c.check(true).percentage(p -> p > 15));
        Statistics.label(FEATURES.get(4)).coverage(c -> c.check(true).percentage(p -> p > 1));
        Statistics.label(FEATURES.get(5)).coverage(c -> c.check(true).percentage(p -> p > 40));
        Statistics.label(FEATURES.get(6)).coverage(c -> c.check(true).percentage(p -> p > 2));
        Statistics.label(FEATURES.get(7)).coverage(c -> c.check(true).percentage(p -> p > 3));
        Statistics.label(FEATURES.get(8)).coverage(c -> c.check(true).percentage(p -> p > 0));
        Statistics.label(FEATURES.get(9)).coverage(c -> c.check(true).percentage(p -> p > 25));
        Statistics.label(FEATURES.get(10)).coverage(c -> c.check(true).percentage(p -> p > 4));
        Statistics.label(FEATURES.get(11)).coverage(c -> c.check(true).percentage(p -> p > 40));
    }

    /** What makes a history interesting, so a weak generator shows (and fails the coverage check). */
    static final List<String> FEATURES = List.of("waiting user served", "seat taken back by Deleted",
            "guest blocked", "Queued <-> Blocked", "over-allocated", "duplicate", "Removed while Assigned",
            "entitled through a subgroup", "lost through a subgroup", "alert level changed", "pool seat held",
            "group status changed");

    static Set<String> features(InboundEvent event, ReferenceModel.Result r, List<SeatsRow> seats) {
        Set<String> f = new HashSet<>();
        if (event.data() instanceof DirectoryEvent.GroupSubgroupAdded
                && r.outputs().stream().anyMatch(o -> o.data().previousState() == null)) {
            f.add(FEATURES.get(7));
        }
        if (event.data() instanceof DirectoryEvent.GroupSubgroupRemoved
                && r.outputs().stream().anyMatch(o -> o.data().state() == LicenseState.Removed)) {
            f.add(FEATURES.get(8));
        }
        if (!r.alerts().isEmpty()) {
            f.add(FEATURES.get(9));
        }
        if (seats.stream().anyMatch(row -> row.pools().stream().anyMatch(p -> p.assigned() > 0))) {
            f.add(FEATURES.get(10));
        }
        if (!r.changedGroups().isEmpty()) {
            f.add(FEATURES.get(11));
        }
        if (r.duplicate()) {
            f.add(FEATURES.get(5));
        }
        for (OutboundEvent o : r.outputs()) {
            UserLicenseChanged c = o.data();
            boolean wasWaiting = c.previousState() != null && c.previousState().isWaiting();
            if (wasWaiting && c.state() == LicenseState.Assigned) {
                f.add(FEATURES.get(0));
            }
            if (c.previousState() == LicenseState.Assigned && c.state() == LicenseState.Blocked) {
                f.add(FEATURES.get(1));
            }
            if (c.reason() == dev.seatflow.events.Reason.GuestUser) {
                f.add(FEATURES.get(2));
            }
            if (wasWaiting && c.state().isWaiting() && c.state() != c.previousState()) {
                f.add(FEATURES.get(3));
            }
            if (c.previousState() == LicenseState.Assigned && c.state() == LicenseState.Removed) {
                f.add(FEATURES.get(6));
            }
        }
        if (seats.stream().anyMatch(s -> s.overAllocated() > 0)) {
            f.add(FEATURES.get(4));
        }
        return f;
    }

    /** (a) again, on long histories. */
    @Property(tries = 25, edgeCases = EdgeCasesMode.NONE)
    void coreAgreesWithTheReferenceModelOnLongHistories(@ForAll("longHistories") List<InboundEvent> events) {
        Reconciler core = new Reconciler();
        ReferenceModel model = new ReferenceModel();
        for (int i = 0; i < events.size(); i++) {
            Decision d = core.apply(events.get(i));
            ReferenceModel.Result expected = model.apply(events.get(i));
            assertThat(d.duplicate()).as("duplicate " + at(i, events)).isEqualTo(expected.duplicate());
            assertThat(sorted(d.outputs())).as("outputs " + at(i, events)).isEqualTo(sorted(expected.outputs()));
            assertThat(sortedAlerts(d.alerts())).as("alerts " + at(i, events)).isEqualTo(sortedAlerts(expected.alerts()));
        }
        assertThat(core.userLicenses()).isEqualTo(model.userLicenses());
        assertThat(core.seats()).isEqualTo(model.seats());
        assertThat(core.groupStatuses()).isEqualTo(model.groupStatuses());
    }

    /**
     * (b) Rule 5 and rule 4, without the model: a new seat is only handed out when the SKU can
     * assign seats and ends with assigned <= seats; a held seat is only taken back for a Deleted
     * subscription (or with the entitlement); no eligible user waits while a seat is free; one
     * output per user and SKU per event; the seats rows count the user-licenses entries.
     */
    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void seatsAreNeverHandedOutBeyondTheSubscription(@ForAll("histories") List<InboundEvent> events,
            @ForAll("implementations") Impl impl) {
        Subject core = impl.create();
        for (int i = 0; i < events.size(); i++) {
            String context = at(i, events);
            Outcome d = core.apply(events.get(i));
            assertOnePerUserAndSku(d.outputs(), context);
            Map<String, SeatsRow> rows = core.seats().stream()
                    .collect(Collectors.toMap(SeatsRow::key, r -> r));
            for (OutboundEvent o : d.outputs()) {
                UserLicenseChanged c = o.data();
                SeatsRow row = rows.get(o.tenantId() + "/" + c.skuId());
                if (c.state() == LicenseState.Assigned && c.previousState() != LicenseState.Assigned) {
                    assertThat(row).as(context).isNotNull();
                    assertThat(row.status() == null || row.status().canAssignSeats())
                            .as("new seat of an inactive subscription " + o + "\n" + context).isTrue();
                    assertThat(row.assigned()).as("new seat beyond the seats " + row + "\n" + context)
                            .isLessThanOrEqualTo(row.seats());
                }
                if (c.previousState() == LicenseState.Assigned && c.state().isWaiting()) {
                    assertThat(row.status()).as("held seat taken back " + o + "\n" + context)
                            .isEqualTo(SubscriptionStatus.Deleted);
                }
            }
            Map<String, int[]> counts = new HashMap<>();
            for (UserLicenses u : core.userLicenses()) {
                for (LicenseEntry e : u.licenses()) {
                    int[] c = counts.computeIfAbsent(u.tenantId() + "/" + e.skuId(), k -> new int[2]);
                    c[e.state() == LicenseState.Assigned ? 0 : 1]++;
                    if (e.state() == LicenseState.Queued) {
                        SeatsRow row = rows.get(u.tenantId() + "/" + e.skuId());
                        assertThat(noSeatIsOpenToAQueuedUser(row))
                                .as("a Queued user while a seat is open to it " + u + " " + row + "\n" + context).isTrue();
                    }
                }
            }
            for (SeatsRow row : rows.values()) {
                int[] c = counts.getOrDefault(row.key(), new int[2]);
                assertThat(new int[] {row.assigned(), row.waiting()}).as("counts of " + row + "\n" + context)
                        .containsExactly(c[0], c[1]);
            }
            assertThat(counts.keySet()).as("every entitled SKU has a row\n" + context).isSubsetOf(rows.keySet());
        }
    }

    /**
     * Read off the seats row alone ("Seat pools"): with a free seat, Queued users must be those the
     * pools stand in the way of. Users without a pool wait only when the shared seats are used up;
     * a pool's users only when the pool has no room and may not borrow, or the shared seats are used up.
     */
    static boolean noSeatIsOpenToAQueuedUser(SeatsRow row) {
        if (row.assigned() >= row.seats() || !(row.status() == null || row.status().canAssignSeats())) {
            return true;
        }
        long inPools = 0;
        long heldInPools = 0;
        for (var p : row.pools()) {
            inPools += p.queued();
            heldInPools += Math.min(p.assigned(), p.seats());
        }
        boolean sharedFree = row.assigned() - heldInPools < Math.max(0, row.seats() - (long) row.reserved());
        if (row.queued() - inPools > 0 && sharedFree) {
            return false;
        }
        for (var p : row.pools()) {
            boolean room = p.assigned() < p.seats();
            if (p.queued() > 0 && (room || (p.borrow() && sharedFree))) {
                return false;
            }
        }
        return true;
    }

    /**
     * (c) First come, first served: when a user gets a seat in an event, no user of that SKU who
     * became entitled in an earlier event is left Queued (eligible but waiting) after it; for SKUs
     * without pools, where serving is exactly v1's. Entitlement
     * time is read from the output stream (an entry appearing); ties within one event are skipped.
     */
    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void waitingUsersAreServedInTheOrderTheyBecameEntitled(@ForAll("histories") List<InboundEvent> events,
            @ForAll("implementations") Impl impl) {
        Subject core = impl.create();
        Fold fold = new Fold();
        Map<Key, Integer> entitledAt = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            String context = at(i, events);
            Outcome d = core.apply(events.get(i));
            List<Key> served = new ArrayList<>();
            for (OutboundEvent o : d.outputs()) {
                UserLicenseChanged c = o.data();
                Key k = new Key(o.tenantId(), c.userId(), c.skuId());
                if (c.previousState() == null) {
                    entitledAt.put(k, i);
                } else if (c.state() == LicenseState.Removed) {
                    entitledAt.remove(k);
                }
                if (c.state() == LicenseState.Assigned && c.previousState() != LicenseState.Assigned) {
                    served.add(k);
                }
                fold.apply(o, context);
            }
            Set<String> pooled = new HashSet<>();
            for (SeatsRow row : core.seats()) {
                if (!row.pools().isEmpty()) {
                    pooled.add(row.key());
                }
            }
            for (Key a : served) {
                if (pooled.contains(a.tenant + "/" + a.sku)) {
                    continue; // with pools a reserved seat may go to a later user: "Seat pools" properties check those
                }
                for (Map.Entry<Key, LicenseEntry> e : fold.entries.entrySet()) {
                    Key b = e.getKey();
                    if (b.tenant.equals(a.tenant) && b.sku.equals(a.sku) && e.getValue().state() == LicenseState.Queued) {
                        assertThat(entitledAt.get(b)).as(b + " entitled before " + a + " is still Queued after "
                                + a + " got a seat\n" + context).isGreaterThanOrEqualTo(entitledAt.get(a));
                    }
                }
            }
        }
    }

    /** (d) Rule 6: the result is a pure function of the input sequence, output ids included. */
    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void replayingTheSameInputsGivesTheSameOutputs(@ForAll("histories") List<InboundEvent> events,
            @ForAll("implementations") Impl impl) {
        Subject first = impl.create();
        Subject second = impl.create();
        for (int i = 0; i < events.size(); i++) {
            Outcome a = first.apply(events.get(i));
            Outcome b = second.apply(events.get(i));
            assertThat(b.duplicate()).as(at(i, events)).isEqualTo(a.duplicate());
            assertThat(b.outputs()).as(at(i, events)).containsExactlyElementsOf(a.outputs());
            for (OutboundEvent o : a.outputs()) {
                assertThat(o.causationId()).isEqualTo(events.get(i).envelope().id());
                assertThat(o.time()).isEqualTo(events.get(i).envelope().time());
                assertThat(o.subject()).isEqualTo(o.data().userId());
            }
        }
        assertThat(second.userLicenses()).isEqualTo(first.userLicenses());
        assertThat(second.seats()).isEqualTo(first.seats());
    }

    /**
     * (e) Folding the change events (previousState checked on the way) rebuilds user-licenses;
     * output ids are unique within a tenant. (Not across tenants: OutboundEvent.deriveId hashes
     * the cause's source and id, the user and the SKU but not the tenant, and two tenants may
     * each get their own event with the same source and id.)
     */
    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void theChangeStreamRebuildsTheUserLicenses(@ForAll("histories") List<InboundEvent> events,
            @ForAll("implementations") Impl impl) {
        Subject core = impl.create();
        Fold fold = new Fold();
        Set<String> outputIds = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            String context = at(i, events);
            for (OutboundEvent o : core.apply(events.get(i)).outputs()) {
                assertThat(outputIds.add(o.tenantId() + " " + o.id())).as("output id reused " + o + "\n" + context).isTrue();
                fold.apply(o, context);
            }
            assertThat(fold.userLicenses()).as(context).isEqualTo(core.userLicenses());
        }
    }

    /** (f) Re-sending any event already applied is a duplicate: no outputs, nothing changes. */
    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void reSentEventsAreDuplicatesThatChangeNothing(@ForAll("histories") List<InboundEvent> events,
            @ForAll("implementations") Impl impl) {
        Subject core = impl.create();
        Set<List<String>> seen = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            InboundEvent e = events.get(i);
            Outcome d = core.apply(e);
            boolean already = !seen.add(List.of(e.tenantId(), e.envelope().source(), e.envelope().id()));
            assertThat(d.duplicate()).as(at(i, events)).isEqualTo(already);
            if (already) {
                assertThat(d.outputs()).as(at(i, events)).isEmpty();
            }
        }
        List<UserLicenses> licenses = core.userLicenses();
        List<SeatsRow> seats = core.seats();
        for (InboundEvent e : events) {
            Outcome d = core.apply(e);
            assertThat(d.duplicate()).as("re-sent " + e).isTrue();
            assertThat(d.outputs()).as("re-sent " + e).isEmpty();
        }
        assertThat(core.userLicenses()).isEqualTo(licenses);
        assertThat(core.seats()).isEqualTo(seats);
    }

    /** Tenants are isolated: a tenant's events alone give that tenant the same outputs and views. */
    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void aTenantIsUnaffectedByAnotherTenantsEvents(@ForAll("histories") List<InboundEvent> events,
            @ForAll("implementations") Impl impl) {
        Subject mixed = impl.create();
        Subject alone = impl.create();
        for (int i = 0; i < events.size(); i++) {
            Outcome m = mixed.apply(events.get(i));
            if (events.get(i).tenantId().equals("t1")) {
                Outcome a = alone.apply(events.get(i));
                assertThat(a.duplicate()).as(at(i, events)).isEqualTo(m.duplicate());
                assertThat(a.outputs()).as(at(i, events)).containsExactlyElementsOf(m.outputs());
            }
        }
        assertThat(alone.userLicenses())
                .isEqualTo(mixed.userLicenses().stream().filter(u -> u.tenantId().equals("t1")).toList());
        assertThat(alone.seats()).isEqualTo(mixed.seats().stream().filter(r -> r.tenantId().equals("t1")).toList());
    }

    /**
     * Reprocessing re-derives state under the same rules and never takes back a seat or moves a
     * position: after any history, reprocessing every user and then the tenant changes nothing.
     */
    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void reprocessingChangesNothing(@ForAll("histories") List<InboundEvent> events,
            @ForAll("implementations") Impl impl) {
        Subject core = impl.create();
        events.forEach(core::apply);
        List<UserLicenses> licenses = core.userLicenses();
        List<SeatsRow> seats = core.seats();
        for (String tenant : TENANTS) {
            Events t = Events.tenant(tenant).withSource("/ops/reprocess");
            for (int u = 1; u <= 6; u++) {
                InboundEvent e = t.reprocess("u" + u);
                assertThat(core.apply(e).outputs()).as(e.toString()).isEmpty();
            }
            assertThat(core.apply(t.reprocessTenant()).outputs()).as("reprocess " + tenant).isEmpty();
        }
        assertThat(core.userLicenses()).isEqualTo(licenses);
        assertThat(core.seats()).isEqualTo(seats);
    }

    /** A bounded window holds at least the last {@code window} distinct accepted events per tenant. */
    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    void aBoundedWindowStillRemembersTheLatestEvents(@ForAll("histories") List<InboundEvent> events,
            @ForAll("implementations") Impl impl, @ForAll @IntRange(min = 1, max = 6) int window) {
        Subject core = impl.create(window);
        Map<String, List<InboundEvent>> accepted = new HashMap<>();
        for (InboundEvent e : events) {
            if (!core.apply(e).duplicate()) {
                accepted.computeIfAbsent(e.tenantId(), t -> new ArrayList<>()).add(e);
            }
        }
        for (List<InboundEvent> list : accepted.values()) {
            for (InboundEvent e : list.subList(Math.max(0, list.size() - window), list.size())) {
                Outcome d = core.apply(e);
                assertThat(d.duplicate()).as("window " + window + ", re-sent " + e).isTrue();
                assertThat(d.outputs()).isEmpty();
            }
        }
    }
}
