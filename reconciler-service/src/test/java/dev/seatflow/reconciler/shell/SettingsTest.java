package dev.seatflow.reconciler.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Configuration: a file, then the environment, checked once; Kafka settings pass straight to the clients. Every
 * refusal is one sentence naming what the user set.
 */
class SettingsTest {
    private static final Map<String, String> CLUSTER = Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9093");

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
    void defaultsAreTheDocumentedOnes() {
        Settings s = Settings.from(CLUSTER);

        assertThat(s.transactionTimeoutMs()).isEqualTo(10_000);
        assertThat(s.maxIdleMs()).isEqualTo(1_000);
        assertThat(s.commitIntervalMs()).isEqualTo(100);
        assertThat(s.instanceId()).endsWith("-" + ProcessHandle.current().pid());
    }

    @Test
    void variablesOfTheLogConfigurationAndTheTestKitAreNotUnknown() {
        Map<String, String> env = new HashMap<>(CLUSTER);
        env.put("SEATFLOW_LOG_LEVEL", "DEBUG");
        env.put("SEATFLOW_BROWSER_TEST", "required");

        assertThat(Settings.from(env).partitions()).isEqualTo(6);
    }

    @Test
    void anUnknownVariableIsRefusedNamingTheNearestKnownOne() {
        assertThatThrownBy(() -> Settings.from(with("SEATFLOW_PARTITONS", "3")))
                .isInstanceOf(Settings.ConfigException.class)
                .hasMessage("unknown setting SEATFLOW_PARTITONS in the environment: did you mean SEATFLOW_PARTITIONS?");
        assertThatThrownBy(() -> Settings.from(with("SEATFLOW_TRANSACTION_TIMEOUT", "3")))
                .hasMessageContaining("did you mean SEATFLOW_TRANSACTION_TIMEOUT_MS?");
    }

    @Test
    void anUnknownFileKeyIsRefusedNamingTheFileAndTheNearestKnownKey() {
        Properties file = new Properties();
        file.setProperty("seatflow.comit.interval.ms", "50");

        assertThatThrownBy(() -> Settings.from(file, "app.properties", CLUSTER))
                .hasMessage("unknown setting 'seatflow.comit.interval.ms' in app.properties: did you mean "
                        + "'seatflow.commit.interval.ms'? (Kafka client settings start with kafka., e.g. "
                        + "kafka.bootstrap.servers)");
    }

    @Test
    void aKeyWithoutAKnownPrefixIsRefusedToo() {
        Properties file = new Properties();
        file.setProperty("seatflw.partitions", "3");

        assertThatThrownBy(() -> Settings.from(file, "app.properties", CLUSTER))
                .hasMessageContaining("'seatflw.partitions' in app.properties: did you mean 'seatflow.partitions'?");
    }

    @Test
    void aMalformedValueNamesTheVariableTheUserSet() {
        assertThatThrownBy(() -> Settings.from(with("SEATFLOW_PARTITIONS", "many")))
                .hasMessage("SEATFLOW_PARTITIONS must be a whole number from 1 to 10000, was 'many'");
    }

    @Test
    void aMalformedValueFromTheFileNamesTheKeyAndTheFile() {
        Properties file = new Properties();
        file.setProperty("seatflow.partitions", "many");

        assertThatThrownBy(() -> Settings.from(file, "app.properties", CLUSTER))
                .hasMessage("seatflow.partitions in app.properties must be a whole number from 1 to 10000, was 'many'");
    }

    @Test
    void aValueOutOfRangeSaysTheRange() {
        assertThatThrownBy(() -> Settings.from(with("SEATFLOW_HTTP_PORT", "70000")))
                .hasMessage("SEATFLOW_HTTP_PORT must be a whole number from 0 to 65535, was 70000");
    }

    @Test
    void noClusterIsRefusedSayingWhatToSet() {
        assertThatThrownBy(() -> Settings.from(Map.of("SEATFLOW_PARTITIONS", "3")))
                .hasMessageStartingWith("no Kafka cluster configured: set KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void bootstrapServersThatAreNotHostAndPortAreRefusedByName() {
        assertThatThrownBy(() -> Settings.from(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092,broker2")))
                .hasMessage("KAFKA_BOOTSTRAP_SERVERS must list host:port pairs separated by commas, but 'broker2' is "
                        + "not one (e.g. kafka-1:9092,kafka-2:9092)");
        assertThat(Settings.from(Map.of("KAFKA_BOOTSTRAP_SERVERS", "SASL_SSL://[::1]:9093, b:9092")).bootstrapServers())
                .isEqualTo("SASL_SSL://[::1]:9093, b:9092");
    }

    @Test
    void aTransactionTimeoutNoLongerThanTheCommitIntervalIsRefused() {
        Map<String, String> env = new HashMap<>(CLUSTER);
        env.put("SEATFLOW_TRANSACTION_TIMEOUT_MS", "5000");
        env.put("SEATFLOW_COMMIT_INTERVAL_MS", "5000");

        assertThatThrownBy(() -> Settings.from(env)).hasMessage("SEATFLOW_TRANSACTION_TIMEOUT_MS (5000 ms) must be "
                + "longer than SEATFLOW_COMMIT_INTERVAL_MS (5000 ms), or every transaction would time out");
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
        assertThat(Secrets.isSecret("ssl.keystore.key")).isTrue();
        assertThat(Secrets.isSecret("ssl.truststore.password")).isTrue();
        assertThat(Secrets.isSecret("sasl.jaas.config")).isTrue();
        assertThat(Secrets.isSecret("listener.name.secured.scram-sha-256.sasl.jaas.config")).isTrue();
        assertThat(Secrets.isSecret("sasl.oauthbearer.client.credentials.client.secret")).isTrue();
        assertThat(Secrets.isSecret("ssl.keystore.location")).isFalse();
        assertThat(Secrets.isSecret("ssl.keystore.type")).isFalse();
        assertThat(Secrets.isSecret("security.protocol")).isFalse();
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> env = new HashMap<>(CLUSTER);
        env.put(name, value);
        return env;
    }
}
