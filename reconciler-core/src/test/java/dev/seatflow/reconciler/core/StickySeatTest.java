package dev.seatflow.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.SubscriptionStatus;
import org.junit.jupiter.api.Test;

/** Rules 4 and 5: a held seat stays while the user stays entitled; no seat beyond the count. */
class StickySeatTest {

    @Test
    void fewerSeatsNeverTakeBackAHeldSeat() {
        Scenario s = Scenario.tenant().subscription("E3", 2).groupLicense("sales", "E3").users("ann", "bob", "cy")
                .join("sales", "ann", "bob", "cy");

        s.subscription("E3", 1);

        assertThat(s.changes()).isEmpty();
        assertThat(s.seats("E3")).satisfies(row -> {
            assertThat(row.assigned()).isEqualTo(2);
            assertThat(row.overAllocated()).isEqualTo(1);
            assertThat(row.available()).isZero();
            assertThat(row.waiting()).isEqualTo(1);
        });
    }

    @Test
    void noNewSeatWhileOverAllocated() {
        Scenario s = Scenario.tenant().subscription("E3", 2).groupLicense("sales", "E3").users("ann", "bob", "cy")
                .join("sales", "ann", "bob", "cy").subscription("E3", 1);

        s.leave("sales", "ann");

        assertThat(s.changes()).containsExactly("ann E3 Assigned->Removed");
        assertThat(s.state("cy", "E3")).isEqualTo("Queued:SeatsExhausted");
        assertThat(s.seats("E3").overAllocated()).isZero();
    }

    @Test
    void losingUsageLocationOrBecomingGuestKeepsTheSeat() {
        Scenario s = Scenario.tenant().subscription("E3", 2).groupLicense("sales", "E3").users("ann")
                .join("sales", "ann");

        s.guest("ann", null);

        assertThat(s.changes()).isEmpty();
        assertThat(s.state("ann", "E3")).isEqualTo("Assigned");
    }

    @Test
    void suspendedSubscriptionKeepsHeldSeats() {
        Scenario s = Scenario.tenant().subscription("E3", 1).groupLicense("sales", "E3").users("ann")
                .join("sales", "ann");

        s.subscription("E3", 1, SubscriptionStatus.Suspended);

        assertThat(s.changes()).isEmpty();
        assertThat(s.seats("E3").assigned()).isEqualTo(1);
    }

    @Test
    void deletedSubscriptionTakesSeatsBackAndKeepsPositions() {
        Scenario s = Scenario.tenant().subscription("E3", 1).groupLicense("sales", "E3").users("ann", "bob")
                .join("sales", "ann", "bob");

        s.subscription("E3", 1, SubscriptionStatus.Deleted);
        assertThat(s.changes()).containsExactlyInAnyOrder(
                "ann E3 Assigned->Blocked:SubscriptionInactive",
                "bob E3 Queued->Blocked:SubscriptionInactive");
        assertThat(s.seats("E3").assigned()).isZero();
        assertThat(s.seats("E3").status()).isEqualTo(SubscriptionStatus.Deleted);

        s.subscription("E3", 1, SubscriptionStatus.Enabled);
        assertThat(s.states("E3", "ann", "bob")).containsExactly("ann=Assigned", "bob=Queued:SeatsExhausted");
    }

    @Test
    void deletedSubscriptionReportsTheFirstReasonThatApplies() {
        Scenario s = Scenario.tenant().subscription("E3", 1).groupLicense("sales", "E3").users("ann")
                .join("sales", "ann").user("ann", null);

        s.subscription("E3", 1, SubscriptionStatus.Deleted);

        assertThat(s.changes()).containsExactly("ann E3 Assigned->Blocked:UsageLocationRequired");
    }
}
