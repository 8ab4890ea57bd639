package dev.seatflow.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Contract v2, "Nested groups", bullet by bullet, and rule 1 as v2 words it. */
class NestedGroupsTest {

    /** A department of teams: the department has E3, the teams have no license of their own. */
    static Scenario department() {
        return Scenario.tenant().subscription("E3", 10).groupLicense("dept", "E3").users("ann", "bob", "cy");
    }

    @Nested
    class MembersOfAGroup {
        @Test
        void membersOfASubgroupAreMembersOfTheGroup() {
            Scenario s = department().join("team", "ann", "bob");

            s.nest("dept", "team");

            assertThat(s.changes()).containsExactly("ann E3 none->Assigned", "bob E3 none->Assigned");
        }

        @Test
        void membersOfASubgroupsSubgroupAreMembersToo() {
            Scenario s = department().join("squad", "ann").nest("team", "squad");

            s.nest("dept", "team");

            assertThat(s.state("ann", "E3")).isEqualTo("Assigned");
            assertThat(s.entry("ann", "E3").orElseThrow().assignedByGroups()).containsExactly("dept");
        }

        @Test
        void everyGroupOnACycleHasTheMembersOfAllOfThem() {
            Scenario s = Scenario.tenant().subscription("E3", 5).subscription("E5", 5).users("ann", "bob")
                    .join("a", "ann").join("b", "bob").nest("a", "b").nest("b", "a");

            s.groupLicense("a", "E3").groupLicense("b", "E5");

            assertThat(s.states("E3", "ann", "bob")).containsExactly("ann=Assigned", "bob=Assigned");
            assertThat(s.states("E5", "ann", "bob")).containsExactly("ann=Assigned", "bob=Assigned");
        }

        @Test
        void aGroupAddedToItselfChangesNothing() {
            Scenario s = department().join("dept", "ann");

            s.nest("dept", "dept");
            assertThat(s.changes()).isEmpty();
            assertThat(s.lastDecision().changelog()).noneMatch(r -> r instanceof StateRecord.SubgroupLink);
            s.unnest("dept", "dept");
            assertThat(s.changes()).isEmpty();
        }

        @Test
        void assignedByGroupsNamesTheLicensedGroupsNotTheOnesTheMembershipRunsThrough() {
            Scenario s = department().groupLicense("team", "E3").join("squad", "ann").nest("team", "squad")
                    .nest("dept", "team");

            assertThat(s.entry("ann", "E3").orElseThrow().assignedByGroups()).containsExactly("dept", "team");
        }
    }

    @Nested
    class DirectLinks {
        @Test
        void aDirectMembershipIsRecordedEvenForAMemberThroughASubgroupAndSurvivesTheSubgroupsRemoval() {
            Scenario s = department().join("team", "ann").nest("dept", "team");

            s.join("dept", "ann");
            assertThat(s.changes()).isEmpty();
            s.unnest("dept", "team");
            assertThat(s.changes()).isEmpty();
            assertThat(s.state("ann", "E3")).isEqualTo("Assigned");

            s.leave("dept", "ann");
            assertThat(s.changes()).containsExactly("ann E3 Assigned->Removed");
        }

        @Test
        void removingADirectLinkThatDoesNotExistChangesNothingForAMemberThroughASubgroup() {
            Scenario s = department().join("team", "ann").nest("dept", "team");

            s.leave("dept", "ann");

            assertThat(s.changes()).isEmpty();
            assertThat(s.state("ann", "E3")).isEqualTo("Assigned");
        }

        @Test
        void addingASubgroupAgainKeepsItsJoinOrder() {
            Scenario s = Scenario.tenant().subscription("E3", 0).users("ann", "bob").join("t1", "ann").join("t2", "bob")
                    .nest("dept", "t1", "t2");

            s.nest("dept", "t1");
            assertThat(s.changes()).isEmpty();
            s.groupLicense("dept", "E3");

            assertThat(s.queue("E3")).extracting(Waiter::userId).containsExactly("ann", "bob");
        }
    }

    @Nested
    class MemberOrder {
        @Test
        void isOneDepthFirstWalkListingEachUserWhereItIsFirstReached() {
            // dept: ann, teamA, bob, teamB; teamA: cy, bob, teamB; teamB: dan, ann, dept (a cycle back to the start)
            Scenario s = Scenario.tenant().subscription("E3", 0).users("ann", "bob", "cy", "dan")
                    .join("dept", "ann").nest("dept", "teamA").join("dept", "bob").nest("dept", "teamB")
                    .join("teamA", "cy", "bob").nest("teamA", "teamB")
                    .join("teamB", "dan", "ann").nest("teamB", "dept");

            s.groupLicense("dept", "E3");

            assertThat(s.queue("E3")).extracting(Waiter::userId).containsExactly("ann", "cy", "bob", "dan");
        }

        @Test
        void aGroupLicenseQueuesTheGroupsMembersInMemberOrder() {
            Scenario s = Scenario.tenant().subscription("E3", 2).users("zed", "amy", "kim")
                    .join("dept", "zed").join("team", "amy", "kim").nest("dept", "team");

            s.groupLicense("dept", "E3");

            assertThat(s.states("E3", "zed", "amy", "kim"))
                    .containsExactly("zed=Assigned", "amy=Assigned", "kim=Queued:SeatsExhausted");
        }

