package dev.seatflow.reconciler.shell;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.IllegalGenerationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * The one place that decides what an error means for the loop (see {@link Outcome}). The error and its causes are
 * searched from the outside in, because the clients wrap what the broker said ("User rebalance callback throws an
 * error", "Cannot execute transactional method because we are in an error state").
 *
 * <p>Fencing follows Kafka Streams under exactly-once v2: a fenced producer is replaced, not fatal, since a
 * transaction that outlived {@code transaction.timeout.ms} (a broker stall, a long pause of this JVM) is fenced the
 * same way as a zombie. Zombies are kept out by the consumer group generation that every commit carries.
 */
final class ErrorPolicy {
    private final Settings settings;

    ErrorPolicy(Settings settings) {
        this.settings = settings;
    }

    Outcome classify(Throwable error) {
        if (error instanceof PoisonRecordException p) {
            return new Outcome.Poison(p.record(), p.reason(), p.getCause());
        }
        boolean kafka = false;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            kafka |= t instanceof KafkaException;
            if (t instanceof AuthenticationException || t instanceof AuthorizationException) {
                return new Outcome.Fatal(AccessFailure.find(t, settings).orElseThrow().message(), error);
            }
            if (t instanceof StateRestorer.CorruptStateException) {
                return new Outcome.Fatal(t.getMessage(), error);
            }
            if (t instanceof UnsupportedVersionException || t instanceof InvalidConfigurationException) {
                return new Outcome.Fatal("Kafka refused what the service asked for (" + settings.redact(t.getMessage())
                        + "): check the broker version (Seatflow needs transactions, Kafka 2.5 or newer) and the "
                        + "KAFKA_* settings", error);
            }
            if (t instanceof FencedInstanceIdException) {
                return new Outcome.Fatal("another consumer uses the same group.instance.id: give each instance its "
                        + "own KAFKA_GROUP_INSTANCE_ID, or leave it unset", error);
            }
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return new Outcome.ProducerLost(error, true);
            }
            if (t instanceof ProducerLostException || t instanceof InvalidPidMappingException
                    || t instanceof UnknownProducerIdException || t instanceof OutOfOrderSequenceException
                    || t instanceof InvalidTxnStateException || t instanceof TransactionAbortedException) {
                return new Outcome.ProducerLost(error, false);
            }
            if (t instanceof CommitFailedException || t instanceof RebalanceInProgressException
                    || t instanceof IllegalGenerationException || t instanceof UnknownMemberIdException
                    || t instanceof PartitionsLostException) {
                return new Outcome.Rebalanced(error);
            }
        }
        if (kafka) {
            return new Outcome.Retriable(error);
        }
        return new Outcome.Fatal("a bug in Seatflow's Kafka shell: " + settings.redact(String.valueOf(error)), error);
    }

    /** The core threw on a record: a bug in the core, handled like bad input so the partition keeps flowing. */
    static final class PoisonRecordException extends KafkaException {
        private final RecordId record;

        PoisonRecordException(RecordId record, RuntimeException cause) {
            super("the reconciler failed on " + record + ": " + cause, cause);
            this.record = record;
        }

        RecordId record() {
            return record;
        }

        String reason() {
            return "the reconciler could not apply this event: " + getCause();
        }
    }

    /**
     * The producer cannot go on and must not be asked to abort: a commit or offset send timed out (its outcome is
     * unknown; the producer's contract allows only retrying the same call or closing it).
     */
    static final class ProducerLostException extends KafkaException {
        ProducerLostException(String what, Throwable cause) {
            super(what + ": " + cause.getMessage(), cause);
        }
    }

    /** The consumer lost partitions while a transaction held their records: it must not be committed. */
    static final class PartitionsLostException extends KafkaException {
        PartitionsLostException(String partitions) {
            super("lost partitions " + partitions + " with a transaction open");
        }
    }
}
