package dev.seatflow.scim.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seatflow.scim.protocol.ScimException;
import dev.seatflow.scim.protocol.Schemas;
import java.util.Map;

/** A SCIM response: status, a JSON body or none (204), and extra headers ({@code Location}). */
public record ScimResponse(int status, JsonNode body, Map<String, String> headers) {

    public static ScimResponse ok(JsonNode body) {
        return new ScimResponse(200, body, Map.of());
    }

    public static ScimResponse created(JsonNode body, String location) {
        return new ScimResponse(201, body, Map.of("Location", location));
    }

    public static ScimResponse noContent() {
        return new ScimResponse(204, null, Map.of());
    }

    /** RFC 7644 section 3.12: {@code schemas}, {@code scimType} when there is one, {@code detail}, {@code status} as a string. */
    public static ScimResponse error(ScimException e) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("schemas").add(Schemas.ERROR);
        if (e.scimType() != null) {
            body.put("scimType", e.scimType());
        }
        body.put("detail", e.detail());
        body.put("status", Integer.toString(e.status()));
        Map<String, String> headers = e.status() == 401 ? Map.of("WWW-Authenticate", "Bearer realm=\"seatflow-scim\"")
                : Map.of();
        return new ScimResponse(e.status(), body, headers);
    }
}
