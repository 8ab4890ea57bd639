package dev.seatflow.reconciler.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.junit.jupiter.api.Test;

/** What an operator reads when Kafka will not let the service in: the setting or ACL to fix, never a secret. */
class AccessFailureTest {
    private static final Settings SCRAM = Settings.from(new Properties(), Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "broker:9093",
            "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "KAFKA_SASL_MECHANISM", "SCRAM-SHA-256",
            "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"seatflow\" password=\"hunter2\";",
            "SEATFLOW_APPLICATION_ID", "licensing",
            "SEATFLOW_INSTANCE_ID", "pod-0"));

    @Test
    void refusedCredentialsNameTheUserAndTheSetting() {
        var e = new ExecutionException(new SaslAuthenticationException(
                "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256"));

        assertThat(AccessFailure.find(e, SCRAM)).get().extracting(AccessFailure::message).asString()
                .startsWith("Kafka refused the credentials (SASL SCRAM-SHA-256 for user 'seatflow' at broker:9093): "
                        + "check the user name and password in KAFKA_SASL_JAAS_CONFIG")
                .doesNotContain("hunter2");
    }

    @Test
    void aFailedTlsHandshakeNamesTheTruststoreAndTheReason() {
        var e = new SslAuthenticationException("SSL handshake failed",
                new SSLHandshakeException("PKIX path building failed: unable to find valid certification path"));

        assertThat(AccessFailure.find(new KafkaException(e), SCRAM)).get().extracting(AccessFailure::message)
                .asString()
                .contains("TLS handshake with Kafka at broker:9093 failed (PKIX path building failed")
                .contains("KAFKA_SSL_TRUSTSTORE_LOCATION");
    }

    @Test
    void missingAclsNameWhatToGrant() {
        assertThat(AccessFailure.find(new TopicAuthorizationException(Set.of("b", "a")), SCRAM)).get()
                .extracting(AccessFailure::message).asString()
                .startsWith("Kafka user 'seatflow' is not allowed to use topics [a, b]");
        assertThat(AccessFailure.find(new TopicAuthorizationException("Topic authorization failed."), SCRAM)).get()
                .extracting(AccessFailure::message).asString()
                .startsWith("Kafka user 'seatflow' is not allowed to use Seatflow's topics [directory.changes, "
                        + "licensing.assignments, licensing.config, licensing.rejected, licensing.seats, "
                        + "licensing.state-changelog, licensing.user-licenses]");
        assertThat(AccessFailure.find(new GroupAuthorizationException("no", "licensing"), SCRAM)).get()
                .extracting(AccessFailure::message).asString()
                .contains("consumer group 'licensing' (SEATFLOW_APPLICATION_ID)");
        assertThat(AccessFailure.find(new TransactionalIdAuthorizationException("no"), SCRAM)).get()
                .extracting(AccessFailure::message).asString()
                .contains("transactional id 'licensing-pod-0'").contains("prefixed 'licensing-'");
    }

    @Test
    void otherErrorsAreNotAccessFailures() {
        assertThat(AccessFailure.find(new TimeoutException("slow"), SCRAM)).isEmpty();
    }

    @Test
    void kafkasTextIsRedactedShouldItEverQuoteASecret() {
        var e = new SaslAuthenticationException("invalid password hunter2");

        assertThat(AccessFailure.find(e, SCRAM)).get().extracting(AccessFailure::message).asString()
                .doesNotContain("hunter2").contains("[hidden]");
    }
}
