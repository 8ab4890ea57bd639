package dev.seatflow.scim.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SCIM rules without Kafka or HTTP: requests go to a {@link ScimService}, and an outcome's records are
 * applied to the tenant's directory as the gateway applies them after its commit.
 */
final class ScimFixture {
    static final String BASE = "https://seatflow.example.com/scim/v2";

    final TenantDirectory directory;
    private final AtomicInteger ids = new AtomicInteger();
    private final ScimService service = new ScimService(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"),
            ZoneOffset.UTC), () -> "id-" + ids.incrementAndGet());

    ScimFixture(String tenant) {
        this.directory = new TenantDirectory(tenant);
    }

    ScimFixture() {
        this("contoso");
    }

    Outcome send(String method, String pathAndQuery, String body) {
        String path = pathAndQuery;
        Map<String, String> query = new LinkedHashMap<>();
        int q = pathAndQuery.indexOf('?');
        if (q >= 0) {
            path = pathAndQuery.substring(0, q);
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                query.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        Outcome outcome = service.handle(new ScimRequest(method, path, query,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), BASE), directory);
        outcome.records().forEach(directory::apply);
        return outcome;
    }

    Outcome get(String path) {
        return send("GET", path, null);
    }

    Outcome post(String path, String body) {
        return send("POST", path, body);
    }

    Outcome put(String path, String body) {
        return send("PUT", path, body);
    }

    Outcome patch(String path, String body) {
        return send("PATCH", path, body);
    }

    Outcome delete(String path) {
        return send("DELETE", path, null);
    }

    /** Creates a user and returns its id. */
    String user(String userName) {
        return post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s"}""".formatted(userName))
                .response().body().get("id").asText();
    }

    String group(String displayName) {
        return post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s"}""".formatted(displayName))
                .response().body().get("id").asText();
    }

    static JsonNode body(Outcome o) {
        return o.response().body();
    }
}
