package dev.seatflow.reconciler.shell;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Before any Kafka client exists, a cluster that cannot be found or reached is one sentence naming the setting. */
class ClusterPreflightTest {

    @Test
    void anUnresolvableHostIsNamedWithTheVariableItCameFrom() {
        Settings s = Settings.from(Map.of("KAFKA_BOOTSTRAP_SERVERS", "no-such-host.invalid:9092"));

        assertThatThrownBy(() -> ClusterPreflight.check(s))
                .hasMessageStartingWith("cannot resolve host no-such-host.invalid in KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void aPortNobodyListensOnIsUnreachableWithinTheStartupTimeout() {
        Settings s = Settings.from(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
                "SEATFLOW_STARTUP_TIMEOUT_MS", "300"));

        assertThatThrownBy(() -> ClusterPreflight.check(s))
                .hasMessageStartingWith("cannot reach Kafka at 127.0.0.1:1 within 300 ms")
                .hasMessageContaining("check KAFKA_BOOTSTRAP_SERVERS");
    }
}
