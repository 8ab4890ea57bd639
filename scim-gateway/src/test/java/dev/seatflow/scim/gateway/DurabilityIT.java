package dev.seatflow.scim.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.DirectoryEvent.GroupMemberAdded;
import dev.seatflow.testkit.Eventually;
import dev.seatflow.testkit.KafkaCluster;
import dev.seatflow.testkit.WithKafka;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What a 2xx promises: on Kafka, seen by the next request, kept across restarts, not lost to a race. */
@WithKafka
class DurabilityIT {
    private static final String TOKEN = "northwind-token-77aa01";

    @Test
    void concurrentPatchesOfOneGroupLoseNoMember(KafkaCluster kafka) throws Exception {
        try (GatewayHarness h = new GatewayHarness(kafka, "scim-race", Map.of("northwind", TOKEN)).start()) {
            String group = h.send(TOKEN, "POST", "/Groups", """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Everyone"}""")
                    .body().get("id").asText();
            List<String> users = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                users.add(h.send(TOKEN, "POST", "/Users", """
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"u%d"}""".formatted(i))
                        .body().get("id").asText());
            }

            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Integer>> patches = new ArrayList<>();
                for (String user : users) {
                    patches.add(() -> h.send(TOKEN, "PATCH", "/Groups/" + group, """
                            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                             "Operations":[{"op":"Add","path":"members","value":[{"value":"%s"}]}]}""".formatted(user))
                            .status());
                }
                for (Future<Integer> status : pool.invokeAll(patches)) {
                    assertThat(status.get()).isEqualTo(204);
                }
            } finally {
                pool.shutdown();
            }

            var members = h.send(TOKEN, "GET", "/Groups/" + group, null).body().get("members");
            Set<String> ids = new java.util.HashSet<>();
            members.forEach(m -> ids.add(m.get("value").asText()));
            assertThat(ids).containsExactlyInAnyOrderElementsOf(users);
            assertThat(h.awaitEvents(e -> e.data() instanceof GroupMemberAdded a && a.groupId().equals(group), 24)
                    .stream().map(e -> ((GroupMemberAdded) e.data()).userId()).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrderElementsOf(users);
        }
    }

    @Test
    void aRestartedGatewayAnswersWithWhatTheOneBeforeAcknowledged(KafkaCluster kafka) throws Exception {
        try (GatewayHarness first = new GatewayHarness(kafka, "scim-restart", Map.of("northwind", TOKEN)).start()) {
            String ann = first.send(TOKEN, "POST", "/Users", """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ann"}""").body()
                    .get("id").asText();
            String group = first.send(TOKEN, "POST", "/Groups", """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Sales",
                     "members":[{"value":"%s"}]}""".formatted(ann)).body().get("id").asText();
            first.send(TOKEN, "PATCH", "/Users/" + ann, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                     "Operations":[{"op":"replace","path":"displayName","value":"Ann Lee"}]}""");
            first.gateway.close();

            first.start(); // a new gateway on the same store
            var user = first.send(TOKEN, "GET", "/Users/" + ann, null);
            assertThat(user.status()).isEqualTo(200);
            assertThat(user.body().get("displayName").asText()).isEqualTo("Ann Lee");
            assertThat(first.send(TOKEN, "GET", "/Groups/" + group, null).body().at("/members/0/value").asText())
                    .isEqualTo(ann);
            var taken = first.send(TOKEN, "POST", "/Users", """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ANN"}""");
            assertThat(taken.status()).as("the restored store still knows the userName").isEqualTo(409);
        }
    }

    @Test
    void aSecondGatewayOnTheSameStoreFencesTheFirstWhichStopsWriting(KafkaCluster kafka) throws Exception {
        try (GatewayHarness h = new GatewayHarness(kafka, "scim-fence", Map.of("northwind", TOKEN)).start()) {
            ScimGateway first = h.gateway;
            String ann = h.send(TOKEN, "POST", "/Users", """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ann"}""").body()
                    .get("id").asText();
            ScimGateway second = ScimGateway.start(ScimSettings.of(h.settings),
                    Map.of("bootstrap.servers", kafka.bootstrapServers()));
            try {
                var refused = h.send(TOKEN, "PATCH", "/Users/" + ann, """
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations":[{"op":"replace","path":"title","value":"stale"}]}""");
                assertThat(refused.status()).isEqualTo(503);
                Eventually.await(GatewayHarness.PATIENCE, "the fenced gateway stops", () -> {
                    try {
                        first.awaitTermination();
                        return false;
                    } catch (IllegalStateException stoppedBecauseFenced) {
                        return true;
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                h.gateway = second;
                assertThat(h.send(TOKEN, "GET", "/Users/" + ann, null).body().has("title")).isFalse();
            } finally {
                second.close();
            }
        }
    }

    @Test
    void aRotatedTokenWorksWithoutARestartAndTheOldOneStops(KafkaCluster kafka) throws Exception {
        try (GatewayHarness h = new GatewayHarness(kafka, "scim-rotate", Map.of("northwind", TOKEN)).start()) {
            assertThat(h.send(TOKEN, "GET", "/Users", null).status()).isEqualTo(200);

            h.writeTokens(Map.of("northwind", "rotated-token-2," + TOKEN));
            Eventually.await(GatewayHarness.PATIENCE, "the new token is accepted",
                    () -> status(h, "rotated-token-2") == 200);
            assertThat(status(h, TOKEN)).as("both during the switch-over").isEqualTo(200);

            h.writeTokens(Map.of("northwind", "rotated-token-2"));
            Eventually.await(GatewayHarness.PATIENCE, "the old token is refused", () -> status(h, TOKEN) == 401);
            assertThat(status(h, "rotated-token-2")).isEqualTo(200);

            h.writeTokens(Map.of("northwind", "x", "other", "x")); // refused: one token, two tenants
            assertThat(status(h, "rotated-token-2")).as("a broken file keeps the tokens before it").isEqualTo(200);
        }
    }

    private static int status(GatewayHarness h, String token) {
        try {
            return h.send(token, "GET", "/Users", null).status();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
