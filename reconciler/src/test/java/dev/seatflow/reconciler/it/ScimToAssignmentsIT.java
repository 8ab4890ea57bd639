package dev.seatflow.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seatflow.events.LicenseState;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.UserLicenseChanged;
import dev.seatflow.reconciler.shell.ReconcilerService;
import dev.seatflow.scim.gateway.ScimGateway;
import dev.seatflow.scim.gateway.ScimSettings;
import dev.seatflow.testkit.Eventually;
import dev.seatflow.testkit.KafkaCluster;
import dev.seatflow.testkit.WithKafka;
import dev.seatflow.testkit.events.Events;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * End to end: an identity provider's SCIM requests, through the gateway and directory.changes, to the real
 * reconciler: a user added to a licensed group gets {@code Assigned} on licensing.assignments, and loses it
 * when the identity provider removes it.
 */
@WithKafka
class ScimToAssignmentsIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String TOKEN = "contoso-e2e-token";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aUserAddedToALicensedGroupThroughScimIsAssignedItsSeat(KafkaCluster kafka) throws Exception {
        Events admin = Events.tenant("contoso");
        Path tokens = tokensFile();
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "scim-e2e", 2)) {
            pipeline.publish(List.of(admin.subscription("M365_E3", 1)));
            try (ReconcilerService service = pipeline.startService("a");
                    ScimGateway gateway = gateway(kafka, pipeline, tokens)) {
                String base = gateway.localUrl();

                String ann = send(base, "POST", "/Users", """
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                                    "urn:ietf:params:scim:schemas:extension:seatflow:2.0:User"],
                         "userName":"ann@contoso.com",
                         "urn:ietf:params:scim:schemas:extension:seatflow:2.0:User":{"usageLocation":"DE"}}""")
                        .get("id").asText();
                send(base, "POST", "/Groups", """
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"E3 users"}""");
                // A license admin looks the group up by name and licenses it.
                String group = send(base, "GET", "/Groups?filter=" + URLEncoder.encode("displayName eq \"E3 users\"",
                        StandardCharsets.UTF_8).replace("+", "%20"), null).at("/Resources/0/id").asText();
                pipeline.publish(List.of(admin.groupLicenseAssigned(group, "M365_E3")));

                send(base, "PATCH", "/Groups/" + group, """
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations":[{"op":"Add","path":"members","value":[{"value":"%s"}]}]}""".formatted(ann));

                Eventually.await(PATIENCE, ann + " Assigned M365_E3", () -> states(pipeline, ann)
                        .contains(LicenseState.Assigned));
                UserLicenseChanged assigned = changes(pipeline, ann).get(0);
                assertThat(assigned.skuId()).isEqualTo("M365_E3");
                assertThat(assigned.assignedByGroups()).containsExactly(group);

                send(base, "PATCH", "/Groups/" + group, """
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}""".formatted(ann));
                Eventually.await(PATIENCE, ann + " Removed", () -> states(pipeline, ann)
                        .equals(List.of(LicenseState.Assigned, LicenseState.Removed)));
            }
        } finally {
            Files.deleteIfExists(tokens);
        }
    }

    @Test
    void aTeamAddedToALicensedDepartmentThroughScimGivesItsMembersSeats(KafkaCluster kafka) throws Exception {
        Events admin = Events.tenant("contoso");
        Path tokens = tokensFile();
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "scim-nested", 2)) {
            pipeline.publish(List.of(admin.subscription("M365_E5", 5)));
            try (ReconcilerService service = pipeline.startService("a");
                    ScimGateway gateway = gateway(kafka, pipeline, tokens)) {
                String base = gateway.localUrl();
                String bob = send(base, "POST", "/Users", """
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bob@contoso.com",
                         "addresses":[{"type":"work","country":"US"}]}""").get("id").asText();
                String team = send(base, "POST", "/Groups", """
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Platform team",
                         "members":[{"value":"%s"}]}""".formatted(bob)).get("id").asText();
                String department = send(base, "POST", "/Groups", """
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Engineering"}""")
                        .get("id").asText();
                pipeline.publish(List.of(admin.groupLicenseAssigned(department, "M365_E5")));

                // A group as a member of a group: directory.group.subgroup.added, so the team's members are licensed.
                send(base, "PATCH", "/Groups/" + department, """
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}""".formatted(team));

                Eventually.await(PATIENCE, bob + " Assigned M365_E5 through the team", () -> states(pipeline, bob)
                        .contains(LicenseState.Assigned));
                assertThat(changes(pipeline, bob).get(0).assignedByGroups()).containsExactly(department);
            }
        } finally {
            Files.deleteIfExists(tokens);
        }
    }

    private static Path tokensFile() throws Exception {
        Path tokens = Files.createTempFile("scim-e2e-tokens-", ".properties");
        Files.writeString(tokens, "contoso=" + TOKEN + "\n");
        return tokens;
    }

    /** The gateway on the pipeline's directory topic, with a store of its own. */
    private static ScimGateway gateway(KafkaCluster kafka, Pipeline pipeline, Path tokens) throws Exception {
        return ScimGateway.start(ScimSettings.of(Map.of("scim.port", "0", "scim.tokens.file", tokens.toString(),
                        "scim.application.id", pipeline.applicationId() + "-scim", "topic.directory", pipeline.topic("directory"))),
                Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    private static List<UserLicenseChanged> changes(Pipeline pipeline, String userId) {
        return pipeline.committedOutputs().getOrDefault("contoso", List.of()).stream().map(OutboundEvent::data)
                .filter(c -> c.userId().equals(userId)).toList();
    }

    private static List<LicenseState> states(Pipeline pipeline, String userId) {
        return changes(pipeline, userId).stream().map(UserLicenseChanged::state).toList();
    }

    private JsonNode send(String base, String method, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/scim+json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 204);
        return r.body().isEmpty() ? json.createObjectNode() : json.readTree(r.body());
    }
}
