package dev.seatflow.reconciler.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.Envelope;
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
import dev.seatflow.reconciler.model.ReferenceModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The optimised core against a deliberately simple model of the contract, and the invariants of
 * the contract checked on the core's own output stream, over random event sequences on small id
 * spaces (so users, groups and SKUs collide often).
 */
class ReconcilerProperties {
    private static final int WINDOW = 20;
    private static final Comparator<UserLicenseChanged> BY_USER_SKU =
            Comparator.comparing(UserLicenseChanged::userId).thenComparing(UserLicenseChanged::skuId);

    @Property(tries = 400)
    void coreAgreesWithTheReferenceModelOnEveryEvent(@ForAll("histories") List<InboundEvent> events) {
        Reconciler core = new Reconciler(WINDOW);
        ReferenceModel model = new ReferenceModel(WINDOW);
        for (int i = 0; i < events.size(); i++) {
            Decision d = core.apply(events.get(i));
            List<UserLicenseChanged> expected = model.apply(events.get(i));
            assertThat(d.duplicate()).as("duplicate at event %d", i).isEqualTo(expected == null);
            List<UserLicenseChanged> actual = d.outputs().stream().map(OutboundEvent::data).sorted(BY_USER_SKU)
                    .collect(Collectors.toList());
            assertThat(actual).as("outputs of event %d: %s", i, events.get(i))
                    .isEqualTo(expected == null ? List.of() : expected);
        }
        assertThat(core.userLicenses()).isEqualTo(model.userLicenses());
        assertThat(core.seats()).isEqualTo(model.seats());
    }

    @Property(tries = 300)
    void atMostOneOutputPerUserAndSkuAndNoSeatBeyondTheCount(@ForAll("histories") List<InboundEvent> events) {
        Reconciler core = new Reconciler(WINDOW);
        for (InboundEvent e : events) {
            Decision d = core.apply(e);
            Set<String> pairs = new HashSet<>();
            Set<String> newlyAssignedSkus = new HashSet<>();
            for (OutboundEvent o : d.outputs()) {
                UserLicenseChanged c = o.data();
                assertThat(pairs.add(c.userId() + "|" + c.skuId())).as("one output per user and SKU: %s", c).isTrue();
                if (c.state() == LicenseState.Assigned && c.previousState() != LicenseState.Assigned) {
                    newlyAssignedSkus.add(c.skuId());
                }
            }
            for (String sku : newlyAssignedSkus) {
                SeatsRow row = core.seats(e.tenantId(), sku).orElseThrow();
                assertThat(row.assigned()).as("a new seat of %s was handed out beyond the count: %s", sku, row)
                        .isLessThanOrEqualTo(row.seats());
            }
        }
    }

    /** Rule 3, read off the outputs alone: entitlement order is the order users first appear. */
    @Property(tries = 1000)
    void waitingUsersAreServedInTheOrderTheyBecameEntitled(@ForAll("histories") List<InboundEvent> events) {
        Reconciler core = new Reconciler(WINDOW);
        Map<String, List<String>> lineBySku = new HashMap<>();     // tenant|sku -> users in entitlement order
        Map<String, LicenseState> stateOf = new HashMap<>();       // tenant|sku|user -> state
        for (InboundEvent e : events) {
            Decision d = core.apply(e);
            List<String> servedNow = new ArrayList<>();
            for (OutboundEvent o : d.outputs()) {
                UserLicenseChanged c = o.data();
                String line = e.tenantId() + "|" + c.skuId();
                List<String> users = lineBySku.computeIfAbsent(line, k -> new ArrayList<>());
                if (c.previousState() == null) {
                    users.add(c.userId());
                }
                if (c.state() == LicenseState.Removed) {
                    users.remove(c.userId());
                    stateOf.remove(line + "|" + c.userId());
                } else {
                    stateOf.put(line + "|" + c.userId(), c.state());
                }
                if (c.state() == LicenseState.Assigned && c.previousState() != LicenseState.Assigned) {
                    servedNow.add(line + "|" + c.userId());
                }
            }
            for (String served : servedNow) {
                String line = served.substring(0, served.lastIndexOf('|'));
                String user = served.substring(served.lastIndexOf('|') + 1);
                for (String earlier : lineBySku.get(line)) {
                    if (earlier.equals(user)) {
                        break;
                    }
                    assertThat(stateOf.get(line + "|" + earlier)).as("%s became entitled before %s on %s but is still queued",
                            earlier, user, line).isNotEqualTo(LicenseState.Queued);
                }
            }
        }
    }

    @Property(tries = 200)
    void replayingTheSameInputsGivesTheSameOutputs(@ForAll("histories") List<InboundEvent> events) {
        Reconciler first = new Reconciler(WINDOW);
        Reconciler second = new Reconciler(WINDOW);
        for (InboundEvent e : events) {
            assertThat(second.apply(e).outputs()).isEqualTo(first.apply(e).outputs());
        }
    }

