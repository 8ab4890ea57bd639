package dev.seatflow.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/** Waiting for something to become true, for tests, instead of sleeping. */
public final class Eventually {

    private static final long FIRST_PAUSE_MS = 10;
    private static final long MAX_PAUSE_MS = 200;

    private Eventually() {
    }

    /**
     * Returns as soon as {@code condition} is true; checks at once, then again after pauses growing from 10 ms to
     * 200 ms. A condition that throws counts as not yet true (handy for polling a broker); the last exception
     * becomes the cause of the failure.
     *
     * @param what what is being waited for, for the failure message ("3 records in output")
     * @throws AssertionError if the condition is not true within {@code timeout}, or the thread is interrupted
     */
    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(condition, "condition");
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long pause = FIRST_PAUSE_MS;
        Throwable lastFailure = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException | AssertionError e) {
                lastFailure = e;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                AssertionError failure = new AssertionError(
                        "Timed out after " + timeout.toMillis() + " ms waiting for " + what);
                if (lastFailure != null) {
                    failure.initCause(lastFailure);
                }
                throw failure;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(pause, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
            pause = Math.min(pause * 2, MAX_PAUSE_MS);
        }
    }
}
