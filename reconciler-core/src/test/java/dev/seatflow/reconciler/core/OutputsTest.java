package dev.seatflow.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.DirectoryEvent.GroupMemberAdded;
import dev.seatflow.events.Envelope;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.SubscriptionStatus;
import org.junit.jupiter.api.Test;

/** Output events and state rows: their identity, their rows, and what a reprocess does. */
class OutputsTest {

    @Test
    void outputCarriesItsCauseAndADeterministicId() {
        Scenario a = Scenario.tenant().subscription("E3", 1).groupLicense("sales", "E3").users("ann")
                .publish("/sync", "m-7", new GroupMemberAdded("sales", "ann"));
        Scenario b = Scenario.tenant().subscription("E3", 1).groupLicense("sales", "E3").users("ann")
                .publish("/sync", "m-7", new GroupMemberAdded("sales", "ann"));

        OutboundEvent out = a.lastDecision().outputs().get(0);
        assertThat(out.causationId()).isEqualTo("m-7");
        assertThat(out.subject()).isEqualTo("ann");
        assertThat(out.tenantId()).isEqualTo("contoso");
        assertThat(out.id()).isEqualTo(b.lastDecision().outputs().get(0).id());
        assertThat(out.id()).isNotEqualTo(OutboundEvent.causedBy(
                new Envelope("m-7", "/other", "contoso", null), out.data()).id());
    }

    @Test
    void twoTenantsReusingAnEventIdGetDistinctOutputIds() {
        Scenario contoso = Scenario.tenant("contoso").subscription("E3", 1).groupLicense("sales", "E3").users("ann")
                .publish("/sync", "m-1", new GroupMemberAdded("sales", "ann"));
        Scenario fabrikam = contoso.otherTenant("fabrikam").subscription("E3", 1).groupLicense("sales", "E3")
                .users("ann").publish("/sync", "m-1", new GroupMemberAdded("sales", "ann"));

        assertThat(fabrikam.lastDecision().outputs().get(0).id())
                .isNotEqualTo(contoso.lastDecision().outputs().get(0).id());
    }

    @Test
    void outputTimeIsTheCausesTime() {
        Reconciler r = new Reconciler();
        r.apply(new InboundEvent(new Envelope("1", "/s", "t", null),
                new dev.seatflow.events.LicensingEvent.UserLicenseAssigned("ann", "E3", java.util.List.of())));

        var d = r.apply(new InboundEvent(new Envelope("2", "/s", "t", "2026-11-23T10:00:00Z"),
                new dev.seatflow.events.LicensingEvent.SubscriptionUpserted("E3", 0, SubscriptionStatus.Enabled,
                        java.util.List.of())));

        assertThat(d.outputs()).isEmpty();
        assertThat(r.apply(new InboundEvent(new Envelope("3", "/s", "t", "2026-11-23T11:00:00Z"),
                new dev.seatflow.events.LicensingEvent.UserLicenseRemoved("ann", "E3"))).outputs())
                .singleElement().extracting(OutboundEvent::time).isEqualTo("2026-11-23T11:00:00Z");
    }

    @Test
    void seatsRowShowsTheLatestUpsertAndDerivedCounts() {
        Scenario s = Scenario.tenant().subscription("E3", 2).groupLicense("sales", "E3").users("ann", "bob", "cy")
                .join("sales", "ann", "bob", "cy");

        assertThat(s.seats("E3")).satisfies(row -> {
            assertThat(row.seats()).isEqualTo(2);
            assertThat(row.status()).isEqualTo(SubscriptionStatus.Enabled);
            assertThat(row.assigned()).isEqualTo(2);
            assertThat(row.waiting()).isEqualTo(1);
            assertThat(row.available()).isZero();
        });
        assertThat(s.lastDecision().changedSkus()).containsExactly("E3");
        assertThat(s.lastDecision().changedUsers()).containsExactly("cy");
    }

    @Test
    void deletedSubscriptionKeepsItsRow() {
        Scenario s = Scenario.tenant().subscription("E3", 2).subscription("E3", 2, SubscriptionStatus.Deleted);

        assertThat(s.seats("E3").status()).isEqualTo(SubscriptionStatus.Deleted);
        assertThat(s.seats("E3").available()).isZero();
    }

    @Test
    void unannouncedSkuRowLastsWhileSomebodyIsEntitled() {
        Scenario s = Scenario.tenant().groupLicense("sales", "NEW").users("ann").join("sales", "ann");
        assertThat(s.hasSeatsRow("NEW")).isTrue();

        s.leave("sales", "ann");

        assertThat(s.hasSeatsRow("NEW")).isFalse();
        assertThat(s.lastDecision().changedSkus()).containsExactly("NEW");
    }

    @Test
    void reprocessNormallyChangesNothing() {
        Scenario s = Scenario.tenant().subscription("E3", 1).groupLicense("sales", "E3").users("ann", "bob")
                .user("cy", null).join("sales", "ann", "bob", "cy");

        s.reprocess(null);
        assertThat(s.changes()).isEmpty();
        s.reprocess("bob");
        assertThat(s.changes()).isEmpty();
        assertThat(s.states("E3", "ann", "bob", "cy"))
                .containsExactly("ann=Assigned", "bob=Queued:SeatsExhausted", "cy=Blocked:UsageLocationRequired");
    }
}
