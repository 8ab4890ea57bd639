package dev.seatflow.scim.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seatflow.scim.protocol.Attributes;
import dev.seatflow.scim.protocol.ScimException;
import dev.seatflow.scim.protocol.Schemas;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Resource bodies in and out: what a POST or PUT body may hold and what is kept of it, what a stored resource
 * must satisfy, and the JSON a response shows.
 */
final class Resources {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Read-only (or write-only) attributes a client may send but that are never stored. */
    private static final Set<String> USER_IGNORED = Set.of("id", "meta", "schemas", "groups", "password");
    private static final Set<String> GROUP_IGNORED = Set.of("id", "meta", "schemas", "members");

    private Resources() {
    }

    enum Kind {
        USER("User", "/Users", Schemas.USER, USER_IGNORED),
        GROUP("Group", "/Groups", Schemas.GROUP, GROUP_IGNORED);

        final String name;
        final String endpoint;
        final String schema;
        final Set<String> ignored;

        Kind(String name, String endpoint, String schema, Set<String> ignored) {
            this.name = name;
            this.endpoint = endpoint;
            this.schema = schema;
            this.ignored = ignored;
        }

        List<String> extensions() {
            return this == USER ? Schemas.USER_EXTENSIONS : List.of();
        }
    }

    /**
     * The attributes to store from a POST or PUT body: the body less read-only attributes, nulls and empty
     * arrays, with extensions under their canonical URN. Refuses, naming the problem: a body that is not an
     * object, missing or unknown schemas, an extension of another resource type, a missing {@code userName}
     * or {@code displayName}.
     */
    static ObjectNode attributesOf(Kind kind, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("the body must be a JSON object (a " + kind.name + " resource)");
        }
        checkSchemas(kind, Attributes.get(body, "schemas"));
        ObjectNode attributes = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = f.getKey();
            if (kind.ignored.contains(key.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (key.regionMatches(true, 0, "urn:", 0, 4)) {
                String urn = extension(kind, key);
                if (!f.getValue().isObject() && !f.getValue().isNull()) {
                    throw ScimException.invalidValue(urn + " must be an object of its attributes");
                }
                attributes.set(urn, f.getValue().deepCopy());
            } else {
                attributes.set(Attributes.canonical(key), f.getValue().deepCopy());
            }
        }
        Attributes.normalize(attributes, "");
        validate(kind, attributes);
        return attributes;
    }

    private static void checkSchemas(Kind kind, JsonNode schemas) {
        if (schemas == null || !schemas.isArray() || schemas.isEmpty()) {
            throw ScimException.invalidValue("\"schemas\" is required: a " + kind.name + " lists [\"" + kind.schema
                    + "\"] and the extensions it uses");
        }
        boolean core = false;
        for (JsonNode s : schemas) {
            String urn = s.isTextual() ? Schemas.canonical(s.asText()).orElse(null) : null;
            if (urn == null || !(urn.equals(kind.schema) || kind.extensions().contains(urn))) {
                throw ScimException.invalidValue("unknown schema " + s + " for a " + kind.name + ": known are "
                        + kind.schema + (kind.extensions().isEmpty() ? "" : " and " + String.join(", ", kind.extensions())));
            }
            core |= urn.equals(kind.schema);
        }
        if (!core) {
            throw ScimException.invalidValue("\"schemas\" must include " + kind.schema);
        }
    }

    private static String extension(Kind kind, String key) {
        String urn = Schemas.canonical(key).orElse(null);
        if (urn == null || !kind.extensions().contains(urn)) {
            throw ScimException.invalidValue("unknown schema extension " + key + " for a " + kind.name);
        }
        return urn;
    }

