package dev.seatflow.reconciler.model;

import static dev.seatflow.events.LicenseState.Assigned;
import static dev.seatflow.events.LicenseState.Blocked;
import static dev.seatflow.events.LicenseState.Queued;
import static dev.seatflow.events.LicenseState.Removed;
import static dev.seatflow.events.Reason.GuestUser;
import static dev.seatflow.events.Reason.SeatsExhausted;
import static dev.seatflow.events.Reason.SubscriptionInactive;
import static dev.seatflow.events.Reason.UsageLocationRequired;
import static dev.seatflow.events.SubscriptionStatus.Deleted;
import static dev.seatflow.events.SubscriptionStatus.Enabled;
import static dev.seatflow.events.SubscriptionStatus.Suspended;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.LicenseEntry;
import dev.seatflow.events.LicenseState;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.Reason;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserLicenseChanged;
import dev.seatflow.events.UserLicenses;
import dev.seatflow.testkit.events.Events;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reference model on hand-written scenarios, so that the yardstick itself is checked. */
class ReferenceModelTest {
    private final ReferenceModel model = new ReferenceModel();
    private final Events t1 = Events.tenant("t1");

    private List<UserLicenseChanged> apply(InboundEvent... events) {
        List<UserLicenseChanged> out = new java.util.ArrayList<>();
        for (InboundEvent e : events) {
            model.apply(e).outputs().stream().map(OutboundEvent::data).forEach(out::add);
        }
        return out;
    }

    private Optional<LicenseEntry> entry(String tenant, String user, String sku) {
        return model.userLicenses().stream()
                .filter(u -> u.tenantId().equals(tenant) && u.userId().equals(user))
                .flatMap(u -> u.licenses().stream())
                .filter(l -> l.skuId().equals(sku))
                .findFirst();
    }

    private void assertState(String user, String sku, LicenseState state, Reason reason) {
        assertThat(entry("t1", user, sku)).as(user + "/" + sku)
                .hasValueSatisfying(e -> {
                    assertThat(e.state()).as(user + " state").isEqualTo(state);
                    assertThat(e.reason()).as(user + " reason").isEqualTo(reason);
                });
    }

    private SeatsRow row(String sku) {
        return model.seats().stream().filter(r -> r.tenantId().equals("t1") && r.skuId().equals(sku))
                .findFirst().orElseThrow();
    }

    private void licensableMembers(String... users) {
        for (String u : users) {
            apply(t1.member(u, "US"));
        }
    }

    @Test
    void membersOfAGroupGivenALicenseAreServedInTheOrderTheyJoined() {
        licensableMembers("u1", "u2", "u3");
        apply(t1.subscription("E3", 2), t1.memberAdded("g1", "u3"), t1.memberAdded("g1", "u1"),
                t1.memberAdded("g1", "u2"));
        List<UserLicenseChanged> out = apply(t1.groupLicenseAssigned("g1", "E3"));

        assertThat(out).extracting(UserLicenseChanged::userId, UserLicenseChanged::state,
                UserLicenseChanged::previousState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("u1", Assigned, null),
                        org.assertj.core.groups.Tuple.tuple("u2", Queued, null),
                        org.assertj.core.groups.Tuple.tuple("u3", Assigned, null));
        assertThat(row("E3")).isEqualTo(SeatsRow.of("t1", "E3", 2, Enabled, 2, 1, 1, null, 0, List.of()));
    }

    @Test
    void addingAnExistingMemberKeepsItsPlaceButRejoiningGoesToTheEnd() {
        licensableMembers("u1", "u2", "u3");
        apply(t1.subscription("E3", 0), t1.groupLicenseAssigned("g1", "E3"),
                t1.memberAdded("g1", "u1"), t1.memberAdded("g1", "u2"), t1.memberAdded("g1", "u3"));
        assertThat(apply(t1.memberAdded("g1", "u1"))).isEmpty();
        apply(t1.memberRemoved("g1", "u2"), t1.memberAdded("g1", "u2"));

        apply(t1.subscription("E3", 2));
        assertState("u1", "E3", Assigned, null);
        assertState("u3", "E3", Assigned, null);
        assertState("u2", "E3", Queued, SeatsExhausted);
    }

    @Test
    void aFreedSeatGoesToTheEarliestWaiterEvenOneThatWasBlockedUntilJustNow() {
        apply(t1.subscription("E3", 1), t1.groupLicenseAssigned("g1", "E3"),
                t1.memberAdded("g1", "u1"), t1.member("u2", "US"), t1.memberAdded("g1", "u2"),
                t1.member("u3", "US"), t1.memberAdded("g1", "u3"));
        assertState("u1", "E3", Blocked, UsageLocationRequired);
        assertState("u2", "E3", Assigned, null);
        assertState("u3", "E3", Queued, SeatsExhausted);

        assertThat(apply(t1.member("u1", "FR"))).singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo(Queued));

