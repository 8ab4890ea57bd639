package dev.seatflow.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.reconciler.core.StateRecord.SeenBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dedup window as a ring of blocks: it holds exactly the last {@code capacity} accepted events,
 * its records rebuild it, also under another capacity (a configuration change across a restart),
 * and it goes on evicting correctly after a restore.
 */
class SeenEventsTest {

    @Test
    void holdsExactlyTheLastCapacityEvents() {
        for (int capacity : new int[] {1, 2, 5, 31, 32, 33, 50, 100}) {
            SeenEvents seen = new SeenEvents(capacity);
            for (int n = 0; n < 5 * capacity + 40; n++) {
                seen.accept(key(n));
                seen.blockRecord(0, 0);
                assertWindow(seen, n + 1, capacity);
            }
        }
    }

    @Test
    void recordsRebuildTheWindowUnderAnyCapacity() {
        int[] capacities = {1, 2, 7, 32, 50, 100};
        for (int written : capacities) {
            for (int restored : capacities) {
                for (int accepted : new int[] {1, written, 3 * written + 5, 200}) {
                    SeenEvents live = new SeenEvents(written);
                    Map<String, StateRecord> log = new LinkedHashMap<>();
                    for (int n = 0; n < accepted; n++) {
                        live.accept(key(n));
                        SeenBlock b = live.blockRecord(n, 2L * n);
                        log.put(b.key(), b);
                    }
                    SeenEvents rebuilt = new SeenEvents(restored);
                    log.values().forEach(r -> rebuilt.restore((SeenBlock) r));
                    rebuilt.finishRestore();
                    assertThat(rebuilt.nextSeq).isEqualTo(accepted);
                    // The blocks hold at least the last `written` events (often a few more): the
                    // rebuilt window has all of those its own capacity takes, and none beyond it.
                    String context = "written with " + written + ", restored with " + restored + ", " + accepted + " events";
                    assertThat(windowProblems(rebuilt, accepted, Math.min(written, restored), restored)).as(context).isEmpty();
                    // It goes on: after enough events it holds exactly its own capacity again.
                    for (int n = accepted; n < accepted + 3 * restored + 40; n++) {
                        rebuilt.accept(key(n));
                        rebuilt.blockRecord(0, 0);
                    }
                    assertWindow(rebuilt, accepted + 3 * restored + 40, restored);
                }
            }
        }
    }

    @Test
    void restoredUnderTheSameCapacityWritesWhatTheLiveWindowWrites() {
        SeenEvents live = new SeenEvents(50);
        Map<String, StateRecord> log = new LinkedHashMap<>();
        for (int n = 0; n < 137; n++) {
            live.accept(key(n));
            SeenBlock b = live.blockRecord(n, n);
            log.put(b.key(), b);
        }
        SeenEvents rebuilt = new SeenEvents(50);
        log.values().forEach(r -> rebuilt.restore((SeenBlock) r));
        rebuilt.finishRestore();
        assertThat(rebuilt.records()).containsExactlyInAnyOrderElementsOf(live.records());
        live.accept(key(137));
        rebuilt.accept(key(137));
        assertThat(rebuilt.blockRecord(1, 2)).isEqualTo(live.blockRecord(1, 2));
    }

    @Test
    void singleEntriesOfOlderChangelogsRestore() {
        SeenEvents rebuilt = new SeenEvents(40);
        for (int n = 0; n < 90; n++) {
            rebuilt.restore(key(n), n); // what a ring of one record per event would hold, and more
        }
        rebuilt.finishRestore();
        assertWindow(rebuilt, 90, 40);
        for (int n = 90; n < 300; n++) {
            rebuilt.accept(key(n));
            rebuilt.blockRecord(0, 0);
            assertWindow(rebuilt, n + 1, 40);
        }
    }

    /** Exactly the events {@code accepted - window} .. {@code accepted - 1} are in it. */
    private static void assertWindow(SeenEvents seen, int accepted, int window) {
        assertWindow(seen, accepted, window, window);
    }

    private static List<String> windowProblems(SeenEvents seen, int accepted, int atLeast, int atMost) {
        try {
            assertWindow(seen, accepted, atLeast, atMost);
            return List.of();
        } catch (AssertionError e) {
            return List.of(e.getMessage());
        }
    }

    /** The last {@code atLeast} accepted events are in it, and none before the last {@code atMost}. */
    private static void assertWindow(SeenEvents seen, int accepted, int atLeast, int atMost) {
        List<Integer> missing = new ArrayList<>();
        List<Integer> extra = new ArrayList<>();
        for (int n = Math.max(0, accepted - atMost - 40); n < accepted; n++) {
            boolean in = seen.contains(key(n));
            if (!in && n >= accepted - atLeast) {
                missing.add(n);
            } else if (in && n < accepted - atMost) {
                extra.add(n);
            }
        }
        assertThat(missing).as("events missing from a window of %d after %d", atLeast, accepted).isEmpty();
        assertThat(extra).as("events kept beyond a window of %d after %d", atMost, accepted).isEmpty();
        assertThat(seen.size()).isBetween(Math.min(atLeast, accepted), Math.min(atMost, accepted));
    }

    private static EventKey key(int n) {
        return new EventKey(n % 3 == 0 ? "/admin" : "/sync", "e-" + n);
    }
}
