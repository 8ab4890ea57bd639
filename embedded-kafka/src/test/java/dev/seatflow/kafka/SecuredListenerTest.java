package dev.seatflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SecuredListenerTest {

    @Test
    void scramUsersLogInOnTheSecuredListenerAndAWrongPasswordIsRefused() throws Exception {
        SecuredListener listener = SecuredListener.saslScram("SCRAM-SHA-256", Map.of("alice", "alice-secret"));
        try (EmbeddedKafka kafka = EmbeddedKafka.startSecured(listener, Map.of())) {
            assertThat(kafka.securedBootstrapServers()).matches("127\\.0\\.0\\.1:\\d+")
                    .isNotEqualTo(kafka.bootstrapServers());

            Map<String, Object> alice = new HashMap<>(listener.clientProperties("alice"));
            alice.put("bootstrap.servers", kafka.securedBootstrapServers());
            try (Admin admin = Admin.create(alice)) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            }

            Map<String, Object> impostor = new HashMap<>(alice);
            impostor.put("sasl.jaas.config", SecuredListener.jaasConfig("alice", "guess"));
            try (Admin admin = Admin.create(impostor)) {
                assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        }
    }

    @Test
    void aClusterWithoutASecuredListenerSaysSo() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            assertThatThrownBy(kafka::securedBootstrapServers).isInstanceOf(IllegalStateException.class);
        }
    }
}