    /** What every stored resource satisfies, checked after every POST, PUT and PATCH. */
    static void validate(Kind kind, ObjectNode attributes) {
        if (kind == Kind.USER) {
            JsonNode userName = Attributes.get(attributes, "userName");
            if (userName == null || !userName.isTextual() || userName.asText().isBlank()) {
                throw ScimException.invalidValue("userName is required: a non-empty string, unique in the tenant");
            }
            JsonNode userType = Attributes.get(attributes, "userType");
            if (userType != null && !userType.isTextual()) {
                throw ScimException.invalidValue("userType must be a string such as \"Member\" or \"Guest\", was "
                        + userType);
            }
            UserMapping.validate(attributes);
        } else {
            JsonNode name = Attributes.get(attributes, "displayName");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                throw ScimException.invalidValue("displayName is required: a non-empty string");
            }
        }
        for (String urn : List.of(Schemas.ENTERPRISE_USER, Schemas.SEATFLOW_USER)) {
            JsonNode ext = Attributes.get(attributes, urn);
            if (ext != null && !ext.isObject()) {
                throw ScimException.invalidValue(urn + " must be an object of its attributes");
            }
        }
    }

    /**
     * The members a body or PATCH value lists, resolved in {@code directory}: each needs a {@code value} that is
     * the id of a user or a group of this tenant; a {@code type}, when given, must agree.
     */
    static LinkedHashMap<String, MemberType> members(JsonNode value, TenantDirectory directory) {
        LinkedHashMap<String, MemberType> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        for (JsonNode m : value.isArray() ? value : List.of(value)) {
            String id = m.isObject() ? Attributes.text(m, "value") : null;
            if (id == null || id.isBlank()) {
                throw ScimException.invalidValue("a member is an object with \"value\": the id of a user or group, was "
                        + m);
            }
            MemberType type = directory.user(id) != null ? MemberType.User
                    : directory.group(id) != null ? MemberType.Group : null;
            if (type == null) {
                throw ScimException.invalidValue("member " + id + " does not exist: members are ids of users or "
                        + "groups of this tenant, as this gateway returned them");
            }
            String said = Attributes.text(m, "type");
            if (said != null && !said.equalsIgnoreCase(type.name())) {
                throw ScimException.invalidValue("member " + id + " is a " + type + ", not a " + said);
            }
            out.put(id, type);
        }
        return out;
    }

    static ObjectNode render(Kind kind, String id, String created, String lastModified, ObjectNode attributes,
            String baseUrl) {
        ObjectNode out = NODES.objectNode();
        var schemas = out.putArray("schemas").add(kind.schema);
        for (String ext : kind.extensions()) {
            if (attributes.has(ext)) {
                schemas.add(ext);
            }
        }
        out.put("id", id);
        out.setAll(attributes.deepCopy());
        out.putObject("meta").put("resourceType", kind.name).put("created", created)
                .put("lastModified", lastModified).put("location", location(kind, id, baseUrl));
        return out;
    }

    static String location(Kind kind, String id, String baseUrl) {
        return baseUrl + kind.endpoint + "/" + id;
    }

    static com.fasterxml.jackson.databind.node.ArrayNode renderMembers(Map<String, MemberType> members,
            TenantDirectory directory, String baseUrl) {
        var array = NODES.arrayNode();
        for (Map.Entry<String, MemberType> m : members.entrySet()) {
            ObjectNode member = array.addObject();
            member.put("value", m.getKey());
            String display = null;
            if (m.getValue() == MemberType.User) {
                StoredUser u = directory.user(m.getKey());
                if (u != null) {
                    display = Attributes.text(u.attributes(), "displayName");
                    display = display != null ? display : Attributes.text(u.attributes(), "userName");
                }
                member.put("$ref", location(Kind.USER, m.getKey(), baseUrl));
            } else {
                StoredGroup g = directory.group(m.getKey());
                display = g == null ? null : Attributes.text(g.attributes(), "displayName");
                member.put("$ref", location(Kind.GROUP, m.getKey(), baseUrl));
            }
            if (display != null) {
                member.put("display", display);
            }
            member.put("type", m.getValue().name());
        }
        return array;
    }

    static List<String> removedFrom(Map<String, MemberType> before, Map<String, MemberType> after) {
        List<String> out = new ArrayList<>();
        before.keySet().forEach(id -> {
            if (!after.containsKey(id)) {
                out.add(id);
            }
        });
        return out;
    }
}
