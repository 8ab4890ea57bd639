package dev.seatflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

/** Every test class that uses the extension records what it got; all must get the same broker. */
final class SameBrokerEverywhere {

    private static final AtomicReference<KafkaCluster> FIRST = new AtomicReference<>();

    private SameBrokerEverywhere() {
    }

    static void check(KafkaCluster kafka) {
        FIRST.compareAndSet(null, kafka);
        assertThat(kafka).as("the broker every test class gets").isSameAs(FIRST.get());
    }
}