    @Property(tries = 300)
    void theOutputStreamRebuildsTheFinalState(@ForAll("histories") List<InboundEvent> events) {
        Reconciler core = new Reconciler(WINDOW);
        Map<String, Map<String, LicenseEntry>> folded = new TreeMap<>();   // tenant|user -> sku -> entry
        for (InboundEvent e : events) {
            for (OutboundEvent o : core.apply(e).outputs()) {
                UserLicenseChanged c = o.data();
                Map<String, LicenseEntry> user = folded.computeIfAbsent(e.tenantId() + "|" + c.userId(), k -> new TreeMap<>());
                if (c.state() == LicenseState.Removed) {
                    user.remove(c.skuId());
                } else {
                    user.put(c.skuId(), new LicenseEntry(c.skuId(), c.state(), c.reason(), c.disabledPlans(),
                            c.assignedByGroups(), c.direct()));
                }
            }
        }
        List<UserLicenses> rebuilt = new ArrayList<>();
        folded.forEach((key, entries) -> {
            if (!entries.isEmpty()) {
                String[] tu = key.split("\\|", 2);
                rebuilt.add(new UserLicenses(tu[0], tu[1], List.copyOf(entries.values())));
            }
        });
        assertThat(rebuilt).isEqualTo(core.userLicenses());
    }

    @Property(tries = 200)
    void anEventSentAgainWithinTheWindowChangesNothing(@ForAll("histories") List<InboundEvent> events) {
        Reconciler core = new Reconciler(WINDOW);
        List<InboundEvent> accepted = new ArrayList<>();
        for (InboundEvent e : events) {
            if (!core.apply(e).duplicate()) {
                accepted.add(e);
            }
            if (!accepted.isEmpty()) {
                InboundEvent last = accepted.get(accepted.size() - 1);
                List<UserLicenses> before = core.userLicenses();
                Decision again = core.apply(last);
                assertThat(again.duplicate()).isTrue();
                assertThat(again.outputs()).isEmpty();
                assertThat(core.userLicenses()).isEqualTo(before);
            }
        }
    }

    // ---- random histories ---------------------------------------------------------------------

    @Provide
    Arbitrary<List<InboundEvent>> histories() {
        Arbitrary<String> tenant = Arbitraries.of("t1", "t1", "t1", "t2");
        return Combinators.combine(tenant, inputs()).as(Step::new).list().ofMaxSize(60).map(ReconcilerProperties::envelop);
    }

    private record Step(String tenant, InputEvent data) {
    }

    /** Ids count up; now and then an earlier event is sent again, as an at-least-once producer does. */
    private static List<InboundEvent> envelop(List<Step> steps) {
        List<InboundEvent> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (i > 2 && s.data() instanceof LicensingEvent.ReprocessRequested r && "u1".equals(r.userId())) {
                out.add(out.get(i / 2)); // a resend, standing in for one of the reprocess requests
            } else {
                out.add(new InboundEvent(new Envelope("e" + i, "/src/" + (i % 2), s.tenant(), null), s.data()));
            }
        }
        return out;
    }

    private static Arbitrary<InputEvent> inputs() {
        Arbitrary<String> user = Arbitraries.of("u1", "u2", "u3", "u4", "u5", "u6");
        Arbitrary<String> group = Arbitraries.of("g1", "g2", "g3", "g4");
        Arbitrary<String> sku = Arbitraries.of("A", "B", "C");
        Arbitrary<List<String>> plans = Arbitraries.of("P1", "P2", "P3").list().ofMaxSize(2).uniqueElements();
        Arbitrary<String> location = Arbitraries.of("US", "US", null);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(14, Combinators.combine(group, user).as(DirectoryEvent.GroupMemberAdded::new)),
                net.jqwik.api.Tuple.of(7, Combinators.combine(group, user).as(DirectoryEvent.GroupMemberRemoved::new)),
                net.jqwik.api.Tuple.of(7, Combinators.combine(user, location, Arbitraries.of(UserType.Member, UserType.Member, UserType.Guest))
                        .as(DirectoryEvent.UserUpserted::new)),
                net.jqwik.api.Tuple.of(2, user.map(DirectoryEvent.UserDeleted::new)),
                net.jqwik.api.Tuple.of(2, group.map(DirectoryEvent.GroupDeleted::new)),
                net.jqwik.api.Tuple.of(8, Combinators.combine(sku, Arbitraries.integers().between(0, 3),
                                Arbitraries.of(SubscriptionStatus.Enabled, SubscriptionStatus.Enabled, SubscriptionStatus.Warning,
                                        SubscriptionStatus.Suspended, SubscriptionStatus.Deleted))
                        .as((s, n, st) -> new LicensingEvent.SubscriptionUpserted(s, n, st, List.of()))),
                net.jqwik.api.Tuple.of(8, Combinators.combine(group, sku, plans).as(LicensingEvent.GroupLicenseAssigned::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(group, sku).as(LicensingEvent.GroupLicenseRemoved::new)),
                net.jqwik.api.Tuple.of(4, Combinators.combine(user, sku, plans).as(LicensingEvent.UserLicenseAssigned::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(user, sku).as(LicensingEvent.UserLicenseRemoved::new)),
                net.jqwik.api.Tuple.of(2, location.map(LicensingEvent.TenantSettingsUpserted::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("u1", "u2", null).map(LicensingEvent.ReprocessRequested::new)));
    }
}
