package dev.seatflow.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.GroupStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract v2, "Group status": Entra's "members with license errors", per group. */
class GroupStatusTest {

    @Test
    void aLicensedGroupHasARowCountingItsMembersThroughSubgroupsToo() {
        Scenario s = Scenario.tenant().subscription("E3", 1).users("ann", "bob", "cy")
                .join("dept", "ann").join("team", "bob", "cy").nest("dept", "team");

        s.groupLicense("dept", "E3", "YAMMER", "SWAY");

        assertThat(s.groupStatus("dept")).isEqualTo(new GroupStatus("contoso", "dept", 3, 2,
                List.of(new GroupStatus.License("E3", List.of("SWAY", "YAMMER"), 1, 2, 0))));
        assertThat(s.lastDecision().changedGroups()).containsExactly("dept");
    }

    @Test
    void aGroupWithoutALicenseHasNoRow() {
        Scenario s = Scenario.tenant().users("ann").join("team", "ann");

        assertThat(s.groupStatus("team")).isNull();
        assertThat(s.reconciler().groupStatuses()).isEmpty();
    }

    @Test
    void aMemberWaitingForTwoOfTheGroupsSkusIsOneMemberWithErrors() {
        Scenario s = Scenario.tenant().subscription("E3", 0).subscription("E5", 0).user("ann", null).users("bob")
                .join("dept", "ann", "bob").groupLicense("dept", "E3").groupLicense("dept", "E5");

        GroupStatus row = s.groupStatus("dept");

        assertThat(row.members()).isEqualTo(2);
        assertThat(row.membersWithLicenseErrors()).isEqualTo(2);
        assertThat(row.licenses()).containsExactly(
                new GroupStatus.License("E3", List.of(), 0, 1, 1),
                new GroupStatus.License("E5", List.of(), 0, 1, 1));
    }

    @Test
    void countsAMembersStateWhateverOtherSourcesItHas() {
        Scenario s = Scenario.tenant().subscription("E3", 1).users("ann", "bob")
                .directLicense("ann", "E3").join("dept", "ann", "bob");

        s.groupLicense("dept", "E3");

        // ann holds its seat through the direct assignment; the group counts it as assigned all the same.
        assertThat(s.groupStatus("dept").licenses()).containsExactly(new GroupStatus.License("E3", List.of(), 1, 1, 0));
    }

    @Test
    void followsAQueuedMemberGettingASeat() {
        Scenario s = Scenario.tenant().subscription("E3", 1).groupLicense("dept", "E3").users("ann", "bob")
                .join("dept", "ann", "bob");
        assertThat(s.groupStatus("dept").membersWithLicenseErrors()).isEqualTo(1);

        s.subscription("E3", 2);

        assertThat(s.groupStatus("dept").membersWithLicenseErrors()).isZero();
        assertThat(s.lastDecision().changedGroups()).containsExactly("dept");
    }

    @Test
    void anEventThatChangesNothingInTheRowLeavesItAlone() {
        Scenario s = Scenario.tenant().subscription("E3", 5).groupLicense("dept", "E3").users("ann")
                .join("dept", "ann");

        s.user("ann", "DE");

        assertThat(s.lastDecision().changedGroups()).isEmpty();
    }

    @Test
    void becomesATombstoneWhenTheLastLicenseIsRemoved() {
        Scenario s = Scenario.tenant().subscription("E3", 5).groupLicense("dept", "E3").users("ann").join("dept", "ann");

        s.groupLicenseRemoved("dept", "E3");

        assertThat(s.groupStatus("dept")).isNull();
        assertThat(s.lastDecision().changedGroups()).containsExactly("dept");
    }

    @Test
    void becomesATombstoneWhenTheGroupIsDeleted() {
        Scenario s = Scenario.tenant().subscription("E3", 5).groupLicense("dept", "E3").users("ann").join("dept", "ann");

        s.groupDeleted("dept");

        assertThat(s.groupStatus("dept")).isNull();
        assertThat(s.lastDecision().changedGroups()).containsExactly("dept");
    }

    @Test
    void aSubgroupLeavingChangesTheRowOfEveryLicensedGroupAboveIt() {
        Scenario s = Scenario.tenant().subscription("E3", 5).subscription("E5", 5).groupLicense("all", "E3")
                .groupLicense("dept", "E5").users("ann").join("team", "ann").nest("dept", "team").nest("all", "dept");

        s.unnest("dept", "team");

        assertThat(s.lastDecision().changedGroups()).containsExactlyInAnyOrder("all", "dept");
        assertThat(s.groupStatus("all").members()).isZero();
        assertThat(s.groupStatus("dept").members()).isZero();
    }
}
