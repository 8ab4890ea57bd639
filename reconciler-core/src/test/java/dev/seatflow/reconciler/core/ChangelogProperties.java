package dev.seatflow.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.InboundEvent;
import dev.seatflow.testkit.events.EventStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The changelog is the state: replaying a decision's changelog records, in order, into a fresh
 * reconciler rebuilds exactly the live state, nested groups and seat pools included, and the rows
 * the topics hold (so the next change and alert are recognised as a live reconciler would). This is what makes restore after a restart or a
 * rolled-back transaction safe.
 */
class ChangelogProperties {

    @Property(tries = 60)
    void stateRebuiltFromTheChangelogEqualsTheLiveState(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int tenants) {
        List<InboundEvent> events = EventStream.generate(seed, 400, tenants);
        Reconciler live = new Reconciler(50); // a small dedup window, so eviction is exercised too
        List<Logged> log = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Decision d = live.apply(events.get(i));
            d.changelog().forEach(r -> log.add(new Logged(d.tenantId(), r)));
            if (i % 50 == 49 || i == events.size() - 1) {
                assertRebuilds(live, log);
            }
        }
    }

    @Property(tries = 30)
    void restoredReconcilerDecidesLikeTheOneThatWasNeverStopped(@ForAll long seed) {
        List<InboundEvent> events = EventStream.generate(seed, 600, 2);
        Reconciler uninterrupted = new Reconciler(50);
        Reconciler restarted = new Reconciler(50);
        List<Logged> log = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (i == 300) {
                restarted = rebuild(log);
            }
            Decision expected = uninterrupted.apply(events.get(i));
            Decision actual = restarted.apply(events.get(i));
            expected.changelog().forEach(r -> log.add(new Logged(expected.tenantId(), r)));
            assertThat(actual.outputs()).as("outputs of event %d", i).isEqualTo(expected.outputs());
            assertThat(actual.alerts()).as("alerts of event %d", i).isEqualTo(expected.alerts());
            assertThat(actual.changedSkus()).as("changed seats rows of event %d", i).isEqualTo(expected.changedSkus());
            assertThat(actual.changedGroups()).as("changed group rows of event %d", i).isEqualTo(expected.changedGroups());
            assertThat(actual.duplicate()).isEqualTo(expected.duplicate());
        }
        assertThat(restarted.userLicenses()).isEqualTo(uninterrupted.userLicenses());
        assertThat(restarted.seats()).isEqualTo(uninterrupted.seats());
        assertThat(restarted.groupStatuses()).isEqualTo(uninterrupted.groupStatuses());
    }

    private static void assertRebuilds(Reconciler live, List<Logged> log) {
        Reconciler rebuilt = rebuild(log);
        assertThat(rebuilt.tenantIds()).isEqualTo(live.tenantIds());
        for (String tenant : live.tenantIds()) {
            assertThat(rebuilt.snapshot(tenant)).as("state of %s", tenant)
                    .containsExactlyInAnyOrderElementsOf(live.snapshot(tenant));
        }
        assertThat(rebuilt.userLicenses()).isEqualTo(live.userLicenses());
        assertThat(rebuilt.seats()).isEqualTo(live.seats());
        assertThat(rebuilt.groupStatuses()).isEqualTo(live.groupStatuses());
    }

    private static Reconciler rebuild(List<Logged> log) {
        Reconciler r = new Reconciler(50);
        log.forEach(l -> r.restore(l.tenant(), l.record()));
        r.finishRestore();
        return r;
    }

    private record Logged(String tenant, StateRecord record) {
    }
}
