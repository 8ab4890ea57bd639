package dev.seatflow.reconciler.shell;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Tells a fenced producer that timed out from another live instance with the same transactional id.
 *
 * <p>The transaction coordinator aborts a transaction, and bumps the producer's epoch, once it is older than
 * {@code transaction.timeout.ms}: a broker stall or a pause of this JVM ends that way, and the loop replaces its
 * producer and goes on. A fencing while this instance's transaction is younger than the timeout can only come from
 * another producer's {@code initTransactions()} with the same transactional id, i.e. another instance with the same
 * {@code SEATFLOW_INSTANCE_ID} (or a restarted copy of this one). Once is a restart; {@value #LIMIT} times within
 * {@value #WINDOW_MINUTES} minutes is two live instances fencing each other in turn: a misconfiguration that only
 * the operator can fix. Time is an argument, so this is tested without a clock.
 */
final class FencingGuard {
    static final int LIMIT = 3;
    static final long WINDOW_MINUTES = 10;
    private static final long WINDOW_MS = WINDOW_MINUTES * 60_000;

    private final long transactionTimeoutMs;
    private final Deque<Long> unexplained = new ArrayDeque<>();

    FencingGuard(long transactionTimeoutMs) {
        this.transactionTimeoutMs = transactionTimeoutMs;
    }

    /**
     * Records a fencing.
     *
     * @param transactionAgeMs how long this instance's transaction had been open, or -1 if none was
     * @return true when the fencings prove another live instance with the same transactional id
     */
    boolean fenced(long transactionAgeMs, long nowMs) {
        if (transactionAgeMs >= transactionTimeoutMs) {
            return false; // the coordinator aborted it for its age: ours to replace
        }
        unexplained.addLast(nowMs);
        while (!unexplained.isEmpty() && nowMs - unexplained.peekFirst() > WINDOW_MS) {
            unexplained.removeFirst();
        }
        return unexplained.size() >= LIMIT;
    }

    int unexplainedFencings() {
        return unexplained.size();
    }
}
