package dev.seatflow.reconciler.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.junit.jupiter.api.Test;

/** What each error means for the loop, decided in one place. */
class ErrorPolicyTest {
    private final ErrorPolicy policy = new ErrorPolicy(Settings.forCluster("localhost:9092",
            Map.of("instance.id", "a")));

    @Test
    void aFencedProducerIsReplacedNotFatal() {
        assertThat(policy.classify(new ProducerFencedException("fenced")))
                .isInstanceOfSatisfying(Outcome.ProducerLost.class, lost -> assertThat(lost.fenced()).isTrue());
    }

    @Test
    void anEpochBumpedByATimedOutTransactionIsAFencingToo() {
        KafkaException wrapped = new KafkaException("Cannot execute transactional method because we are in an error "
                + "state", new InvalidProducerEpochException("epoch"));

        assertThat(policy.classify(wrapped))
                .isInstanceOfSatisfying(Outcome.ProducerLost.class, lost -> assertThat(lost.fenced()).isTrue());
    }

    @Test
    void aCommitWhoseOutcomeIsUnknownReplacesTheProducerWithoutCallingItFenced() {
        KafkaException lost = new ErrorPolicy.ProducerLostException("the commit timed out",
                new TimeoutException("60000 ms"));

        assertThat(policy.classify(lost))
                .isInstanceOfSatisfying(Outcome.ProducerLost.class, p -> assertThat(p.fenced()).isFalse());
    }

    @Test
    void aTransactionTheCoordinatorAbortedForItsAgeReplacesTheProducer() {
        KafkaException aborted = new KafkaException("Cannot execute transactional method because we are in an error "
                + "state", new InvalidTxnStateException("The producer attempted a transactional operation in an invalid "
                + "state."));

        assertThat(policy.classify(aborted))
                .isInstanceOfSatisfying(Outcome.ProducerLost.class, p -> assertThat(p.fenced()).isFalse());
    }

    @Test
    void missingPermissionsStopTheServiceWithTheAclToGrant() {
        assertThat(policy.classify(new TopicAuthorizationException("no")))
                .isInstanceOfSatisfying(Outcome.Fatal.class, f -> assertThat(f.reason()).contains("grant"));
        assertThat(policy.classify(new TransactionalIdAuthorizationException("no")))
                .isInstanceOfSatisfying(Outcome.Fatal.class, f -> assertThat(f.reason())
                        .contains("transactional id 'seatflow-reconciler-a'"));
    }

    @Test
    void aChangelogThatCannotBeRestoredStopsTheServiceEvenWhenWrappedByTheConsumer() {
        KafkaException wrapped = new KafkaException("User rebalance callback throws an error",
                new StateRestorer.CorruptStateException("changelog-0@12", new IllegalStateException("bad record")));

        assertThat(policy.classify(wrapped)).isInstanceOfSatisfying(Outcome.Fatal.class,
                f -> assertThat(f.reason()).contains("changelog-0@12"));
    }

    @Test
    void aRebalanceUnderUsRollsBackAndGoesOn() {
        assertThat(policy.classify(new CommitFailedException("generation moved on")))
                .isInstanceOf(Outcome.Rebalanced.class);
        assertThat(policy.classify(new ErrorPolicy.PartitionsLostException("[0]")))
                .isInstanceOf(Outcome.Rebalanced.class);
    }

    @Test
    void timeoutsOfTheConsumerAreRetried() {
        assertThat(policy.classify(new TimeoutException("broker away"))).isInstanceOf(Outcome.Retriable.class);
    }

    @Test
    void theCoreThrowingOnARecordMakesThatRecordPoison() {
        RecordId id = new RecordId("directory.changes", 2, 41);
        Outcome outcome = policy.classify(new ErrorPolicy.PoisonRecordException(id, new IllegalStateException("bug")));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Poison.class, p -> {
            assertThat(p.record()).isEqualTo(id);
            assertThat(p.reason()).contains("could not apply").contains("bug");
        });
    }

    @Test
    void anythingButAKafkaErrorIsABugAndStopsTheService() {
        assertThat(policy.classify(new NullPointerException("oops")))
                .isInstanceOfSatisfying(Outcome.Fatal.class, f -> assertThat(f.reason()).contains("bug"));
    }
}
