package dev.seatflow.reconciler.shell;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * The one place that decides what an error means for the loop. Poison records (bad input, or an
 * input the core cannot apply) never get here: they become dead letters where they are read.
 */
enum ErrorPolicy {
    /** Retrying cannot help (fenced by a newer instance, not allowed, misconfigured): stop. */
    FATAL,
    /** The group moved on: abort, roll the state back, and carry on with the new assignment. */
    REBALANCED,
    /** Anything else (timeouts, a broker away): abort, roll back, back off, try again. */
    RETRY;

    static ErrorPolicy of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof FencedInstanceIdException
                    || t instanceof OutOfOrderSequenceException || t instanceof AuthenticationException
                    || t instanceof AuthorizationException || t instanceof UnsupportedVersionException
                    || t instanceof InvalidConfigurationException || t instanceof StateRestorer.CorruptStateException) {
                return FATAL;
            }
            if (t instanceof CommitFailedException || t instanceof RebalanceInProgressException) {
                return REBALANCED;
            }
        }
        return RETRY;
    }
}
