package dev.seatflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A second test class: it must get the broker {@link KafkaExtensionTest} got, whichever runs first. */
@WithKafka
class KafkaExtensionSharingTest {

    @Test
    void getsTheRunsOneBroker(KafkaCluster kafka) {
        SameBrokerEverywhere.check(kafka);
        assertThat(kafka.toString()).contains(kafka.kind(), kafka.bootstrapServers());
    }
}
