package dev.seatflow.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.LicenseState;
import dev.seatflow.events.UserLicenseChanged;
import org.junit.jupiter.api.Test;

/** Rule 1: who is entitled, and what one seat per user and SKU means. */
class EntitlementTest {

    @Test
    void memberOfALicensedGroupGetsASeat() {
        Scenario s = Scenario.tenant().subscription("E3", 5).groupLicense("sales", "E3").users("ann");

        s.join("sales", "ann");

        assertThat(s.changes()).containsExactly("ann E3 none->Assigned");
        UserLicenseChanged c = s.changeEvents().get(0);
        assertThat(c.assignedByGroups()).containsExactly("sales");
        assertThat(c.direct()).isFalse();
        assertThat(c.reason()).isNull();
    }

    @Test
    void licensingAGroupEntitlesItsExistingMembers() {
        Scenario s = Scenario.tenant().subscription("E3", 5).users("ann", "bob").join("sales", "ann", "bob");

        s.groupLicense("sales", "E3");

        assertThat(s.changes()).containsExactly("ann E3 none->Assigned", "bob E3 none->Assigned");
    }

    @Test
    void severalSourcesOfOneSkuConsumeOneSeat() {
        Scenario s = Scenario.tenant().subscription("E3", 5).users("ann")
                .groupLicense("sales", "E3").groupLicense("emea", "E3")
                .join("sales", "ann").join("emea", "ann").directLicense("ann", "E3");

        assertThat(s.seats("E3").assigned()).isEqualTo(1);
        assertThat(s.entry("ann", "E3")).hasValueSatisfying(e -> {
            assertThat(e.assignedByGroups()).containsExactly("emea", "sales");
            assertThat(e.direct()).isTrue();
        });
    }

    @Test
    void leavingOneOfTwoGroupsKeepsTheSeat() {
        Scenario s = Scenario.tenant().subscription("E3", 1).users("ann")
                .groupLicense("sales", "E3").groupLicense("emea", "E3")
                .join("sales", "ann").join("emea", "ann");

        s.leave("sales", "ann");

        assertThat(s.changeEvents()).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(LicenseState.Assigned);
            assertThat(c.previousState()).isEqualTo(LicenseState.Assigned);
            assertThat(c.assignedByGroups()).containsExactly("emea");
        });
        assertThat(s.seats("E3").assigned()).isEqualTo(1);
    }

    @Test
    void disabledPlansAreTheIntersectionOfTheSources() {
        Scenario s = Scenario.tenant().subscription("E3", 5).users("ann")
                .groupLicense("sales", "E3", "TEAMS", "YAMMER", "SWAY")
                .groupLicense("emea", "E3", "YAMMER", "SWAY", "FORMS")
                .join("sales", "ann");
        assertThat(s.entry("ann", "E3").orElseThrow().disabledPlans()).containsExactly("SWAY", "TEAMS", "YAMMER");

        s.join("emea", "ann");
        assertThat(s.entry("ann", "E3").orElseThrow().disabledPlans()).containsExactly("SWAY", "YAMMER");

        s.directLicense("ann", "E3");
        assertThat(s.entry("ann", "E3").orElseThrow().disabledPlans()).isEmpty();
    }

    @Test
    void reassigningAGroupLicenseReplacesItsDisabledPlans() {
        Scenario s = Scenario.tenant().subscription("E3", 5).users("ann").groupLicense("sales", "E3", "TEAMS")
                .join("sales", "ann");

        s.groupLicense("sales", "E3", "SWAY");

        assertThat(s.changeEvents()).singleElement().satisfies(c -> {
            assertThat(c.disabledPlans()).containsExactly("SWAY");
            assertThat(c.previousState()).isEqualTo(LicenseState.Assigned);
        });
    }

    @Test
    void nestedGroupsGrantNothing() {
        Scenario s = Scenario.tenant().subscription("E3", 5).users("ann").groupLicense("all", "E3");

        s.join("all", "sales-group-id").join("sales-group-id", "ann");

        assertThat(s.state("ann", "E3")).isEqualTo("none");
    }

    @Test
    void losingTheEntitlementRemovesTheEntry() {
        Scenario s = Scenario.tenant().subscription("E3", 5).users("ann").groupLicense("sales", "E3")
                .join("sales", "ann");

        s.leave("sales", "ann");

        assertThat(s.changes()).containsExactly("ann E3 Assigned->Removed");
        UserLicenseChanged c = s.changeEvents().get(0);
        assertThat(c.reason()).isNull();
        assertThat(c.assignedByGroups()).isEmpty();
        assertThat(s.reconciler().userLicenses("contoso", "ann")).isEmpty();
    }

    @Test
    void removingAGroupLicenseRemovesItFromEveryMember() {
        Scenario s = Scenario.tenant().subscription("E3", 1).users("ann", "bob").groupLicense("sales", "E3")
                .join("sales", "ann", "bob");

        s.groupLicenseRemoved("sales", "E3");

        assertThat(s.changes()).containsExactly("ann E3 Assigned->Removed", "bob E3 Queued->Removed");
    }

    @Test
    void directAssignmentAloneEntitles() {
        Scenario s = Scenario.tenant().subscription("VISIO", 1).users("ann");

        s.directLicense("ann", "VISIO", "VISIO_WEB");

        assertThat(s.changeEvents()).singleElement().satisfies(c -> {
            assertThat(c.direct()).isTrue();
            assertThat(c.assignedByGroups()).isEmpty();
            assertThat(c.disabledPlans()).containsExactly("VISIO_WEB");
        });
        s.directLicenseRemoved("ann", "VISIO");
        assertThat(s.changes()).containsExactly("ann VISIO Assigned->Removed");
    }
}
