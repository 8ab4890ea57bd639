package dev.seatflow.bench.e2e;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds: the bench waits for the cluster, never for a fixed time. */
final class Waiting {
    private Waiting() {
    }

    static void until(Duration timeout, String what, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                last = e; // the cluster may not answer yet; ask again
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
        throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what, last);
    }
}
