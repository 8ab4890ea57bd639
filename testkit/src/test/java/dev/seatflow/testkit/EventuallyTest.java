package dev.seatflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventuallyTest {

    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger calls = new AtomicInteger();
        Eventually.await(Duration.ofSeconds(5), "third call", () -> calls.incrementAndGet() >= 3);
        assertThat(calls).hasValue(3);
    }

    @Test
    void failsWithTheDescriptionAndTheLastException() {
        AtomicInteger calls = new AtomicInteger();
        long began = System.nanoTime();
        assertThatThrownBy(() -> Eventually.await(Duration.ofMillis(300), "the impossible", () -> {
            if (calls.incrementAndGet() % 2 == 0) {
                throw new IllegalStateException("not yet");
            }
            return false;
        })).isInstanceOf(AssertionError.class)
                .hasMessage("Timed out after 300 ms waiting for the impossible");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isBetween(Duration.ofMillis(300), Duration.ofSeconds(2));
        assertThat(calls.get()).isGreaterThan(2);
    }

    @Test
    void exceptionsCountAsNotYet() {
        AtomicInteger calls = new AtomicInteger();
        Eventually.await(Duration.ofSeconds(5), "no exception", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return true;
        });
        assertThat(calls).hasValue(3);
    }
}
