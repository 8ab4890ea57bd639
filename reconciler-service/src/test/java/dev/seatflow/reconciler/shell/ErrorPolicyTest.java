package dev.seatflow.reconciler.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/** What each error means for the loop, decided in one place. */
class ErrorPolicyTest {

    @Test
    void aNewerInstanceFencingUsStopsTheService() {
        assertThat(ErrorPolicy.of(new ProducerFencedException("fenced"))).isEqualTo(ErrorPolicy.FATAL);
    }

    @Test
    void missingPermissionsStopTheService() {
        assertThat(ErrorPolicy.of(new TopicAuthorizationException("no"))).isEqualTo(ErrorPolicy.FATAL);
    }

    @Test
    void aChangelogThatCannotBeRestoredStopsTheServiceEvenWhenWrappedByTheConsumer() {
        KafkaException wrapped = new KafkaException("User rebalance callback throws an error",
                new StateRestorer.CorruptStateException("changelog-0@12", new IllegalStateException("bad record")));

        assertThat(ErrorPolicy.of(wrapped)).isEqualTo(ErrorPolicy.FATAL);
    }

    @Test
    void aRebalanceUnderUsRollsBackAndGoesOn() {
        assertThat(ErrorPolicy.of(new CommitFailedException("generation moved on"))).isEqualTo(ErrorPolicy.REBALANCED);
    }

    @Test
    void timeoutsAreRetried() {
        assertThat(ErrorPolicy.of(new TimeoutException("broker away"))).isEqualTo(ErrorPolicy.RETRY);
    }
}
