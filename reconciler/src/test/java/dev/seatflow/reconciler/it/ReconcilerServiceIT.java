package dev.seatflow.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.reconciler.core.Explanation;
import dev.seatflow.reconciler.core.Reconciler;
import dev.seatflow.reconciler.core.Waiter;
import dev.seatflow.reconciler.shell.ServiceStatus;
import dev.seatflow.testkit.events.EventStream;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.json.EventCodec;
import dev.seatflow.reconciler.ops.OpsServer;
import dev.seatflow.reconciler.shell.DeadLetters;
import dev.seatflow.reconciler.shell.ReconcilerService;
import dev.seatflow.testkit.Eventually;
import dev.seatflow.testkit.KafkaCluster;
import dev.seatflow.testkit.WithKafka;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The live service against a real broker: what a read_committed consumer sees equals replay. */
@WithKafka
class ReconcilerServiceIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void liveOutputsAndStateTopicsEqualReplayOfTheSameEvents(KafkaCluster kafka) throws Exception {
        List<InboundEvent> events = EventStream.generate(1, 1_500, 4);
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "flows", 3)) {
            pipeline.publishBacklog(events);
            try (ReconcilerService service = pipeline.startService("a");
                    OpsServer http = OpsServer.start(0, service)) {

            Eventually.await(PATIENCE, "the service commits all input", pipeline::quiescent);

            assertMatchesReplay(pipeline, events);
            Pipeline.Expected expected = Pipeline.replay(events);
            assertThat(expected.groupStatuses()).as("the stream licenses groups (nested ones among them)").isNotEmpty();
            assertThat(expected.alerts()).as("the stream changes alert levels").isNotEmpty();
            assertThat(expected.finalState().seats()).as("the stream has seat pools")
                    .anySatisfy(row -> assertThat(row.pools()).isNotEmpty());
            assertThat(get(http, "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(http, "/readyz").statusCode()).isEqualTo(200);
            String metrics = get(http, "/metrics").body();
            assertThat(metrics).contains("seatflow_events_consumed_total " + events.size() + ".0")
                    .contains("seatflow_transaction_commit_seconds_count")
                    .contains("seatflow_consumer_lag{partition=\"" + pipeline.topic("directory") + "-0\"} 0.0");
            for (var row : Pipeline.replay(events).finalState().seats()) {
                assertThat(metrics).contains("seatflow_sku_assigned{sku=\"" + row.skuId() + "\",tenant=\""
                        + row.tenantId() + "\"} " + row.assigned() + ".0");
                assertThat(metrics).contains("seatflow_sku_alert{level=\"" + row.alert() + "\",sku=\"" + row.skuId()
                        + "\",tenant=\"" + row.tenantId() + "\"} 1.0");
            }
            for (var group : Pipeline.replay(events).finalState().groupStatuses()) {
                assertThat(metrics).contains("seatflow_group_members_with_license_errors{group=\"" + group.groupId()
                        + "\",tenant=\"" + group.tenantId() + "\"} " + group.membersWithLicenseErrors() + ".0");
            }
            assertOperatorViewsMatchReplay(http, events);
            }
        }
    }

    /** The dashboard's document and the explain endpoint tell what replay's final state tells. */
    private static void assertOperatorViewsMatchReplay(OpsServer http, List<InboundEvent> events) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Reconciler replayed = Pipeline.replay(events).finalState();
        JsonNode state = json.readTree(get(http, "/api/state").body());
        assertThat(state.get("ready").asBoolean()).isTrue();
        assertThat(state.get("latest")).hasSize(ServiceStatus.LATEST);
        Map<String, JsonNode> shown = new HashMap<>();
        state.get("tenants").forEach(t -> t.get("skus").forEach(s -> shown.put(t.get("tenantId").asText() + "/"
                + s.get("skuId").asText(), s)));
        List<SeatsRow> rows = replayed.seats();
        assertThat(shown.keySet()).containsExactlyInAnyOrderElementsOf(rows.stream().map(SeatsRow::key).toList());
        for (SeatsRow row : rows) {
            assertThat(shown.get(row.key()).get("alert").asText()).as(row.key()).isEqualTo(row.alert().name());
            assertThat(shown.get(row.key()).get("pools")).as(row.key()).hasSize(row.pools().size());
        }
        Map<String, JsonNode> groups = new HashMap<>();
        state.get("tenants").forEach(t -> t.get("groups").forEach(g -> groups.put(t.get("tenantId").asText() + "/"
                + g.get("groupId").asText(), g)));
        assertThat(groups.keySet()).as("the dashboard's licensed groups")
                .containsExactlyInAnyOrderElementsOf(replayed.groupStatuses().stream().map(g -> g.key()).toList());
        for (var g : replayed.groupStatuses()) {
            assertThat(json.treeToValue(groups.get(g.key()), dev.seatflow.events.GroupStatus.class)).isEqualTo(g);
        }
        int waiters = 0;
        for (SeatsRow row : rows) {
            JsonNode sku = shown.get(row.key());
            assertThat(sku.get("assigned").asInt()).as(row.key()).isEqualTo(row.assigned());
            assertThat(sku.get("waiting").asInt()).as(row.key()).isEqualTo(row.waiting());
            List<Waiter> queue = replayed.queue(row.tenantId(), row.skuId(), ServiceStatus.QUEUE_SHOWN);
            List<String> expected = queue.stream().map(w -> w.position() + ":" + w.userId() + ":" + w.reason()).toList();
            List<String> actual = new ArrayList<>();
            sku.get("queue").forEach(w -> actual.add(w.get("position").asInt() + ":" + w.get("userId").asText() + ":"
                    + w.get("reason").asText()));
            assertThat(actual).as("queue of " + row.key()).isEqualTo(expected);
            waiters += queue.size();
        }
        assertThat(waiters).as("the generated stream leaves somebody waiting").isPositive();
        for (SeatsRow row : rows) {
            for (Waiter w : replayed.queue(row.tenantId(), row.skuId(), 3)) {
                Explanation expected = replayed.explain(row.tenantId(), w.userId(), row.skuId());
                HttpResponse<String> answer = get(http, "/api/explain?tenant=" + row.tenantId() + "&user="
                        + w.userId() + "&sku=" + row.skuId());
                assertThat(answer.statusCode()).isEqualTo(200);
                // Compared as parsed JSON on both sides: a tree built from the records keeps a long as a
                // LongNode, which never equals the IntNode the parser makes of the same small number.
                assertThat(json.readTree(answer.body())).isEqualTo(json.readTree(json.writeValueAsString(expected)));
            }
        }
        assertThat(get(http, "/api/explain?tenant=nobody-here&user=u&sku=E3").statusCode()).isEqualTo(404);
        assertThat(get(http, "/api/explain?tenant=" + rows.get(0).tenantId()).statusCode()).isEqualTo(400);
    }

    private static HttpResponse<String> get(OpsServer http, String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void takenHttpPortLeavesTheServiceReconcilingWithoutItsEndpoint(KafkaCluster kafka) throws Exception {
        List<InboundEvent> events = EventStream.generate(5, 300, 2);
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "port-taken", 2);
                ServerSocket taken = new ServerSocket(0)) {
            pipeline.publishBacklog(events);
            Path log = Files.createTempFile("seatflow-port-taken-", ".log");
            Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "SEATFLOW_HTTP_PORT", Integer.toString(taken.getLocalPort())));
            Process process = ReconcilerProcess.start(pipeline, env, log);
            try {
                Eventually.await(PATIENCE, "the service commits all input", pipeline::quiescent);
            } finally {
                process.destroy(); // SIGTERM
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            assertThat(ReconcilerProcess.read(log)).contains("no HTTP endpoint")
                    .contains("SEATFLOW_HTTP_PORT");
            assertMatchesReplay(pipeline, events);
        }
    }

    @Test
    @SuppressWarnings("try") // the services run while their blocks do: closing them is the point
    void restartedServiceGoesOnFromItsChangelog(KafkaCluster kafka) throws Exception {
        List<InboundEvent> events = EventStream.generate(2, 1_200, 3);
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "restart", 2)) {
            pipeline.publishBacklog(events.subList(0, 600));
            try (ReconcilerService first = pipeline.startService("a")) {
                Eventually.await(PATIENCE, "the first run commits its input", pipeline::quiescent);
            }
            pipeline.publishBacklog(events.subList(600, events.size()));
            try (ReconcilerService second = pipeline.startService("a")) {
                Eventually.await(PATIENCE, "the second run commits the rest", pipeline::quiescent);
                assertMatchesReplay(pipeline, events);
            }
        }
    }

    @Test
    void scalingFromOneToThreeInstancesAndBackUnderLoadProducesEachOutputOnce(KafkaCluster kafka) throws Exception {
        // Large enough that the steps below happen while the backlog is being worked through.
        List<InboundEvent> events = EventStream.generate(3, 60_000, 6);
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "scaling", 4)) {
            pipeline.publishBacklog(events);
            List<ReconcilerService> running = new ArrayList<>();
            running.add(pipeline.startService("a"));
            try {
                List<Double> scaledAt = new ArrayList<>();
                String[] steps = {"out:b", "out:c", "in", "in"};
                double[] shares = {0.05, 0.15, 0.3, 0.45};
                for (int i = 0; i < steps.length; i++) {
                    double share = shares[i];
                    Eventually.await(PATIENCE, "progress to " + share, () -> pipeline.inputProgress() >= share);
                    scaledAt.add(pipeline.inputProgress());
                    if (steps[i].startsWith("out")) {
                        running.add(pipeline.startService(steps[i].substring(4)));   // scale out
                    } else {
                        running.remove(0).close();                                    // scale in
                    }
                }
                assertThat(running).hasSize(1);
                Eventually.await(PATIENCE, "the remaining instance commits all input", pipeline::quiescent);
                assertMatchesReplay(pipeline, events);
                assertThat(scaledAt).as("every scaling step happened under load").allSatisfy(p -> assertThat(p).isLessThan(1.0));
            } finally {
                running.forEach(ReconcilerService::close);
            }
        }
    }

    @Test
    void badRecordsBecomeDeadLettersAndThePartitionKeepsFlowing(KafkaCluster kafka) throws Exception {
        List<InboundEvent> good = EventStream.generate(4, 200, 1);
        String tenant = good.get(0).tenantId();
        byte[] key = tenant.getBytes(StandardCharsets.UTF_8);
        List<byte[]> bad = List.of(
                "{not json".getBytes(StandardCharsets.UTF_8),
                ("{\"specversion\":\"1.0\",\"id\":\"x1\",\"source\":\"/s\",\"type\":\"directory.user.renamed\","
                        + "\"tenantid\":\"" + tenant + "\",\"data\":{}}").getBytes(StandardCharsets.UTF_8),
                ("{\"specversion\":\"1.0\",\"id\":\"x2\",\"source\":\"/s\",\"type\":\"directory.group.member.added\","
                        + "\"data\":{\"groupId\":\"g\",\"userId\":\"u\"}}").getBytes(StandardCharsets.UTF_8),
                ("{\"specversion\":\"1.0\",\"id\":\"x3\",\"source\":\"/s\",\"type\":\"licensing.subscription.upserted\","
                        + "\"tenantid\":\"" + tenant + "\",\"data\":{\"skuId\":\"E3\",\"seats\":-4,\"status\":\"Enabled\"}}")
                        .getBytes(StandardCharsets.UTF_8));
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "dead-letters", 2)) {
            pipeline.publish(good.subList(0, 100));
            for (byte[] value : bad) {
                pipeline.publishRaw(pipeline.topic("directory"), key, value);
            }
            pipeline.publishRaw(pipeline.topic("licensing"), key, null);
            InboundEvent misrouted = good.get(100);
            pipeline.publishRaw(pipeline.topic("directory"), "someone-else".getBytes(StandardCharsets.UTF_8),
                    EventCodec.INSTANCE.encodeInput(misrouted));
            pipeline.publish(good.subList(100, good.size()));
            ReconcilerService service = pipeline.startService("a");
            try {
                Eventually.await(PATIENCE, "the service commits all input", pipeline::quiescent);
            } finally {
                service.close();
            }

            List<ConsumerRecord<byte[], byte[]>> rejected = pipeline.readAll(pipeline.topic("rejected"));
            assertThat(rejected).hasSize(bad.size() + 2);
            List<String> reasons = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : rejected) {
                assertThat(r.headers().lastHeader(DeadLetters.TOPIC)).isNotNull();
                assertThat(r.headers().lastHeader(DeadLetters.OFFSET)).isNotNull();
                reasons.add(new String(r.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8));
            }
            assertThat(rejected.stream().filter(r -> r.value() != null).map(r -> new String(r.value(), StandardCharsets.UTF_8)))
                    .as("dead letters keep the original value untouched")
                    .contains("{not json");
            assertThat(reasons).anySatisfy(r -> assertThat(r).contains("type"))
                    .anySatisfy(r -> assertThat(r).contains("tenantid"))
                    .anySatisfy(r -> assertThat(r).contains("seats"))
                    .anySatisfy(r -> assertThat(r).contains("no value"))
                    .anySatisfy(r -> assertThat(r).contains("key"));
            // The misrouted event was rejected, so replay the good events without it.
            List<InboundEvent> applied = new ArrayList<>(good);
            assertMatchesReplay(pipeline, applied);
        }
    }

    @Test
    void aRecordTheCoreThrowsOnIsDeadLetteredWithItsReasonAndNothingIsOutputTwice(KafkaCluster kafka) throws Exception {
        List<InboundEvent> events = EventStream.generate(6, 1_000, 2);
        InboundEvent poison = events.get(500);
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "poison", 2)) {
            pipeline.publishBacklog(events);
            try (ReconcilerService service = pipeline.startService("a", (state, e) -> {
                if (e.envelope().equals(poison.envelope())) {
                    throw new IllegalStateException("a bug in the core on " + e.envelope().id());
                }
                return state.apply(e);
            })) {
                Eventually.await(PATIENCE, "the service commits all input", pipeline::quiescent);
                assertThat(service.isAlive()).isTrue();
            }

            List<ConsumerRecord<byte[], byte[]>> rejected = pipeline.readAll(pipeline.topic("rejected"));
            long copies = events.stream().filter(e -> e.envelope().equals(poison.envelope())).count(); // re-sends too
            assertThat(rejected).hasSize((int) copies);
            assertThat(new String(rejected.get(0).headers().lastHeader(DeadLetters.REASON).value(),
                    StandardCharsets.UTF_8)).contains("could not apply").contains("a bug in the core on "
                    + poison.envelope().id());
            List<InboundEvent> applied = new ArrayList<>(events);
            applied.removeIf(e -> e.envelope().equals(poison.envelope()));
            assertMatchesReplay(pipeline, applied);
        }
    }

    @Test
    void serviceRefusesTopicsThatAreNotCoPartitioned(KafkaCluster kafka) {
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "copartition", 3)) {
            kafka.createTopics(3, pipeline.topic("directory"));
            kafka.createTopics(5, pipeline.topic("licensing"));

            assertThatThrownBy(() -> pipeline.startService("a"))
                    .hasMessageContaining("not co-partitioned")
                    .hasMessageContaining(pipeline.topic("licensing") + "=5");
        }
    }

    static void assertMatchesReplay(Pipeline pipeline, List<InboundEvent> events) {
        Pipeline.Expected expected = Pipeline.replay(events);
        Map<String, List<OutboundEvent>> actual = pipeline.committedOutputs();
        assertNoOutputTwice(pipeline);
        expected.outputs().forEach((tenant, want) -> {
            List<OutboundEvent> got = actual.getOrDefault(tenant, List.of());
            for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
                if (!want.get(i).equals(got.get(i))) {
                    throw new AssertionError("tenant " + tenant + " output " + i + " differs from replay:\n  replay: "
                            + want.get(i) + "\n  live:   " + got.get(i) + "\n  causes around it, replay: "
                            + causes(want, i) + "\n                     live:   " + causes(got, i));
                }
            }
        });
        assertThat(actual.values().stream().mapToInt(List::size).sum())
                .as("each output exactly once").isEqualTo(expected.outputCount());
        assertThat(actual).as("outputs per tenant, in order").isEqualTo(expected.outputs());
        assertThat(pipeline.latestValues("user-licenses")).isEqualTo(expected.userLicenses());
        assertThat(pipeline.latestValues("seats")).isEqualTo(expected.seats());
        assertThat(pipeline.latestValues("group-status")).as("group status (v2)").isEqualTo(expected.groupStatuses());
        assertThat(pipeline.committedAlerts()).as("seat alerts per tenant, in order (v2)").isEqualTo(expected.alerts());
    }

    private static List<String> causes(List<OutboundEvent> outputs, int at) {
        return outputs.subList(Math.max(0, at - 8), Math.min(outputs.size(), at + 8)).stream()
                .map(o -> o.causationId() + ":" + o.data().userId() + "/" + o.data().skuId() + "=" + o.data().state())
                .toList();
    }

    /** Each output id once in the assignments topic; otherwise where each copy is, and what caused it. */
    static void assertNoOutputTwice(Pipeline pipeline) {
        Map<String, List<String>> copies = new java.util.TreeMap<>();
        for (var r : pipeline.readAll(pipeline.topic("assignments"))) {
            try {
                OutboundEvent o = EventCodec.INSTANCE.decodeOutput(r.value());
                copies.computeIfAbsent(o.id(), id -> new ArrayList<>()).add(r.partition() + "@" + r.offset() + " "
                        + o.causationId() + ":" + o.data().userId() + "/" + o.data().skuId() + "=" + o.data().state());
            } catch (dev.seatflow.events.json.InvalidEventException e) {
                throw new AssertionError(e);
            }
        }
        copies.values().removeIf(c -> c.size() == 1);
        assertThat(copies).as("output ids found more than once in the assignments topic, with their copies")
                .isEmpty();
    }
}
