package dev.seatflow.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rule 4 and Details: deleting users and groups, and ids that come back. */
class DeletionTest {

    @Test
    void deletedUserLosesEverythingAndItsSeatGoesToTheQueue() {
        Scenario s = Scenario.tenant().subscription("E3", 1).subscription("VISIO", 1).groupLicense("sales", "E3")
                .users("ann", "bob").join("sales", "ann", "bob").directLicense("ann", "VISIO");

        s.userDeleted("ann");

        assertThat(s.changes()).containsExactly(
                "ann E3 Assigned->Removed", "ann VISIO Assigned->Removed", "bob E3 Queued->Assigned");
        assertThat(s.reconciler().userLicenses("contoso", "ann")).isEmpty();
    }

    @Test
    void deletedUserComingBackIsAFreshMemberWithoutUsageLocation() {
        Scenario s = Scenario.tenant().subscription("E3", 5).groupLicense("sales", "E3").users("ann")
                .join("sales", "ann").userDeleted("ann");

        s.join("sales", "ann");

        assertThat(s.state("ann", "E3")).isEqualTo("Blocked:UsageLocationRequired");
    }

    @Test
    void deletingAnUnknownUserIsValidAndChangesNothing() {
        Scenario s = Scenario.tenant().subscription("E3", 5);

        s.userDeleted("nobody");

        assertThat(s.lastDecision().duplicate()).isFalse();
        assertThat(s.changes()).isEmpty();
    }

    @Test
    void deletingANeverUpsertedUserStillRemovesItsMembershipsAndDirectAssignments() {
        Scenario s = Scenario.tenant().subscription("E3", 5).groupLicense("sales", "E3").join("sales", "ann")
                .directLicense("ann", "E3");

        s.userDeleted("ann");

        assertThat(s.changes()).containsExactly("ann E3 Blocked->Removed");
        s.defaultUsageLocation("US");
        assertThat(s.state("ann", "E3")).isEqualTo("none");
    }

    @Test
    void deletedGroupRemovesItsMembersAndLicenses() {
        Scenario s = Scenario.tenant().subscription("E3", 1).groupLicense("sales", "E3").groupLicense("emea", "E3")
                .users("ann", "bob").join("sales", "ann").join("emea", "bob");

        s.groupDeleted("sales");

        assertThat(s.changes()).containsExactly("ann E3 Assigned->Removed", "bob E3 Queued->Assigned");
    }

    @Test
    void deletedGroupIdStartsAgainEmpty() {
        Scenario s = Scenario.tenant().subscription("E3", 5).groupLicense("sales", "E3").users("ann", "bob")
                .join("sales", "ann").groupDeleted("sales");

        s.join("sales", "bob");

        assertThat(s.state("bob", "E3")).isEqualTo("none");
        assertThat(s.state("ann", "E3")).isEqualTo("none");
    }

    @Test
    void removingWhatIsAbsentIsValidAndChangesNothing() {
        Scenario s = Scenario.tenant().subscription("E3", 5).groupLicense("sales", "E3").users("ann");

        s.leave("sales", "ann").groupLicenseRemoved("sales", "E5").directLicenseRemoved("ann", "E3")
                .groupDeleted("nowhere");

        assertThat(s.changes()).isEmpty();
        assertThat(s.lastDecision().duplicate()).isFalse();
    }
}