        @Test
        void aSubgroupJoiningALicensedGroupQueuesItsMembersInTheSubgroupsMemberOrderAfterEveryEarlierWaiter() {
            Scenario s = Scenario.tenant().subscription("E3", 0).groupLicense("dept", "E3").users("zed", "bob", "ann")
                    .join("dept", "zed").join("team", "bob", "ann");

            s.nest("dept", "team");
            s.subscription("E3", 2);

            assertThat(s.states("E3", "zed", "bob", "ann"))
                    .containsExactly("zed=Assigned", "bob=Assigned", "ann=Queued:SeatsExhausted");
        }
    }

    @Nested
    class SeveralPaths {
        @Test
        void aMemberAlongTwoSubgroupsLosesTheGroupOnlyWithTheLastPath() {
            Scenario s = department().join("t1", "ann").join("t2", "ann").nest("dept", "t1", "t2");

            s.unnest("dept", "t1");
            assertThat(s.changes()).isEmpty();
            s.unnest("dept", "t2");

            assertThat(s.changes()).containsExactly("ann E3 Assigned->Removed");
        }

        @Test
        void aDirectMemberWhoIsAlsoInASubgroupKeepsItsSeatWhenEitherPathGoesFirst() {
            Scenario s = department().join("dept", "ann").join("team", "ann").nest("dept", "team");

            s.leave("team", "ann");
            assertThat(s.changes()).isEmpty();
            s.join("team", "ann").leave("dept", "ann");
            assertThat(s.changes()).isEmpty();
            assertThat(s.state("ann", "E3")).isEqualTo("Assigned");
        }

        @Test
        void aSecondPathNeitherMovesThePositionNorTouchesTheEntry() {
            Scenario s = Scenario.tenant().subscription("E3", 0).groupLicense("dept", "E3").users("ann", "bob")
                    .join("dept", "ann", "bob");

            s.join("team", "ann").nest("dept", "team");

            assertThat(s.changes()).isEmpty();
            assertThat(s.queue("E3")).extracting(Waiter::userId).containsExactly("ann", "bob");
        }
    }

    @Nested
    class DeletingAGroup {
        @Test
        void takesItOutOfEveryGroupItWasASubgroupOf() {
            Scenario s = department().join("team", "ann").nest("dept", "team").nest("other", "team");

            s.groupDeleted("team");

            assertThat(s.changes()).containsExactly("ann E3 Assigned->Removed");
            s.join("team", "bob"); // the id comes back empty and in no group
            assertThat(s.changes()).isEmpty();
        }

        @Test
        void dropsItsSubgroupsWhichKeepTheirMembersAndLicenses() {
            Scenario s = department().subscription("E5", 10).groupLicense("team", "E5").join("team", "ann")
                    .nest("dept", "team");

            s.groupDeleted("dept");

            assertThat(s.changes()).containsExactly("ann E3 Assigned->Removed");
            assertThat(s.state("ann", "E5")).isEqualTo("Assigned");
        }

        @Test
        void leavesThePoolsThatNameItWhichApplyAgainWhenTheIdIsUsedAgain() {
            Scenario s = Scenario.tenant().subscription("E3", 2).groupLicense("all", "E3").users("ann", "bob")
                    .pool("eng-e3", "E3", "eng", 1).join("eng", "ann").nest("all", "eng");
            assertThat(s.pool("E3", "eng-e3").assigned()).isEqualTo(1);

            s.groupDeleted("eng");
            assertThat(s.seats("E3").pools()).extracting(p -> p.poolId()).containsExactly("eng-e3");

            s.join("eng", "bob").nest("all", "eng");
            assertThat(s.pool("E3", "eng-e3").assigned()).isEqualTo(1);
            assertThat(s.explain("bob", "E3").poolId()).isEqualTo("eng-e3");
        }
    }

    @Test
    void aSubgroupMayBeAGroupNeverSeenBefore() {
        Scenario s = department();

        s.nest("dept", "never-seen");
        assertThat(s.changes()).isEmpty();
        s.join("never-seen", "ann");

        assertThat(s.changes()).containsExactly("ann E3 none->Assigned");
    }

    @Test
    void joiningASubgroupUnderABigLicensedDepartmentTouchesOnlyTheJoiner() {
        Scenario s = Scenario.tenant().defaultUsageLocation("US").subscription("E3", 5_000).groupLicense("dept", "E3")
                .nest("dept", "team");
        for (int i = 0; i < 2_000; i++) {
            s.join(i % 2 == 0 ? "dept" : "team", "u" + i);
        }

        s.join("team", "newcomer");

        assertThat(s.changes()).containsExactly("newcomer E3 none->Assigned");
        // The dedup window, the membership, the entitlement and the tenant: nothing about the other members.
        assertThat(s.lastDecision().changelog()).hasSize(4);
    }

    @Test
    void explainShowsThePathThroughWhichAUserIsAMember() {
        Scenario s = department().join("squad", "ann").nest("team", "squad").nest("dept", "team");

        Explanation e = s.explain("ann", "E3");

        assertThat(e.memberships()).containsExactly(
                new Explanation.MembershipPath("dept", java.util.List.of("squad", "team", "dept")));
        assertThat(e.summary()).contains("licensed by group dept (ann -> squad -> team -> dept)");
    }
}
