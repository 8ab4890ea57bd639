package dev.seatflow.reconciler.shell;

/**
 * What an error means for the loop, decided once by {@link ErrorPolicy}; the loop does what the value says. Each
 * value says how far the loop must go back: nothing is ever applied twice, because every recovery ends with the
 * state rebuilt from the changelog and the inputs read again from the offsets committed with it.
 */
sealed interface Outcome {

    /** Retrying cannot help (not allowed, misconfigured, a bug): the service stops, saying why in one sentence. */
    record Fatal(String reason, Throwable cause) implements Outcome {
    }

    /** The consumer group moved on under the open transaction: abort it, roll back, go on at once. */
    record Rebalanced(Throwable cause) implements Outcome {
    }

    /** The cluster is away or slow: roll back what is open, back off, try again. */
    record Retriable(Throwable cause) implements Outcome {
    }

    /**
     * The producer can no longer be used: fenced (its transaction timed out, or another producer took its
     * transactional id), or a commit whose outcome is unknown. Close it without aborting, start a new one with the
     * same transactional id (its {@code initTransactions()} completes or aborts what the old one left), roll back.
     *
     * @param fenced the broker bumped the producer's epoch: {@link FencingGuard} decides whether that was a timeout
     *        or another live instance
     */
    record ProducerLost(Throwable cause, boolean fenced) implements Outcome {
    }

    /** The core threw on one input record (a bug): roll back, then dead-letter that record when it is read again. */
    record Poison(RecordId record, String reason, Throwable cause) implements Outcome {
    }
}