        List<UserLicenseChanged> out = apply(t1.memberRemoved("g1", "u2"));
        assertThat(out).extracting(UserLicenseChanged::userId, UserLicenseChanged::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("u1", Assigned),
                        org.assertj.core.groups.Tuple.tuple("u2", Removed));
        assertState("u3", "E3", Queued, SeatsExhausted);
    }

    @Test
    void aQueuedUserWhoLosesItsUsageLocationIsBlockedAndKeepsItsPlace() {
        licensableMembers("u1", "u2", "u3");
        apply(t1.subscription("E3", 1), t1.groupLicenseAssigned("g1", "E3"),
                t1.memberAdded("g1", "u1"), t1.memberAdded("g1", "u2"), t1.memberAdded("g1", "u3"));
        apply(t1.member("u2", null));
        assertState("u2", "E3", Blocked, UsageLocationRequired);
        apply(t1.member("u2", "US"));
        assertState("u2", "E3", Queued, SeatsExhausted);

        apply(t1.memberRemoved("g1", "u1"));
        assertState("u2", "E3", Assigned, null);
        assertState("u3", "E3", Queued, SeatsExhausted);
    }

    @Test
    void aHeldSeatSurvivesLostLocationGuestChangeFewerSeatsAndSuspension() {
        licensableMembers("u1", "u2");
        apply(t1.subscription("E3", 2), t1.groupLicenseAssigned("g1", "E3"),
                t1.memberAdded("g1", "u1"), t1.memberAdded("g1", "u2"));

        assertThat(apply(t1.member("u1", null), t1.guest("u2", "US"), t1.subscription("E3", 1),
                t1.subscription("E3", 0, Suspended), t1.reprocessTenant())).isEmpty();
        assertState("u1", "E3", Assigned, null);
        assertState("u2", "E3", Assigned, null);
        assertThat(row("E3")).isEqualTo(SeatsRow.of("t1", "E3", 0, Suspended, 2, 0, 0, null, 0, List.of()));
    }

    @Test
    void seatsLoweredBelowAssignedShowOverAllocationAndHandOutNothingNew() {
        licensableMembers("u1", "u2", "u3");
        apply(t1.subscription("E3", 2), t1.groupLicenseAssigned("g1", "E3"),
                t1.memberAdded("g1", "u1"), t1.memberAdded("g1", "u2"), t1.memberAdded("g1", "u3"),
                t1.subscription("E3", 1));
        assertThat(row("E3")).isEqualTo(SeatsRow.of("t1", "E3", 1, Enabled, 2, 1, 1, null, 0, List.of()));

        apply(t1.memberRemoved("g1", "u1"));
        assertState("u3", "E3", Queued, SeatsExhausted);
        apply(t1.memberRemoved("g1", "u2"));
        assertState("u3", "E3", Assigned, null);
    }

    @Test
    void aDeletedSubscriptionTakesSeatsBackAndItsReturnServesWaitersInPositionOrder() {
        licensableMembers("u1", "u2", "u3");
        apply(t1.subscription("E3", 1), t1.groupLicenseAssigned("g1", "E3"),
                t1.memberAdded("g1", "u1"), t1.memberAdded("g1", "u2"), t1.member("u1", null));

        List<UserLicenseChanged> out = apply(t1.subscription("E3", 2, Deleted));
        assertThat(out).extracting(UserLicenseChanged::userId, UserLicenseChanged::state, UserLicenseChanged::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("u1", Blocked, UsageLocationRequired),
                        org.assertj.core.groups.Tuple.tuple("u2", Blocked, SubscriptionInactive));
        assertThat(row("E3")).isEqualTo(SeatsRow.of("t1", "E3", 2, Deleted, 0, 2, 0, null, 0, List.of()));

        apply(t1.memberAdded("g1", "u3"), t1.member("u1", "US"));
        apply(t1.subscription("E3", 2, Enabled));
        assertState("u1", "E3", Assigned, null);
        assertState("u2", "E3", Assigned, null);
        assertState("u3", "E3", Queued, SeatsExhausted);
    }

    @Test
    void blockingReasonsApplyInTheContractOrder() {
        apply(t1.subscription("E3", 5, Suspended), t1.guest("u1", null), t1.groupLicenseAssigned("g1", "E3"),
                t1.memberAdded("g1", "u1"));
        assertState("u1", "E3", Blocked, UsageLocationRequired);
        apply(t1.tenantSettings("US"));
        assertState("u1", "E3", Blocked, GuestUser);
        apply(t1.userLicenseAssigned("u1", "E3"));
        assertState("u1", "E3", Blocked, SubscriptionInactive);
        apply(t1.subscription("E3", 5, SubscriptionStatus.Warning));
        assertState("u1", "E3", Assigned, null);
    }

    @Test
    void aGuestIsBlockedOnlyWhileAllItsSourcesAreGroups() {
        apply(t1.subscription("E3", 5), t1.guest("u1", "US"), t1.groupLicenseAssigned("g1", "E3"),
                t1.memberAdded("g1", "u1"));
        assertState("u1", "E3", Blocked, GuestUser);
        apply(t1.userLicenseAssigned("u1", "E3"));
        assertState("u1", "E3", Assigned, null);
        // sticky: dropping the direct source leaves a held seat alone
        apply(t1.userLicenseRemoved("u1", "E3"));
        assertState("u1", "E3", Assigned, null);
    }

    @Test
    void disabledPlansAreTheIntersectionOfTheSourcesAndSeveralSourcesTakeOneSeat() {
        licensableMembers("u1");
        apply(t1.subscription("E3", 1), t1.groupLicenseAssigned("g1", "E3", "B", "A", "C"),
                t1.groupLicenseAssigned("g2", "E3", "C", "B"), t1.memberAdded("g2", "u1"),
                t1.memberAdded("g1", "u1"));
        List<UserLicenseChanged> out = apply(t1.userLicenseAssigned("u1", "E3", "D", "B"));
        assertThat(out).singleElement().satisfies(c -> {
            assertThat(c.disabledPlans()).containsExactly("B");
            assertThat(c.assignedByGroups()).containsExactly("g1", "g2");
            assertThat(c.direct()).isTrue();
            assertThat(c.previousState()).isEqualTo(Assigned);
        });
        assertThat(row("E3").assigned()).isEqualTo(1);
        // re-assigning replaces the plans and keeps the position
        assertThat(apply(t1.groupLicenseAssigned("g1", "E3", "B"))).isEmpty();
        assertThat(apply(t1.userLicenseAssigned("u1", "E3"))).singleElement()
                .satisfies(c -> assertThat(c.disabledPlans()).isEmpty());
    }

    @Test
    void deletingAUserRemovesItsEntriesAndItComesBackAsAMemberWithoutLocation() {
        apply(t1.subscription("E3", 1), t1.guest("u1", "US"), t1.userLicenseAssigned("u1", "E3"),
                t1.groupLicenseAssigned("g1", "E3"), t1.memberAdded("g1", "u1"));
        assertState("u1", "E3", Assigned, null);

        List<UserLicenseChanged> out = apply(t1.userDeleted("u1"));
        assertThat(out).singleElement().isEqualTo(new UserLicenseChanged("u1", "E3", Removed, Assigned, null,
                List.of(), List.of(), false));
        assertThat(model.userLicenses()).isEmpty();

        apply(t1.memberAdded("g1", "u1"));
        assertState("u1", "E3", Blocked, UsageLocationRequired);
        apply(t1.tenantSettings("US"));
        assertState("u1", "E3", Assigned, null); // a Member now, not a Guest
    }

    @Test
    void deletingAnUnknownUserStillRemovesItsMembershipsAndDirectAssignments() {
        apply(t1.tenantSettings("US"), t1.subscription("E3", 1), t1.groupLicenseAssigned("g1", "E3"),
                t1.memberAdded("g1", "ghost"), t1.userLicenseAssigned("ghost", "V1"));
        assertState("ghost", "E3", Assigned, null);
        assertState("ghost", "V1", Queued, SeatsExhausted);
        assertThat(apply(t1.userDeleted("ghost"))).extracting(UserLicenseChanged::state)
                .containsExactly(Removed, Removed);
    }

    @Test
    void aDeletedGroupLosesItsMembersAndLicensesAndItsIdStartsFresh() {
        licensableMembers("u1", "u2");
        apply(t1.subscription("E3", 5), t1.groupLicenseAssigned("g1", "E3"),
                t1.memberAdded("g1", "u1"), t1.memberAdded("g1", "u2"));
        assertThat(apply(t1.groupDeleted("g1"))).extracting(UserLicenseChanged::state)
                .containsExactly(Removed, Removed);

        assertThat(apply(t1.memberAdded("g1", "u1"))).isEmpty(); // no license any more
        assertThat(apply(t1.groupLicenseAssigned("g1", "E3"))).singleElement()
                .satisfies(c -> assertThat(c.userId()).isEqualTo("u1"));
    }

    @Test
    void aSkuNeverAnnouncedIsAnEnabledSubscriptionWithoutSeatsWhoseRowShowsNoStatus() {
        licensableMembers("u1");
        apply(t1.userLicenseAssigned("u1", "VISIO"));
        assertState("u1", "VISIO", Queued, SeatsExhausted);
        assertThat(model.seats()).containsExactly(SeatsRow.of("t1", "VISIO", 0, null, 0, 1, 1, null, 0, List.of()));

        apply(t1.userLicenseRemoved("u1", "VISIO"));
        assertThat(model.seats()).isEmpty();

        apply(t1.subscription("E5", 3, Deleted));
        assertThat(model.seats()).containsExactly(SeatsRow.of("t1", "E5", 3, Deleted, 0, 0, 0, null, 0, List.of()));
    }

    @Test
    void removingSomethingAbsentAndReprocessingChangeNothing() {
        licensableMembers("u1");
        apply(t1.subscription("E3", 1), t1.userLicenseAssigned("u1", "E3"));
        assertThat(apply(t1.memberRemoved("g9", "u1"), t1.groupLicenseRemoved("g9", "E3"),
                t1.userLicenseRemoved("u1", "E5"), t1.groupDeleted("g8"), t1.reprocess("u1"),
                t1.reprocessTenant())).isEmpty();
        assertState("u1", "E3", Assigned, null);
    }

    @Test
    void anEventAlreadySeenFromTheSameSourceIsIgnoredButTenantsAndSourcesAreSeparate() {
        licensableMembers("u1");
        InboundEvent assign = t1.userLicenseAssigned("u1", "E3");
        assertThat(model.apply(assign).duplicate()).isFalse();
        apply(t1.userLicenseRemoved("u1", "E3"));

        ReferenceModel.Result again = model.apply(assign);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.outputs()).isEmpty();
        assertThat(entry("t1", "u1", "E3")).isEmpty();

        assertThat(model.apply(Events.event("t1", "/elsewhere", assign.envelope().id(), null, assign.data()))
                .duplicate()).isFalse();
        Events t2 = Events.tenant("t2").withSource(t1.source());
        ReferenceModel.Result other = model.apply(t2.withId(assign.envelope().id()).userLicenseAssigned("u1", "E3"));
        assertThat(other.duplicate()).isFalse();
        assertThat(other.outputs()).singleElement()
                .satisfies(o -> assertThat(o.tenantId()).isEqualTo("t2"));
        assertThat(model.userLicenses()).extracting(UserLicenses::tenantId).containsExactly("t1", "t2");
    }

    @Test
    void theDedupWindowForgetsTheOldestEvents() {
        ReferenceModel small = new ReferenceModel(2);
        InboundEvent first = t1.reprocessTenant();
        small.apply(first);
        small.apply(t1.reprocessTenant());
        assertThat(small.apply(first).duplicate()).isTrue();
        small.apply(t1.reprocessTenant());
        small.apply(t1.reprocessTenant());
        assertThat(small.apply(first).duplicate()).isFalse();
    }

    @Test
    void outputsCarryTheCauseAndADeterministicId() {
        licensableMembers("u1");
        InboundEvent cause = t1.at("2026-11-23T10:00:00Z").userLicenseAssigned("u1", "E3");
        OutboundEvent out = model.apply(cause).outputs().get(0);
        assertThat(out.causationId()).isEqualTo(cause.envelope().id());
        assertThat(out.time()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(out.subject()).isEqualTo("u1");
        ReferenceModel replay = new ReferenceModel();
        replay.apply(Events.tenant("t1").member("u1", "US"));
        assertThat(replay.apply(cause).outputs()).containsExactly(out);
    }

    @Test
    void aNewlyEntitledUserComesAfterEveryEarlierWaiter() {
        licensableMembers("u1", "u2", "u3");
        apply(t1.subscription("E3", 0), t1.userLicenseAssigned("u3", "E3"),
                t1.groupLicenseAssigned("g1", "E3"), t1.memberAdded("g1", "u2"), t1.memberAdded("g1", "u1"));
        assertThat(model.position("t1", "u3", "E3")).isLessThan(model.position("t1", "u2", "E3"));
        assertThat(model.position("t1", "u2", "E3")).isLessThan(model.position("t1", "u1", "E3"));
        apply(t1.subscription("E3", 2));
        assertState("u3", "E3", Assigned, null);
        assertState("u2", "E3", Assigned, null);
        assertState("u1", "E3", Queued, SeatsExhausted);
    }
}
