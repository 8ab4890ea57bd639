package dev.seatflow.reconciler.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Configuration: a file, then the environment; Kafka settings pass straight to the clients. */
class SettingsTest {

    @Test
    void kafkaVariablesPassToTheClientsWithThePrefixDropped() {
        Settings s = Settings.from(new Properties(), Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9093",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_HEAP_OPTS", "-Xmx1g",
                "PATH", "/usr/bin"));

        assertThat(s.kafkaClientProperties()).containsOnly(
                Map.entry("bootstrap.servers", "broker:9093"),
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"));
    }

    @Test
    void environmentWinsOverTheFile() {
        Properties file = new Properties();
        file.setProperty("seatflow.commit.interval.ms", "500");
        file.setProperty("seatflow.partitions", "12");
        file.setProperty("kafka.bootstrap.servers", "file:9092");

        Settings s = Settings.from(file, Map.of("SEATFLOW_COMMIT_INTERVAL_MS", "250"));

        assertThat(s.commitIntervalMs()).isEqualTo(250);
        assertThat(s.partitions()).isEqualTo(12);
        assertThat(s.bootstrapServers()).isEqualTo("file:9092");
        assertThat(s.changelogTopic()).isEqualTo("seatflow-reconciler.state-changelog");
    }

    @Test
    void secretsNeverReachTheLogLine() {
        Settings s = Settings.from(new Properties(), Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9093",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"seatflow\" password=\"hunter2\";",
                "KAFKA_SSL_TRUSTSTORE_PASSWORD", "changeit"));

        assertThat(s.toString()).doesNotContain("hunter2").doesNotContain("changeit").contains("broker:9093");
    }

    @Test
    void redactionHidesSecretValuesAndThePasswordInsideTheJaasLine() {
        Settings s = Settings.from(new Properties(), Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9093",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"seatflow\" password=\"hunter2\";",
                "KAFKA_SSL_KEY_PASSWORD", "keypass",
                "KAFKA_SSL_KEYSTORE_LOCATION", "/etc/seatflow/keystore.jks",
                "KAFKA_SSL_KEYSTORE_TYPE", "JKS"));

        assertThat(s.redact("login failed for password hunter2 with key keypass from /etc/seatflow/keystore.jks (JKS)"))
                .isEqualTo("login failed for password [hidden] with key [hidden] from /etc/seatflow/keystore.jks (JKS)");
        assertThat(s.redact(null)).isNull();
    }

    @Test
    void kafkasOwnPasswordSettingsAreSecretAndLocationsAreNot() {
        assertThat(Settings.isSecret("ssl.keystore.key")).isTrue();
        assertThat(Settings.isSecret("ssl.truststore.password")).isTrue();
        assertThat(Settings.isSecret("sasl.jaas.config")).isTrue();
        assertThat(Settings.isSecret("listener.name.secured.scram-sha-256.sasl.jaas.config")).isTrue();
        assertThat(Settings.isSecret("sasl.oauthbearer.client.credentials.client.secret")).isTrue();
        assertThat(Settings.isSecret("ssl.keystore.location")).isFalse();
        assertThat(Settings.isSecret("ssl.keystore.type")).isFalse();
        assertThat(Settings.isSecret("security.protocol")).isFalse();
    }

    @Test
    void nonsenseValuesAreRefusedByName() {
        Settings s = Settings.from(new Properties(), Map.of("SEATFLOW_PARTITIONS", "many"));

        assertThatThrownBy(s::partitions).hasMessageContaining("seatflow.partitions").hasMessageContaining("many");
    }
}
