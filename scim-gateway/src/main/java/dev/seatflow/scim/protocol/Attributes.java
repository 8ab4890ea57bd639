package dev.seatflow.scim.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Attribute names and values of SCIM resources held as JSON: case-insensitive lookup (RFC 7643 section 2.1),
 * the canonical spelling of the attributes the schemas define, and the clean-up every stored value gets.
 */
public final class Attributes {
    private static final Map<String, String> CANONICAL = new TreeMap<>();
    /** Attributes whose string values compare case-sensitively (RFC 7643: caseExact true). */
    private static final Set<String> CASE_EXACT = Set.of("id", "externalid", "value", "$ref");
    /** Boolean attributes; Microsoft's provisioning service sends them as the strings "True" and "False". */
    private static final Set<String> BOOLEANS = Set.of("active", "primary");

    static {
        for (String name : List.of("id", "externalId", "meta", "schemas", "userName", "name", "formatted", "familyName",
                "givenName", "middleName", "honorificPrefix", "honorificSuffix", "displayName", "nickName",
                "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone", "active", "password",
                "emails", "phoneNumbers", "ims", "photos", "addresses", "streetAddress", "locality", "region",
                "postalCode", "country", "groups", "entitlements", "roles", "x509Certificates", "value", "display",
                "type", "primary", "$ref", "members", "employeeNumber", "costCenter", "organization", "division",
                "department", "manager", "usageLocation", "created", "lastModified", "location", "version",
                "resourceType")) {
            CANONICAL.put(name.toLowerCase(Locale.ROOT), name);
        }
    }

    private Attributes() {
    }

    /** The spelling to store a new attribute under: the schema's, when the schema defines it. */
    public static String canonical(String name) {
        return CANONICAL.getOrDefault(name.toLowerCase(Locale.ROOT), name);
    }

    /** The key of {@code object} that is {@code name}, compared case-insensitively; null when absent. */
    public static String key(JsonNode object, String name) {
        if (object == null || !object.isObject() || name == null) {
            return null;
        }
        if (object.has(name)) {
            return name;
        }
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (k.equalsIgnoreCase(name)) {
                return k;
            }
        }
        return null;
    }

    /** The value of {@code name} in {@code object}, case-insensitively; null when absent or JSON null. */
    public static JsonNode get(JsonNode object, String name) {
        String k = key(object, name);
        JsonNode v = k == null ? null : object.get(k);
        return v == null || v.isNull() ? null : v;
    }

    /** Sets {@code name} under the spelling it already has, else the canonical one. */
    public static void set(ObjectNode object, String name, JsonNode value) {
        String k = key(object, name);
        object.set(k != null ? k : canonical(name), value);
    }

    public static void remove(ObjectNode object, String name) {
        String k = key(object, name);
        if (k != null) {
            object.remove(k);
        }
    }

    public static boolean caseExact(String attributeName) {
        return attributeName != null && CASE_EXACT.contains(attributeName.toLowerCase(Locale.ROOT));
    }

    /** A text value of {@code name}, or null. */
    public static String text(JsonNode object, String name) {
        JsonNode v = get(object, name);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /**
     * Cleans a value before it is stored: JSON nulls and empty arrays are dropped (unassigned, RFC 7643 section
     * 2.5), "True"/"False" strings of boolean attributes become booleans, and anything else in a boolean
     * attribute is refused, naming the attribute.
     */
    public static void normalize(ObjectNode object, String where) {
        List<String> drop = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            String name = where.isEmpty() ? f.getKey() : where + "." + f.getKey();
            if (v.isNull() || (v.isArray() && v.isEmpty())) {
                drop.add(f.getKey());
            } else if (BOOLEANS.contains(f.getKey().toLowerCase(Locale.ROOT))) {
                f.setValue(bool(v, name));
            } else if (v.isObject()) {
                normalize((ObjectNode) v, name);
            } else if (v.isArray()) {
                ArrayNode a = (ArrayNode) v;
                for (int i = a.size() - 1; i >= 0; i--) {
                    if (a.get(i).isNull()) {
                        a.remove(i);
                    } else if (a.get(i).isObject()) {
                        normalize((ObjectNode) a.get(i), name);
                    }
                }
            }
        }
        drop.forEach(object::remove);
    }

    static JsonNode bool(JsonNode v, String name) {
        if (v.isBoolean()) {
            return v;
        }
        if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
            return BooleanNode.valueOf(v.asText().equalsIgnoreCase("true"));
        }
        throw ScimException.invalidValue(name + " must be true or false, was " + v);
    }
}
