package dev.seatflow.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.AlertEvent;
import dev.seatflow.events.AlertLevel;
import dev.seatflow.events.SeatAlertChanged;
import dev.seatflow.events.SubscriptionStatus;
import org.junit.jupiter.api.Test;

/** Contract v2, "Seat alerts": a level per SKU, and an event whenever an event changes it. */
class SeatAlertsTest {

    @Test
    void aWaitingUserMakesTheSkuExhausted() {
        Scenario s = Scenario.tenant().subscription("E3", 1).groupLicense("sales", "E3").users("ann", "bob")
                .join("sales", "ann");

        s.join("sales", "bob");

        assertThat(s.alerts()).containsExactly("E3 Ok->Exhausted");
        assertThat(s.seats("E3").alert()).isEqualTo(AlertLevel.Exhausted);
    }

    @Test
    void buyingSeatsForTheQueueBringsItBackToOk() {
        Scenario s = Scenario.tenant().subscription("E3", 1).groupLicense("sales", "E3").users("ann", "bob")
                .join("sales", "ann", "bob");

        s.subscription("E3", 5);

        assertThat(s.alerts()).containsExactly("E3 Exhausted->Ok");
    }

    @Test
    void overAllocatedComesFirst() {
        Scenario s = Scenario.tenant().subscription("E3", 2).groupLicense("sales", "E3").users("ann", "bob", "cy")
                .join("sales", "ann", "bob", "cy");

        s.subscription("E3", 1);

        assertThat(s.alerts()).containsExactly("E3 Exhausted->OverAllocated");
    }

    @Test
    void fewAvailableSeatsAreLowWhenAThresholdIsSet() {
        Scenario s = Scenario.tenant().subscription("E3", 3, 1).groupLicense("sales", "E3").users("ann", "bob")
                .join("sales", "ann");
        assertThat(s.seats("E3").alert()).isEqualTo(AlertLevel.Ok);

        s.join("sales", "bob");

        assertThat(s.alerts()).containsExactly("E3 Ok->Low");
        assertThat(s.seats("E3").lowSeatsThreshold()).isEqualTo(1);
    }

    @Test
    void anInactiveSubscriptionIsNeverLow() {
        Scenario s = Scenario.tenant().subscription("E3", 3, 5);
        assertThat(s.seats("E3").alert()).isEqualTo(AlertLevel.Low);

        s.publish(new dev.seatflow.events.LicensingEvent.SubscriptionUpserted("E3", 3, SubscriptionStatus.Suspended,
                java.util.List.of(), 5));

        assertThat(s.alerts()).containsExactly("E3 Low->Ok");
    }

    @Test
    void eachUpsertReplacesTheThreshold() {
        Scenario s = Scenario.tenant().subscription("E3", 3, 5);

        s.subscription("E3", 3);

        assertThat(s.alerts()).containsExactly("E3 Low->Ok");
        assertThat(s.seats("E3").lowSeatsThreshold()).isNull();
    }

    @Test
    void aSkuWithoutARowIsOk() {
        Scenario s = Scenario.tenant().users("ann");

        s.directLicense("ann", "VISIO"); // never announced: 0 seats, ann waits
        assertThat(s.alerts()).containsExactly("VISIO Ok->Exhausted");
        s.directLicenseRemoved("ann", "VISIO"); // nobody entitled: no row any more

        assertThat(s.hasSeatsRow("VISIO")).isFalse();
        assertThat(s.alerts()).containsExactly("VISIO Exhausted->Ok");
    }

    @Test
    void onlyTheLevelAtTheEndOfAnEventCounts() {
        // ann leaves and bob takes its seat within one event: the level never leaves Ok.
        Scenario s = Scenario.tenant().subscription("E3", 1, 0).groupLicense("sales", "E3").users("ann", "bob")
                .join("sales", "ann");
        s.join("sales", "bob");
        assertThat(s.alerts()).containsExactly("E3 Low->Exhausted");

        s.leave("sales", "ann");

        assertThat(s.alerts()).containsExactly("E3 Exhausted->Low");
    }

    @Test
    void theAlertEventCarriesTheFiguresAndAnIdDerivedFromItsCause() {
        Scenario s = Scenario.tenant().subscription("E3", 1).groupLicense("sales", "E3").users("ann", "bob")
                .join("sales", "ann").at("2026-12-01T10:00:00Z");

        s.publish("/directory-sync/contoso", "e-77", new dev.seatflow.events.DirectoryEvent.GroupMemberAdded("sales", "bob"));

        AlertEvent alert = s.lastDecision().alerts().get(0);
        assertThat(alert.data()).isEqualTo(new SeatAlertChanged("E3", AlertLevel.Exhausted, AlertLevel.Ok, 1, 1, 1, 0, null));
        assertThat(alert.subject()).isEqualTo("E3");
        assertThat(alert.causationId()).isEqualTo("e-77");
        assertThat(alert.time()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(alert.id()).isEqualTo(AlertEvent.causedBy(
                new dev.seatflow.events.Envelope("e-77", "/directory-sync/contoso", "contoso", null), alert.data()).id());
        assertThat(s.lastDecision().outputs()).extracting(o -> o.id()).doesNotContain(alert.id());
    }

    @Test
    void noEventWhenTheLevelStaysTheSame() {
        Scenario s = Scenario.tenant().subscription("E3", 1).groupLicense("sales", "E3").users("ann", "bob", "cy")
                .join("sales", "ann", "bob");

        s.join("sales", "cy");

        assertThat(s.alerts()).isEmpty();
    }
}
