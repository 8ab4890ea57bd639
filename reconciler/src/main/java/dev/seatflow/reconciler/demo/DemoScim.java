package dev.seatflow.reconciler.demo;

import dev.seatflow.events.Envelope;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.LicensingEvent;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.json.EventCodec;
import dev.seatflow.reconciler.shell.Settings;
import dev.seatflow.scim.gateway.ScimGateway;
import dev.seatflow.scim.gateway.ScimSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The demo's SCIM endpoint: the gateway for the demo tenant, on {@code SEATFLOW_SCIM_PORT} (8081) with a demo
 * token, and one SCIM group, "SCIM Pilot", licensed with {@value #SKU} (5 seats), so that the README's curl
 * session sees the reconciler assign a seat to a user it adds there. Kept apart from {@link Demo}, which only
 * starts and closes it.
 */
final class DemoScim {
    static final String TOKEN = "seatflow-demo-token";
    static final String SKU = "POWER_BI_PRO";
    static final String GROUP = "SCIM Pilot";

    private DemoScim() {
    }

    /**
     * Starts the gateway on the demo's topics (its directory topic, its own application id), or says why not and
     * returns null: the demo goes on without it.
     */
    static ScimGateway start(Settings settings, String tenant, PrintStream out) {
        try {
            String port = System.getenv().getOrDefault("SEATFLOW_SCIM_PORT", "8081");
            Path tokens = Files.createTempFile("seatflow-demo-scim-tokens-", ".properties");
            tokens.toFile().deleteOnExit();
            Files.writeString(tokens, tenant + "=" + TOKEN + "\n");
            ScimGateway gateway = ScimGateway.start(ScimSettings.of(Map.of("scim.port", port,
                    "scim.tokens.file", tokens.toString(), "scim.application.id", settings.applicationId() + "-scim",
                    "topic.directory", settings.directoryTopic(), "partitions", Integer.toString(settings.partitions()))),
                    settings.kafkaClientProperties());
            String group = createLicensedGroup(gateway, settings, tenant);
            out.println("SCIM: " + gateway.localUrl() + "  (tenant " + tenant + ", bearer token " + TOKEN
                    + "; group \"" + GROUP + "\" = " + group + " has " + SKU + ")");
            return gateway;
        } catch (RuntimeException | IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            out.println("(no SCIM endpoint: " + e.getMessage() + ")");
            return null;
        }
    }

    private static String createLicensedGroup(ScimGateway gateway, Settings settings, String tenant)
            throws IOException, InterruptedException {
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gateway.localUrl() + "/Groups"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                        + "\"displayName\":\"" + GROUP + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        String group = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body()).get("id").asText();
        Map<String, Object> client = settings.kafkaClientProperties();
        client.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        client.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client)) {
            int n = 0;
            for (LicensingEvent e : List.of(new LicensingEvent.SubscriptionUpserted(SKU, 5, SubscriptionStatus.Enabled,
                    List.of()), new LicensingEvent.GroupLicenseAssigned(group, SKU, List.of()))) {
                Envelope env = new Envelope("demo-scim-" + group + "-" + n++, "/seatflow/demo-scim", tenant, null);
                producer.send(new ProducerRecord<>(settings.licensingTopic(), tenant.getBytes(StandardCharsets.UTF_8),
                        EventCodec.INSTANCE.encodeInput(new InboundEvent(env, e))));
            }
        }
        return group;
    }
}
