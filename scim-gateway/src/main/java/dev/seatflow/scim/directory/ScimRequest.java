package dev.seatflow.scim.directory;

import java.util.Map;
import java.util.Objects;

/**
 * A SCIM request as the HTTP layer hands it over: the method, the path below the base URL
 * ({@code /Users/42}), the decoded query parameters, the raw body, and the base URL that responses use for
 * {@code meta.location} and {@code Location} ({@code https://host/scim/v2}).
 */
public record ScimRequest(String method, String path, Map<String, String> query, byte[] body, String baseUrl) {
    public ScimRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
        Objects.requireNonNull(baseUrl, "baseUrl");
    }

    public String param(String name) {
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    public boolean isRead() {
        return method.equalsIgnoreCase("GET");
    }
}
