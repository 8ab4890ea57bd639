package dev.seatflow.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.PoolSeats;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Contract v2, "Seat pools": seats reserved (and with borrow false, capped) for a group. */
class SeatPoolsTest {

    /** E5 with 4 seats for everyone in all-staff; engineers are a department of all-staff. */
    static Scenario company() {
        return Scenario.tenant().subscription("E5", 4).groupLicense("all", "E5")
                .users("ann", "bob", "cy", "dan", "eng1", "eng2", "eng3").nest("all", "eng");
    }

    @Nested
    class PoolEvents {
        @Test
        void anUpsertCreatesOrReplacesAPoolAndARemovalDeletesIt() {
            Scenario s = company().pool("eng-e5", "E5", "eng", 2);
            assertThat(s.seats("E5").pools()).containsExactly(new PoolSeats("eng-e5", "eng", 2, true, 0, 0, 2));

            s.pool("eng-e5", "E5", "eng", 3, false);
            assertThat(s.seats("E5").pools()).containsExactly(new PoolSeats("eng-e5", "eng", 3, false, 0, 0, 3));
            assertThat(s.seats("E5").reserved()).isEqualTo(3);

            s.poolRemoved("eng-e5");
            assertThat(s.seats("E5").pools()).isEmpty();
            assertThat(s.seats("E5").reserved()).isZero();
        }

        @Test
        void reservedIsTheExactSumOfThePoolsSeatsAlsoPastTheLargestInt() {
            Scenario s = company().pool("p1", "E5", "eng", Integer.MAX_VALUE).pool("p2", "E5", "all", 1);

            assertThat(s.seats("E5").reserved()).isEqualTo(Integer.MAX_VALUE + 1L);
        }

        @Test
        void removingAnAbsentPoolChangesNothing() {
            Scenario s = company();

            s.poolRemoved("nope");

            assertThat(s.changes()).isEmpty();
            assertThat(s.lastDecision().changedSkus()).isEmpty();
        }

        @Test
        void theGroupAndTheSkuNeedNotExistYet() {
            Scenario s = Scenario.tenant().pool("p", "VISIO", "designers", 1);
            assertThat(s.hasSeatsRow("VISIO")).isFalse();

            s.subscription("VISIO", 1).groupLicense("all", "VISIO").users("ann", "bob").join("all", "ann")
                    .join("designers", "bob").nest("all", "designers");

            assertThat(s.states("VISIO", "ann", "bob")).containsExactly("ann=Queued:SeatsExhausted", "bob=Assigned");
        }
    }

    @Nested
    class AUsersPool {
        @Test
        void isTheSmallestPoolIdAmongThePoolsWhoseGroupItIsAMemberOf() {
            Scenario s = company().join("eng", "eng1").join("platform", "eng1").pool("b-platform", "E5", "platform", 1)
                    .pool("a-eng", "E5", "eng", 1).pool("c-eng", "E5", "eng", 1);

            assertThat(s.explain("eng1", "E5").poolId()).isEqualTo("a-eng");
            assertThat(s.pool("E5", "a-eng").assigned()).isEqualTo(1);
            assertThat(s.pool("E5", "b-platform").assigned()).isZero();
        }

        @Test
        void countsMembershipThroughSubgroups() {
            Scenario s = company().join("backend", "eng1").nest("eng", "backend");

            s.pool("eng-e5", "E5", "eng", 1);

            assertThat(s.explain("eng1", "E5").poolId()).isEqualTo("eng-e5");
        }

        @Test
        void beingInAPoolGrantsNothing() {
            Scenario s = Scenario.tenant().subscription("E5", 4).users("ann").join("eng", "ann");

            s.pool("eng-e5", "E5", "eng", 2);

            assertThat(s.state("ann", "E5")).isEqualTo("none");
            assertThat(s.pool("E5", "eng-e5").assigned()).isZero();
        }
    }

    @Nested
    class Serving {
        @Test
        void aPoolMemberGetsAReservedSeatWhileEarlierUsersWaitForSharedOnes() {
            Scenario s = company().pool("eng-e5", "E5", "eng", 2).join("all", "ann", "bob", "cy");

            s.join("eng", "eng1");

            assertThat(s.states("E5", "ann", "bob", "cy", "eng1"))
                    .containsExactly("ann=Assigned", "bob=Assigned", "cy=Queued:SeatsExhausted", "eng1=Assigned");
        }

        @Test
        void usersWithoutAPoolNeverTakeReservedSeats() {
            Scenario s = company().pool("eng-e5", "E5", "eng", 3);

            s.join("all", "ann", "bob");

            assertThat(s.states("E5", "ann", "bob")).containsExactly("ann=Assigned", "bob=Queued:SeatsExhausted");
            assertThat(s.seats("E5").available()).isEqualTo(3);
        }

        @Test
        void aPoolThatMayNotBorrowIsCappedAtItsSeats() {
            Scenario s = company().pool("eng-e5", "E5", "eng", 1, false);

            s.join("eng", "eng1", "eng2");

            assertThat(s.states("E5", "eng1", "eng2")).containsExactly("eng1=Assigned", "eng2=Queued:SeatsExhausted");
            assertThat(s.seats("E5").available()).isEqualTo(3);
        }

