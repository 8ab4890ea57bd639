package dev.seatflow.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.SubscriptionStatus;
import org.junit.jupiter.api.Test;

/** Rule 3: seats go first come, first served, in the event that frees them. */
class WaitingOrderTest {

    @Test
    void queuedUserGetsTheSeatALeaverFrees() {
        Scenario s = Scenario.tenant().subscription("E3", 1).groupLicense("sales", "E3").users("ann", "bob")
                .join("sales", "ann", "bob");

        s.leave("sales", "ann");

        assertThat(s.changes()).containsExactly("ann E3 Assigned->Removed", "bob E3 Queued->Assigned");
    }

    @Test
    void moreSeatsServeTheQueueInJoinOrder() {
        Scenario s = Scenario.tenant().subscription("E3", 0).groupLicense("sales", "E3").users("cy", "ann", "bob")
                .join("sales", "cy", "ann", "bob");

        s.subscription("E3", 2);

        assertThat(s.changes()).containsExactly(
                "cy E3 Queued->Assigned", "ann E3 Queued->Assigned");
        assertThat(s.state("bob", "E3")).isEqualTo("Queued:SeatsExhausted");
    }

    @Test
    void groupLicenseQueuesMembersInTheOrderTheyJoined() {
        Scenario s = Scenario.tenant().subscription("E3", 1).users("zed", "amy", "kim")
                .join("sales", "zed", "amy", "kim");

        s.groupLicense("sales", "E3");
        s.subscription("E3", 2);

        assertThat(s.states("E3", "zed", "amy", "kim"))
                .containsExactly("zed=Assigned", "amy=Assigned", "kim=Queued:SeatsExhausted");
    }

    @Test
    void blockedWaiterKeepsItsPlaceAheadOfLaterUsers() {
        Scenario s = Scenario.tenant().subscription("E3", 0).groupLicense("sales", "E3").user("ann", null)
                .users("bob").join("sales", "ann", "bob");

        s.user("ann", "US");           // becomes licensable again, still first in line
        s.subscription("E3", 1);

        assertThat(s.changes()).containsExactly("ann E3 Queued->Assigned");
        assertThat(s.state("bob", "E3")).isEqualTo("Queued:SeatsExhausted");
    }

    @Test
    void blockedUserIsSkippedNotWaitedFor() {
        Scenario s = Scenario.tenant().subscription("E3", 0).groupLicense("sales", "E3").user("ann", null)
                .users("bob").join("sales", "ann", "bob");

        s.subscription("E3", 1);

        assertThat(s.changes()).containsExactly("bob E3 Queued->Assigned");
    }

    @Test
    void blockedUserBecomingLicensableTakesAFreeSeat() {
        Scenario s = Scenario.tenant().subscription("E3", 3).groupLicense("sales", "E3").user("ann", null)
                .join("sales", "ann");

        s.user("ann", "US");

        assertThat(s.changes()).containsExactly("ann E3 Blocked->Assigned");
    }

    @Test
    void losingEntitlementDropsThePosition() {
        Scenario s = Scenario.tenant().subscription("E3", 0).groupLicense("sales", "E3").users("ann", "bob")
                .join("sales", "ann", "bob");

        s.leave("sales", "ann").join("sales", "ann");   // back of the line
        s.subscription("E3", 1);

        assertThat(s.states("E3", "bob", "ann")).containsExactly("bob=Assigned", "ann=Queued:SeatsExhausted");
    }

    @Test
    void rejoiningAnotherLicensedGroupKeepsThePosition() {
        Scenario s = Scenario.tenant().subscription("E3", 0).groupLicense("sales", "E3").groupLicense("emea", "E3")
                .users("ann", "bob").join("sales", "ann").join("sales", "bob");

        s.join("emea", "ann").leave("sales", "ann");   // entitled throughout
        s.subscription("E3", 1);

        assertThat(s.states("E3", "ann", "bob")).containsExactly("ann=Assigned", "bob=Queued:SeatsExhausted");
    }

    @Test
    void reactivatedSubscriptionServesInPositionOrder() {
        Scenario s = Scenario.tenant().subscription("E3", 0).groupLicense("sales", "E3").users("ann", "bob")
                .join("sales", "ann", "bob").subscription("E3", 2, SubscriptionStatus.Suspended);

        s.subscription("E3", 1, SubscriptionStatus.Enabled);

        assertThat(s.changes()).containsExactly(
                "ann E3 Blocked->Assigned",
                "bob E3 Blocked->Queued:SeatsExhausted");
    }

    @Test
    void addingAnExistingMemberChangesNothing() {
        Scenario s = Scenario.tenant().subscription("E3", 0).groupLicense("sales", "E3").users("ann", "bob")
                .join("sales", "ann", "bob");

        s.join("sales", "ann");
        assertThat(s.changes()).isEmpty();

        s.subscription("E3", 1);
        assertThat(s.state("ann", "E3")).isEqualTo("Assigned");
    }
}
