package dev.seatflow.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.DirectoryEvent.GroupMemberAdded;
import dev.seatflow.events.DirectoryEvent.GroupMemberRemoved;
import dev.seatflow.events.Envelope;
import dev.seatflow.events.InboundEvent;
import org.junit.jupiter.api.Test;

/** Envelope rules: source + id deduplicate within a bounded window; tenants share nothing. */
class DeduplicationAndIsolationTest {

    @Test
    void resentEventIsIgnored() {
        Scenario s = Scenario.tenant().subscription("E3", 5).groupLicense("sales", "E3").users("ann")
                .publish("/sync", "m-1", new GroupMemberAdded("sales", "ann"))
                .publish("/sync", "m-2", new GroupMemberRemoved("sales", "ann"));

        s.publish("/sync", "m-1", new GroupMemberAdded("sales", "ann"));

        assertThat(s.lastDecision().duplicate()).isTrue();
        assertThat(s.state("ann", "E3")).isEqualTo("none");
    }

    @Test
    void sameIdFromAnotherSourceIsAnotherEvent() {
        Scenario s = Scenario.tenant().subscription("E3", 5).groupLicense("sales", "E3").users("ann")
                .publish("/sync-a", "1", new GroupMemberAdded("sales", "bob"));

        s.publish("/sync-b", "1", new GroupMemberAdded("sales", "ann"));

        assertThat(s.lastDecision().duplicate()).isFalse();
        assertThat(s.state("ann", "E3")).isEqualTo("Assigned");
    }

    @Test
    void eventThatChangesNothingIsStillRemembered() {
        Scenario s = Scenario.tenant().publish("/sync", "x", new GroupMemberRemoved("g", "u"));

        s.publish("/sync", "x", new GroupMemberRemoved("g", "u"));

        assertThat(s.lastDecision().duplicate()).isTrue();
    }

    @Test
    void windowForgetsTheOldestBeyondItsSize() {
        Reconciler r = new Reconciler(2);
        InboundEvent first = event("a", new GroupMemberAdded("g", "u1"));
        r.apply(first);
        r.apply(event("b", new GroupMemberAdded("g", "u2")));
        assertThat(r.apply(first).duplicate()).isTrue();

        r.apply(event("c", new GroupMemberAdded("g", "u3")));

        assertThat(r.apply(event("b", new GroupMemberAdded("g", "u2"))).duplicate()).isTrue();
        assertThat(r.apply(first).duplicate()).isFalse();
    }

    @Test
    void tenantsAreIsolated() {
        Scenario contoso = Scenario.tenant("contoso").subscription("E3", 1).groupLicense("sales", "E3").users("ann");
        Scenario fabrikam = contoso.otherTenant("fabrikam").users("ann");

        contoso.join("sales", "ann");
        fabrikam.join("sales", "ann");

        assertThat(contoso.state("ann", "E3")).isEqualTo("Assigned");
        assertThat(fabrikam.state("ann", "E3")).isEqualTo("none");
        assertThat(fabrikam.hasSeatsRow("E3")).isFalse();
    }

    @Test
    void duplicateIdsAreScopedToTheTenant() {
        Scenario contoso = Scenario.tenant("contoso").subscription("E3", 1).groupLicense("sales", "E3").users("ann")
                .publish("/sync", "same", new GroupMemberAdded("sales", "ann"));
        Scenario fabrikam = contoso.otherTenant("fabrikam").subscription("E3", 1).groupLicense("sales", "E3")
                .users("ann");

        fabrikam.publish("/sync", "same", new GroupMemberAdded("sales", "ann"));

        assertThat(fabrikam.lastDecision().duplicate()).isFalse();
        assertThat(fabrikam.state("ann", "E3")).isEqualTo("Assigned");
    }

    private static InboundEvent event(String id, dev.seatflow.events.InputEvent data) {
        return new InboundEvent(new Envelope(id, "/sync", "contoso", null), data);
    }
}