        @Test
        void aPoolThatMayBorrowTakesSharedSeatsBeyondItsOwn() {
            Scenario s = company().pool("eng-e5", "E5", "eng", 1);

            s.join("eng", "eng1", "eng2", "eng3");

            assertThat(s.states("E5", "eng1", "eng2", "eng3")).containsOnly(
                    "eng1=Assigned", "eng2=Assigned", "eng3=Assigned");
            assertThat(s.pool("E5", "eng-e5")).isEqualTo(new PoolSeats("eng-e5", "eng", 1, true, 3, 0, 0));
        }

        @Test
        void aFreedSeatGoesToTheLowestPositionAmongThoseItIsOpenTo() {
            // 2 seats, 1 reserved for eng (no borrowing): ann holds the shared seat, eng1 the reserved one.
            Scenario s = Scenario.tenant().subscription("E5", 2).groupLicense("all", "E5").nest("all", "eng")
                    .users("ann", "bob", "eng1", "eng2").pool("eng-e5", "E5", "eng", 1, false)
                    .join("all", "ann").join("eng", "eng1").join("all", "bob").join("eng", "eng2");
            assertThat(s.states("E5", "bob", "eng2")).containsOnly("bob=Queued:SeatsExhausted", "eng2=Queued:SeatsExhausted");

            s.leave("eng", "eng1"); // frees the reserved seat: only eng2 may take it, though bob came first

            assertThat(s.changes()).containsExactly("eng1 E5 Assigned->Removed", "eng2 E5 Queued->Assigned");
        }

        @Test
        void aUserWhoseOnlyObstacleIsItsPoolIsQueued() {
            Scenario s = company().pool("eng-e5", "E5", "eng", 0, false);

            s.join("eng", "eng1");

            assertThat(s.state("eng1", "E5")).isEqualTo("Queued:SeatsExhausted");
            assertThat(s.explain("eng1", "E5").summary())
                    .contains("its pool eng-e5 has all 0 of its seats taken and may not borrow");
        }

        @Test
        void explainSaysWhenTheSharedSeatsAreTaken() {
            Scenario s = company().pool("eng-e5", "E5", "eng", 2);

            s.join("all", "ann", "bob", "cy");

            assertThat(s.explain("cy", "E5").summary()).contains("the shared seats are taken");
        }
    }

    @Nested
    class HeldSeatsAreSticky {
        @Test
        void whenThePoolShrinks() {
            Scenario s = company().pool("eng-e5", "E5", "eng", 2, false).join("eng", "eng1", "eng2");

            s.pool("eng-e5", "E5", "eng", 0, false);

            assertThat(s.changes()).isEmpty();
            assertThat(s.pool("E5", "eng-e5").assigned()).isEqualTo(2);
        }

        @Test
        void whenThePoolIsRemoved() {
            Scenario s = company().pool("eng-e5", "E5", "eng", 2, false).join("eng", "eng1", "eng2");

            s.poolRemoved("eng-e5");

            assertThat(s.changes()).isEmpty();
            assertThat(s.seats("E5").assigned()).isEqualTo(2);
        }

        @Test
        void whenAHolderLeavesThePoolsGroupButStaysEntitled() {
            Scenario s = company().pool("eng-e5", "E5", "eng", 1, false).join("eng", "eng1").join("all", "eng1");

            s.leave("eng", "eng1");

            assertThat(s.changes()).isEmpty();
            assertThat(s.state("eng1", "E5")).isEqualTo("Assigned");
            assertThat(s.pool("E5", "eng-e5").assigned()).isZero();
        }

        @Test
        void whenAHolderGainsAPool() {
            Scenario s = company().join("all", "ann", "bob");

            s.join("eng", "ann").pool("eng-e5", "E5", "eng", 0, false);

            assertThat(s.state("ann", "E5")).isEqualTo("Assigned");
            assertThat(s.pool("E5", "eng-e5").assigned()).isEqualTo(1);
        }
    }

    @Nested
    class Counting {
        @Test
        void aHolderCountsAgainstItsPoolWhileItHasRoomThenAgainstTheSharedSeats() {
            // 4 seats, 2 reserved: 2 shared. Three engineers hold seats: 2 count against eng, 1 against the shared seats.
            Scenario s = company().pool("eng-e5", "E5", "eng", 2).join("eng", "eng1", "eng2", "eng3");

            s.join("all", "ann", "bob");

            assertThat(s.states("E5", "ann", "bob")).containsExactly("ann=Assigned", "bob=Queued:SeatsExhausted");
        }

        @Test
        void reservedSeatsMayExceedTheSubscription() {
            Scenario s = company().pool("a", "E5", "eng", 3).pool("b", "E5", "sales", 3);

            assertThat(s.seats("E5").reserved()).isEqualTo(6);
            s.join("all", "ann");
            assertThat(s.state("ann", "E5")).isEqualTo("Queued:SeatsExhausted");
        }

        @Test
        void thePoolsRowShowsItsSeatsHoldersQueueAndWhatItCanStillHandOut() {
            Scenario s = Scenario.tenant().subscription("E5", 3).groupLicense("eng", "E5").users("eng1", "eng2", "eng3")
                    .pool("eng-e5", "E5", "eng", 2, false).join("eng", "eng1", "eng2", "eng3");

            assertThat(s.pool("E5", "eng-e5")).isEqualTo(new PoolSeats("eng-e5", "eng", 2, false, 2, 1, 0));
            assertThat(s.seats("E5").queued()).isEqualTo(1);
            assertThat(s.seats("E5").available()).isEqualTo(1);
        }
    }
}
