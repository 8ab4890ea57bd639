package dev.seatflow.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.LicenseState;
import dev.seatflow.events.Reason;
import dev.seatflow.events.SubscriptionStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What operators read off the state: the line for a SKU, and why one user is where it is. */
class QueueAndExplanationTest {

    private static Scenario fullSkuWithALine() {
        return Scenario.tenant().subscription("E3", 1).groupLicense("sales", "E3")
                .users("ann", "bob", "dan").user("cy", null)
                .at("2026-11-28T09:00:00Z").join("sales", "ann")
                .at("2026-11-28T09:01:00Z").join("sales", "bob", "cy")
                .at("2026-11-28T09:02:00Z").join("sales", "dan");
    }

    @Test
    void queueListsWaitersQueuedAndBlockedAlikeInTheOrderSeatsGoToThem() {
        Scenario s = fullSkuWithALine();

        assertThat(s.queue("E3")).containsExactly(
                new Waiter(1, "bob", LicenseState.Queued, Reason.SeatsExhausted, "2026-11-28T09:01:00Z", null),
                new Waiter(2, "cy", LicenseState.Blocked, Reason.UsageLocationRequired, "2026-11-28T09:01:00Z", null),
                new Waiter(3, "dan", LicenseState.Queued, Reason.SeatsExhausted, "2026-11-28T09:02:00Z", null));
    }

    @Test
    void queueIsCutAtTheLimitAndEmptyForAnUnknownSku() {
        Scenario s = fullSkuWithALine();

        assertThat(s.reconciler().queue("contoso", "E3", 2)).extracting(Waiter::userId).containsExactly("bob", "cy");
        assertThat(s.queue("VISIO")).isEmpty();
        assertThat(s.reconciler().queue("fabrikam", "E3", 10)).isEmpty();
    }

    @Test
    void waiterKeepsItsSinceWhenItsReasonChanges() {
        Scenario s = fullSkuWithALine();

        s.at("2026-11-28T10:00:00Z").user("cy", "DE");

        assertThat(s.queue("E3")).element(1)
                .isEqualTo(new Waiter(2, "cy", LicenseState.Queued, Reason.SeatsExhausted, "2026-11-28T09:01:00Z", null));
    }

    @Test
    void sinceSurvivesARestoreFromTheChangelog() {
        Scenario s = fullSkuWithALine();
        Reconciler restored = new Reconciler();
        s.reconciler().snapshot("contoso").forEach(r -> restored.restore("contoso", r));
        restored.finishRestore();

        assertThat(restored.queue("contoso", "E3", 10)).isEqualTo(s.queue("E3"));
    }

    @Test
    void queuedUserLearnsItsPlaceAndWhoIsServedFirst() {
        Scenario s = fullSkuWithALine();

        Explanation dan = s.explain("dan", "E3");

        assertThat(dan.state()).isEqualTo(LicenseState.Queued);
        assertThat(dan.reason()).isEqualTo(Reason.SeatsExhausted);
        assertThat(dan.assignedByGroups()).containsExactly("sales");
        assertThat(dan.position()).isEqualTo(3);
        assertThat(dan.queuedAhead()).as("bob is licensable and ahead; cy is blocked").isEqualTo(1);
        assertThat(dan.since()).isEqualTo("2026-11-28T09:02:00Z");
        assertThat(dan.summary()).isEqualTo("dan is Queued for E3 (SeatsExhausted), licensed by group sales: "
                + "all 1 seats are taken (1 assigned); it is number 3 in line, and 1 licensable user is served "
                + "before it.");
    }

    @Test
    void firstInLineIsToldItGetsTheNextSeat() {
        assertThat(fullSkuWithALine().explain("bob", "E3").summary())
                .endsWith("it is number 1 in line and gets the next seat that frees up.");
    }

    @Test
    void blockedUserIsToldWhatToFix() {
        Explanation cy = fullSkuWithALine().explain("cy", "E3");

        assertThat(cy.state()).isEqualTo(LicenseState.Blocked);
        assertThat(cy.position()).isEqualTo(2);
        assertThat(cy.user().usageLocation()).isNull();
        assertThat(cy.summary()).contains("no usage location and the tenant has no default");
    }

    @Test
    void holderIsNotInLine() {
        Scenario s = fullSkuWithALine().directLicense("ann", "E3");

        Explanation ann = s.explain("ann", "E3");

        assertThat(ann.state()).isEqualTo(LicenseState.Assigned);
        assertThat(ann.position()).isNull();
        assertThat(ann.queuedAhead()).isNull();
        assertThat(ann.summary()).isEqualTo("ann holds a seat of E3, licensed by group sales and assigned directly.");
    }

    @Test
    void guestAndInactiveSubscriptionAreExplained() {
        Scenario s = Scenario.tenant().subscription("E5", 5).groupLicense("ext", "E5").guest("gus", "US")
                .users("ann").join("ext", "gus", "ann").subscription("E5", 5, SubscriptionStatus.Suspended)
                .leave("ext", "ann").join("ext", "ann");

        assertThat(s.explain("gus", "E5").summary()).contains("guests get licenses only by direct assignment");
        assertThat(s.explain("ann", "E5").reason()).isEqualTo(Reason.SubscriptionInactive);
        assertThat(s.explain("ann", "E5").queuedAhead()).isZero();
        assertThat(s.explain("ann", "E5").summary()).contains("the subscription is Suspended");
    }

    @Test
    void userWithoutTheSkuIsToldWhichGroupsItIsIn() {
        Scenario s = fullSkuWithALine().users("eve").join("marketing", "eve").join("design", "eve");

        Explanation eve = s.explain("eve", "E3");

        assertThat(eve.state()).isNull();
        assertThat(eve.user().memberOf()).containsExactly("design", "marketing");
        assertThat(eve.seats().assigned()).isEqualTo(1);
        assertThat(eve.summary()).isEqualTo("eve does not have E3: it is not entitled to it — none of its groups "
                + "(design, marketing) has E3 assigned and E3 is not assigned to it directly.");
    }

    @Test
    void unknownTenantUserAndSkuAreExplainedNotFailed() {
        Explanation nobody = Scenario.tenant().reconciler().explain("fabrikam", "zoe", "E3");

        assertThat(nobody.state()).isNull();
        assertThat(nobody.user().known()).isFalse();
        assertThat(nobody.seats()).isNull();
        assertThat(nobody.user().memberOf()).isEqualTo(List.of());
        assertThat(nobody.summary()).contains("it is in no group");
    }
}
