package dev.seatflow.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.SubscriptionStatus;
import org.junit.jupiter.api.Test;

/** Rule 2: the reasons a user without a seat is Blocked, first reason first, else Queued. */
class EligibilityTest {

    @Test
    void userWithoutUsageLocationIsBlocked() {
        Scenario s = Scenario.tenant().subscription("E3", 5).groupLicense("sales", "E3").user("ann", null);

        s.join("sales", "ann");

        assertThat(s.changes()).containsExactly("ann E3 none->Blocked:UsageLocationRequired");
    }

    @Test
    void userNeverUpsertedHasNoUsageLocation() {
        Scenario s = Scenario.tenant().subscription("E3", 5).groupLicense("sales", "E3");

        s.join("sales", "ghost");

        assertThat(s.state("ghost", "E3")).isEqualTo("Blocked:UsageLocationRequired");
    }

    @Test
    void tenantDefaultUsageLocationStandsInForAMissingOne() {
        Scenario s = Scenario.tenant().subscription("E3", 5).groupLicense("sales", "E3").user("ann", null)
                .join("sales", "ann");

        s.defaultUsageLocation("DE");

        assertThat(s.changes()).containsExactly("ann E3 Blocked->Assigned");
    }

    @Test
    void guestLicensedOnlyByGroupsIsBlocked() {
        Scenario s = Scenario.tenant().subscription("E3", 5).groupLicense("sales", "E3").guest("gus", "US");

        s.join("sales", "gus");

        assertThat(s.state("gus", "E3")).isEqualTo("Blocked:GuestUser");
    }

    @Test
    void directAssignmentLicensesAGuest() {
        Scenario s = Scenario.tenant().subscription("E3", 5).groupLicense("sales", "E3").guest("gus", "US")
                .join("sales", "gus");

        s.directLicense("gus", "E3");

        assertThat(s.changes()).containsExactly("gus E3 Blocked->Assigned");
    }

    @Test
    void usageLocationComesBeforeGuestAndGuestBeforeSubscription() {
        Scenario s = Scenario.tenant().subscription("E3", 5, SubscriptionStatus.Suspended).groupLicense("sales", "E3")
                .guest("gus", null).join("sales", "gus");
        assertThat(s.state("gus", "E3")).isEqualTo("Blocked:UsageLocationRequired");

        s.guest("gus", "US");
        assertThat(s.state("gus", "E3")).isEqualTo("Blocked:GuestUser");

        s.user("gus", "US");
        assertThat(s.state("gus", "E3")).isEqualTo("Blocked:SubscriptionInactive");
    }

    @Test
    void suspendedAndDeletedSubscriptionsBlockNewUsers() {
        Scenario s = Scenario.tenant().subscription("E3", 5, SubscriptionStatus.Suspended)
                .subscription("E5", 5, SubscriptionStatus.Deleted)
                .groupLicense("sales", "E3").groupLicense("sales", "E5").users("ann");

        s.join("sales", "ann");

        assertThat(s.states("E3", "ann")).containsExactly("ann=Blocked:SubscriptionInactive");
        assertThat(s.states("E5", "ann")).containsExactly("ann=Blocked:SubscriptionInactive");
    }

    @Test
    void warningSubscriptionStillHandsOutSeats() {
        Scenario s = Scenario.tenant().subscription("E3", 5, SubscriptionStatus.Warning).groupLicense("sales", "E3")
                .users("ann");

        s.join("sales", "ann");

        assertThat(s.state("ann", "E3")).isEqualTo("Assigned");
    }

    @Test
    void licensableUserBeyondTheSeatsIsQueued() {
        Scenario s = Scenario.tenant().subscription("E3", 1).groupLicense("sales", "E3").users("ann", "bob");

        s.join("sales", "ann", "bob");

        assertThat(s.changes()).containsExactly("bob E3 none->Queued:SeatsExhausted");
        assertThat(s.seats("E3").waiting()).isEqualTo(1);
    }

    @Test
    void skuNeverAnnouncedHasNoSeats() {
        Scenario s = Scenario.tenant().groupLicense("sales", "NEW").users("ann");

        s.join("sales", "ann");

        assertThat(s.state("ann", "NEW")).isEqualTo("Queued:SeatsExhausted");
        assertThat(s.seats("NEW").status()).isNull();
        assertThat(s.seats("NEW").seats()).isZero();
    }

    @Test
    void queuedUserWhoLosesUsageLocationBecomesBlockedAndBack() {
        Scenario s = Scenario.tenant().subscription("E3", 1).groupLicense("sales", "E3").users("ann", "bob")
                .join("sales", "ann", "bob");

        s.user("bob", null);
        assertThat(s.changes()).containsExactly("bob E3 Queued->Blocked:UsageLocationRequired");

        s.user("bob", "FR");
        assertThat(s.changes()).containsExactly("bob E3 Blocked->Queued:SeatsExhausted");
    }

    @Test
    void suspendingASubscriptionBlocksItsQueue() {
        Scenario s = Scenario.tenant().subscription("E3", 1).groupLicense("sales", "E3").users("ann", "bob")
                .join("sales", "ann", "bob");

        s.subscription("E3", 1, SubscriptionStatus.Suspended);

        assertThat(s.changes()).containsExactly("bob E3 Queued->Blocked:SubscriptionInactive");
        assertThat(s.seats("E3").available()).isZero();
    }
}
