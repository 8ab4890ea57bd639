package dev.seatflow.reconciler.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A fenced producer: a transaction that timed out, or another live instance with the same transactional id. */
class FencingGuardTest {
    private static final long TIMEOUT = 10_000;
    private final FencingGuard guard = new FencingGuard(TIMEOUT);

    @Test
    void fencingsOfTransactionsOlderThanTheTimeoutNeverStopTheService() {
        for (int i = 0; i < 20; i++) {
            assertThat(guard.fenced(TIMEOUT + i, i * 1_000L)).isFalse();
        }
        assertThat(guard.unexplainedFencings()).isZero();
    }

    @Test
    void aRestartedInstanceFencingUsOnceIsNotEnough() {
        assertThat(guard.fenced(50, 0)).isFalse();
        assertThat(guard.fenced(-1, 1_000)).isFalse();
    }

    @Test
    void threeFencingsOfYoungTransactionsWithinTheWindowProveAnotherLiveInstance() {
        assertThat(guard.fenced(50, 0)).isFalse();
        assertThat(guard.fenced(80, 20_000)).isFalse();
        assertThat(guard.fenced(-1, 40_000)).isTrue();
    }

    @Test
    void fencingsFurtherApartThanTheWindowAreForgotten() {
        long window = FencingGuard.WINDOW_MINUTES * 60_000;
        assertThat(guard.fenced(50, 0)).isFalse();
        assertThat(guard.fenced(50, window / 2)).isFalse();
        assertThat(guard.fenced(50, window + 1)).as("the first is older than the window").isFalse();
        assertThat(guard.unexplainedFencings()).isEqualTo(2);
    }
}
