package dev.seatflow.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.InboundEvent;
import dev.seatflow.kafka.EmbeddedKafka;
import dev.seatflow.kafka.SecuredListener;
import dev.seatflow.testkit.events.EventStream;
import dev.seatflow.testkit.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code reconciler run} against a SASL_SSL listener (SCRAM-SHA-512 over TLS, a self-signed broker certificate):
 * with a truststore that holds the certificate it runs; without, it exits 1 naming the truststore settings.
 * Neither the SCRAM password nor the truststore password ever shows in what it prints.
 */
class TlsClusterIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String PASSWORD = "seatflow-pw-" + UUID.randomUUID();

    private static Path directory;
    private static SelfSignedTls brokerTls;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startTlsBroker() throws Exception {
        directory = Files.createTempDirectory("seatflow-tls-");
        brokerTls = SelfSignedTls.create(directory, "broker");
        kafka = EmbeddedKafka.startSecured(SecuredListener.saslScram("SCRAM-SHA-512", Map.of("seatflow", PASSWORD))
                .overTls(brokerTls.brokerSettings(), brokerTls.clientSettings()), Map.of());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        Utils.delete(directory.toFile());
    }

    @Test
    void trustingTheBrokerTheServiceRunsOverTls() throws Exception {
        List<InboundEvent> events = EventStream.generate(12, 300, 2);
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "tls", 2)) {
            pipeline.publishBacklog(events);
            Path log = Files.createTempFile("seatflow-tls-", ".log");
            Map<String, String> env = environment(brokerTls);
            env.put("SEATFLOW_KAFKA_LOG_LEVEL", "INFO"); // Kafka's config dumps, with the truststore password
            Process process = ReconcilerProcess.start(pipeline, env, log);
            try {
                Eventually.await(PATIENCE, "the service commits all input", pipeline::quiescent);
            } finally {
                process.destroy();
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            String output = ReconcilerProcess.read(log);
            assertThat(process.exitValue()).as("exit status; log:\n" + output).isZero();
            ReconcilerServiceIT.assertMatchesReplay(pipeline, events);

            assertThat(output).contains("ssl.truststore.password = [hidden]")
                    .doesNotContain(PASSWORD).doesNotContain(brokerTls.truststorePassword())
                    .doesNotContain(brokerTls.keystorePassword());
        }
    }

    @Test
    void withoutTheTruststoreTheHandshakeFailsNamingTheTruststoreSettings() throws Exception {
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "tls-untrusted", 2)) {
            // The JDK's own CAs, which never signed the broker's certificate: the usual mistake.
            Map<String, String> env = environment(brokerTls);
            env.keySet().removeIf(k -> k.startsWith("KAFKA_SSL_TRUSTSTORE_"));
            String output = ReconcilerProcess.runToExit(pipeline, env, 1, PATIENCE);

            assertThat(output).containsOnlyOnce("seatflow: cannot start: the TLS handshake with Kafka at "
                    + kafka.securedBootstrapServers() + " failed (PKIX path building failed")
                    .contains("): check KAFKA_SSL_TRUSTSTORE_LOCATION / KAFKA_SSL_TRUSTSTORE_PASSWORD")
                    .doesNotContain(PASSWORD);
        }
    }

    /** SCRAM over TLS, trusting what {@code tls}'s truststore holds. */
    private static Map<String, String> environment(SelfSignedTls tls) {
        Map<String, String> env = new HashMap<>(tls.clientEnvironment());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.securedBootstrapServers());
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        env.put("KAFKA_SASL_JAAS_CONFIG", SecuredListener.jaasConfig("seatflow", PASSWORD));
        return env;
    }
}
