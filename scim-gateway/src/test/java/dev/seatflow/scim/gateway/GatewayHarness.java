package dev.seatflow.scim.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.scim2.client.ScimService;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.json.EventCodec;
import dev.seatflow.testkit.Eventually;
import dev.seatflow.testkit.KafkaCluster;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.jdk.connector.JdkConnectorProvider;

/**
 * One gateway on the test broker with topics of its own, its tokens file, SCIM clients for its tenants
 * (UnboundID's SDK, and plain HTTP for exact request bodies), and a read_committed reader of what it published.
 */
final class GatewayHarness implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    final KafkaCluster kafka;
    final Map<String, String> settings = new HashMap<>();
    final Path tokens;
    ScimGateway gateway;
    private final Client jersey = ClientBuilder.newClient(new ClientConfig().connectorProvider(new JdkConnectorProvider()));
    private final HttpClient http = HttpClient.newHttpClient();
    private KafkaConsumer<byte[], byte[]> reader;
    private final List<ConsumerRecord<byte[], byte[]>> published = new ArrayList<>();

    GatewayHarness(KafkaCluster kafka, String name, Map<String, String> tenantTokens) throws IOException {
        this.kafka = kafka;
        this.tokens = Files.createTempFile("scim-tokens-", ".properties");
        writeTokens(tenantTokens);
        String prefix = kafka.uniqueName(name);
        settings.put("scim.port", "0");
        settings.put("scim.tokens.file", tokens.toString());
        settings.put("scim.application.id", prefix);
        settings.put("topic.directory", prefix + ".directory");
        settings.put("partitions", "2");
    }

    GatewayHarness start() {
        gateway = ScimGateway.start(ScimSettings.of(settings), Map.of("bootstrap.servers", kafka.bootstrapServers()));
        return this;
    }

    String directoryTopic() {
        return settings.get("topic.directory");
    }

    void writeTokens(Map<String, String> tenantTokens) throws IOException {
        StringBuilder b = new StringBuilder("# tenant=token\n");
        tenantTokens.forEach((t, token) -> b.append(t).append('=').append(token).append('\n'));
        Files.writeString(tokens, b);
    }

    /** UnboundID's SCIM client, authenticated with {@code token}. */
    ScimService client(String token) {
        return new ScimService(jersey.target(gateway.localUrl())
                .register((ClientRequestFilter) ctx -> ctx.getHeaders().putSingle("Authorization", "Bearer " + token)));
    }

    /** A request as an identity provider sends it, body and all. */
    Response send(String token, String method, String pathAndQuery, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.localUrl() + encodeQuery(pathAndQuery)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/scim+json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()), r);
    }

    record Response(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private static String encodeQuery(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        if (q < 0) {
            return pathAndQuery;
        }
        StringBuilder out = new StringBuilder(pathAndQuery.substring(0, q + 1));
        for (String pair : pathAndQuery.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            out.append(out.charAt(out.length() - 1) == '?' ? "" : "&").append(pair, 0, eq + 1)
                    .append(URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }

    /** Waits until {@code count} published records satisfy {@code which}, and returns them in order. */
    synchronized List<ConsumerRecord<byte[], byte[]>> awaitRecords(Predicate<InboundEvent> which, int count) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        Eventually.await(PATIENCE, count + " events on " + directoryTopic(), () -> {
            poll();
            found.clear();
            for (ConsumerRecord<byte[], byte[]> r : published) {
                if (which.test(decode(r))) {
                    found.add(r);
                }
            }
            return found.size() >= count;
        });
        return found;
    }

    List<InboundEvent> awaitEvents(Predicate<InboundEvent> which, int count) {
        return awaitRecords(which, count).stream().map(GatewayHarness::decode).toList();
    }

    /** Everything published so far for {@code tenant}, once {@code last} is among it. */
    List<InboundEvent> eventsOfTenantUpTo(String tenant, Predicate<InboundEvent> last) {
        awaitEvents(e -> e.tenantId().equals(tenant) && last.test(e), 1);
        return published.stream().map(GatewayHarness::decode).filter(e -> e.tenantId().equals(tenant)).toList();
    }

    static InboundEvent decode(ConsumerRecord<byte[], byte[]> r) {
        try {
            return EventCodec.INSTANCE.decodeInput(r.value());
        } catch (dev.seatflow.events.json.InvalidEventException e) {
            throw new AssertionError("not a contract event: " + new String(r.value(), StandardCharsets.UTF_8), e);
        }
    }

    private void poll() {
        if (reader == null) {
            Map<String, Object> c = kafka.consumerConfig(kafka.uniqueName("reader"));
            c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            reader = new KafkaConsumer<>(c);
            List<TopicPartition> parts = reader.partitionsFor(directoryTopic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            reader.assign(parts);
            reader.seekToBeginning(parts);
        }
        reader.poll(Duration.ofMillis(100)).forEach(published::add);
    }

    @Override
    public void close() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        if (reader != null) {
            reader.close();
        }
        jersey.close();
        Files.deleteIfExists(tokens);
    }
}
