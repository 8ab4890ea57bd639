package dev.seatflow.scim.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The discovery endpoints (RFC 7644 section 4): {@code /ServiceProviderConfig}, {@code /ResourceTypes} and
 * {@code /Schemas}. The schemas are a resource file ({@code schemas.json}) beside this class.
 */
public final class Discovery {
    /** Page size when a list request gives no {@code count}, and the most one page holds. */
    public static final int DEFAULT_COUNT = 100;
    public static final int MAX_COUNT = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ArrayNode SCHEMAS = load();

    private Discovery() {
    }

    private static ArrayNode load() {
        try (InputStream in = Discovery.class.getResourceAsStream("/dev/seatflow/scim/schemas.json")) {
            return (ArrayNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode serviceProviderConfig(String baseUrl) {
        ObjectNode c = JSON.createObjectNode();
        c.putArray("schemas").add(Schemas.SERVICE_PROVIDER_CONFIG);
        c.putObject("patch").put("supported", true);
        c.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        c.putObject("filter").put("supported", true).put("maxResults", MAX_COUNT);
        c.putObject("changePassword").put("supported", false);
        c.putObject("sort").put("supported", false);
        c.putObject("etag").put("supported", false);
        ObjectNode bearer = c.putArray("authenticationSchemes").addObject();
        bearer.put("type", "oauthbearertoken");
        bearer.put("name", "OAuth Bearer Token");
        bearer.put("description", "A long-lived bearer token per tenant, from the gateway's tokens file");
        bearer.put("primary", true);
        c.putObject("meta").put("resourceType", "ServiceProviderConfig")
                .put("location", baseUrl + "/ServiceProviderConfig");
        return c;
    }

    public static List<ObjectNode> resourceTypes(String baseUrl) {
        ObjectNode user = resourceType("User", "/Users", Schemas.USER, baseUrl);
        ArrayNode ext = user.putArray("schemaExtensions");
        for (String urn : Schemas.USER_EXTENSIONS) {
            ext.addObject().put("schema", urn).put("required", false);
        }
        return List.of(user, resourceType("Group", "/Groups", Schemas.GROUP, baseUrl));
    }

    private static ObjectNode resourceType(String name, String endpoint, String schema, String baseUrl) {
        ObjectNode t = JSON.createObjectNode();
        t.putArray("schemas").add(Schemas.RESOURCE_TYPE);
        t.put("id", name);
        t.put("name", name);
        t.put("endpoint", endpoint);
        t.put("description", name);
        t.put("schema", schema);
        t.putObject("meta").put("resourceType", "ResourceType").put("location", baseUrl + "/ResourceTypes/" + name);
        return t;
    }

    public static List<ObjectNode> schemas(String baseUrl) {
        List<ObjectNode> out = new java.util.ArrayList<>();
        for (JsonNode s : SCHEMAS) {
            ObjectNode copy = s.deepCopy();
            ((ObjectNode) copy.get("meta")).put("location", baseUrl + "/Schemas/" + copy.get("id").asText());
            out.add(copy);
        }
        return out;
    }

    public static ObjectNode listResponse(List<? extends JsonNode> resources, int total, int startIndex) {
        ObjectNode list = JSON.createObjectNode();
        list.putArray("schemas").add(Schemas.LIST_RESPONSE);
        list.put("totalResults", total);
        list.put("startIndex", startIndex);
        list.put("itemsPerPage", resources.size());
        list.putArray("Resources").addAll(resources.stream().map(JsonNode.class::cast).toList());
        return list;
    }
}
