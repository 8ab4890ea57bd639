package dev.seatflow.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.kafka.EmbeddedKafka;
import dev.seatflow.kafka.SecuredListener;
import dev.seatflow.testkit.events.EventStream;
import dev.seatflow.testkit.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code reconciler run}, as its own process, against a broker whose client listener demands SASL SCRAM-SHA-256 and
 * authorizes with ACLs. Given its credentials it runs (and matches replay); given a wrong password, none, or a user
 * without ACLs, it exits 1 with one sentence naming what to fix. Everything the process prints, Kafka's own config
 * dumps included, is searched for the passwords: they never appear.
 *
 * <p>The test's own clients (topics, input, reading the outputs, ACLs) use the broker's PLAINTEXT listener, whose
 * anonymous principal is a super user.
 */
class SecuredClusterIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Distinctive, so finding one in a log cannot be a coincidence. */
    private static final String PASSWORD = "seatflow-pw-" + UUID.randomUUID();
    private static final String INTRUDER_PASSWORD = "intruder-pw-" + UUID.randomUUID();
    private static final String WRONG_PASSWORD = "wrong-pw-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startSecuredBroker() {
        SecuredListener listener = SecuredListener.saslScram("SCRAM-SHA-256",
                Map.of("seatflow", PASSWORD, "intruder", INTRUDER_PASSWORD));
        kafka = EmbeddedKafka.startSecured(listener, Map.of(
                "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                // The PLAINTEXT listeners (the test's clients, the controller's) are anonymous.
                "super.users", "User:ANONYMOUS"));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void withItsCredentialsTheServiceRunsAndNeverLogsThem() throws Exception {
        List<InboundEvent> events = EventStream.generate(11, 400, 2);
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "secured", 2)) {
            grantSeatflowItsAcls(pipeline);
            pipeline.publishBacklog(events);
            Path log = Files.createTempFile("seatflow-secured-", ".log");
            Map<String, String> env = credentials("seatflow", PASSWORD);
            // As much as can be logged: Seatflow at DEBUG, Kafka's clients at INFO (their config dumps), as JSON.
            env.put("SEATFLOW_LOG_LEVEL", "DEBUG");
            env.put("SEATFLOW_KAFKA_LOG_LEVEL", "INFO");
            env.put("SEATFLOW_LOG_FORMAT", "json");
            env.put("SEATFLOW_LOG_SUMMARY_INTERVAL_MS", "200");
            Process process = ReconcilerProcess.start(pipeline, env, log);
            try {
                Eventually.await(PATIENCE, "the service commits all input", pipeline::quiescent);
                Eventually.await(PATIENCE, "a summary line",
                        () -> ReconcilerProcess.read(log).contains("\"summary "));
            } finally {
                process.destroy(); // SIGTERM
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            String output = ReconcilerProcess.read(log);
            assertThat(process.exitValue()).as("exit status; log:\n" + output).isZero();
            ReconcilerServiceIT.assertMatchesReplay(pipeline, events);

            assertNoSecretIn(output);
            List<JsonNode> lines = new ArrayList<>();
            for (String line : output.lines().toList()) {
                lines.add(JSON.readTree(line)); // every line is one JSON object
            }
            List<String> messages = lines.stream().map(l -> l.path("formattedMessage").asText()).toList();
            assertThat(messages).as("Kafka's own config dump masks the JAAS line")
                    .anySatisfy(m -> assertThat(m).contains("sasl.jaas.config = [hidden]"));
            assertThat(messages).as("Seatflow's settings line masks it")
                    .anySatisfy(m -> assertThat(m).contains("starting").contains("kafka.sasl.jaas.config=[hidden]"));
            assertThat(messages).as("a DEBUG line per transaction")
                    .anySatisfy(m -> assertThat(m).startsWith("transaction committed: ").contains(" outputs, "));
            assertThat(lines).as("the summary lines at INFO, numbers as key-value pairs too")
                    .anySatisfy(l -> {
                        assertThat(l.path("level").asText()).isEqualTo("INFO");
                        assertThat(l.path("formattedMessage").asText()).startsWith("summary ");
                        assertThat(l.path("kvpList").toString()).contains("consumed");
                    });
            assertThat(lines.stream().filter(l -> l.path("level").asText().equals("INFO")
                    && l.path("loggerName").asText().startsWith("dev.seatflow")
                    && !l.path("formattedMessage").asText().startsWith("summary ")).count())
                    .as("besides the summaries, Seatflow's INFO lines are about the service (start, restore, stop), "
                            + "not one per event")
                    .isLessThanOrEqualTo(10);
        }
    }

    @Test
    void aWrongPasswordStopsTheServiceAtOnceNamingTheSetting() throws Exception {
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "wrong-password", 2)) {
            String output = ReconcilerProcess.runToExit(pipeline, credentials("seatflow", WRONG_PASSWORD), 1,
                    PATIENCE);

            assertThat(output).containsOnlyOnce("seatflow: cannot start: Kafka refused the credentials "
                    + "(SASL SCRAM-SHA-256 for user 'seatflow' at " + kafka.securedBootstrapServers() + "): check the "
                    + "user name and password in KAFKA_SASL_JAAS_CONFIG, and KAFKA_SASL_MECHANISM.");
            assertNoSecretIn(output);
        }
    }

    @Test
    void withoutCredentialsTheServiceStopsWithinTheStartupTimeoutNamingTheSecuritySettings() throws Exception {
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "no-credentials", 2)) {
            Map<String, String> env = new HashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.securedBootstrapServers());
            String output = ReconcilerProcess.runToExit(pipeline, env, 1, PATIENCE);

            assertThat(output).containsOnlyOnce("seatflow: cannot start: cannot reach Kafka at "
                    + kafka.securedBootstrapServers() + " within 3000 ms: check KAFKA_BOOTSTRAP_SERVERS, the network, "
                    + "and the security settings (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*)");
        }
    }

    @Test
    void aUserWithoutAclsIsToldWhatToGrant() throws Exception {
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "no-acls", 2)) {
            String output = ReconcilerProcess.runToExit(pipeline, credentials("intruder", INTRUDER_PASSWORD), 1,
                    PATIENCE);

            assertThat(output).containsOnlyOnce("seatflow: cannot start: Kafka user 'intruder' is not allowed to use "
                    + "Seatflow's topics [" + pipeline.topic("assignments") + ", " + pipeline.topic("changelog"))
                    .contains("grant it DESCRIBE, READ and WRITE on them");
            assertNoSecretIn(output);
        }
    }

    @Test
    void anAclTakenAwayWhileItRunsStopsTheServiceNamingIt() throws Exception {
        List<InboundEvent> events = EventStream.generate(13, 200, 2);
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "revoked", 2)) {
            List<AclBinding> acls = grantSeatflowItsAcls(pipeline);
            pipeline.publishBacklog(events);
            Path log = Files.createTempFile("seatflow-revoked-", ".log");
            Process process = ReconcilerProcess.start(pipeline, credentials("seatflow", PASSWORD), log);
            try {
                Eventually.await(PATIENCE, "the service commits all input", pipeline::quiescent);
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                    AclBinding topics = acls.stream()
                            .filter(a -> a.pattern().resourceType() == ResourceType.TOPIC).findFirst().orElseThrow();
                    admin.deleteAcls(List.of(topics.toFilter())).all().get(30, TimeUnit.SECONDS);
                }
                assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("stops by itself").isTrue();
            } finally {
                process.destroyForcibly();
            }
            String output = ReconcilerProcess.read(log);
            assertThat(process.exitValue()).as("exit status; log:\n" + output).isEqualTo(1);
            assertThat(output).containsOnlyOnce("seatflow: the reconciler stopped: Kafka user 'seatflow' is not allowed "
                    + "to use ").contains("grant it DESCRIBE, READ and WRITE on them");
            assertNoSecretIn(output);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static void assertNoSecretIn(String output) {
        assertThat(output).doesNotContain(PASSWORD).doesNotContain(INTRUDER_PASSWORD).doesNotContain(WRONG_PASSWORD);
    }

    private static Map<String, String> credentials(String user, String password) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.securedBootstrapServers());
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        env.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-256");
        env.put("KAFKA_SASL_JAAS_CONFIG", SecuredListener.jaasConfig(user, password));
        return env;
    }

    /** Everything the service needs, on names starting with the pipeline's application id. */
    private static List<AclBinding> grantSeatflowItsAcls(Pipeline pipeline) throws Exception {
        String prefix = pipeline.applicationId();
        AccessControlEntry allowAll = new AccessControlEntry("User:seatflow", "*", AclOperation.ALL,
                AclPermissionType.ALLOW);
        List<AclBinding> acls = List.of(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.TRANSACTIONAL_ID).stream()
                .map(type -> new AclBinding(new ResourcePattern(type, prefix, PatternType.PREFIXED), allowAll))
                .toList();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
            // The controller has them; the broker that authorizes applies them a moment later.
            AclBindingFilter ours = new AclBindingFilter(
                    new ResourcePatternFilter(ResourceType.ANY, prefix, PatternType.PREFIXED),
                    AccessControlEntryFilter.ANY);
            Eventually.await(PATIENCE, "the broker knows the ACLs",
                    () -> describe(admin, ours) == acls.size());
        }
        return acls;
    }

    private static int describe(Admin admin, AclBindingFilter filter) {
        try {
            return admin.describeAcls(filter).values().get(30, TimeUnit.SECONDS).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
