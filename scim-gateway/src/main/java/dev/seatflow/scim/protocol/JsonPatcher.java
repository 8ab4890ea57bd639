package dev.seatflow.scim.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies PATCH operations to a resource held as JSON (RFC 7644 section 3.5.2), in place.
 *
 * <ul>
 *   <li>No path: the value's members are applied one by one. Their names may themselves be paths
 *       ({@code "name.givenName"}, {@code "emails[type eq \"work\"].value"}, an extension URN followed by an
 *       attribute), as Microsoft's provisioning service sends them; {@code id}, {@code schemas} and
 *       {@code meta} are read-only and skipped (Okta repeats {@code id} when it renames a group).
 *   <li>add: a multi-valued attribute gets the values it does not have yet; a complex attribute gets the
 *       sub-attributes given; anything else is set. replace: a complex attribute's given sub-attributes are
 *       replaced, anything else is set.
 *   <li>A value filter selects values of a multi-valued attribute. replace (and add, which Microsoft sends
 *       for the same purpose) changes the matching values; when none match and the filter only states equalities
 *       ({@code type eq "work"}), a value with those sub-attributes is added, so that
 *       {@code addresses[type eq "work"].country} works on a user who has no work address yet.
 *   <li>remove: the attribute, the sub-attribute, or the matching values. With a value and no filter
 *       (Microsoft's {@code {"op":"Remove","path":"members","value":[{"value":"id"}]}}), the values whose
 *       {@code value} is given are removed, not the whole attribute.
 * </ul>
 */
public final class JsonPatcher {
    private static final Set<String> READ_ONLY = Set.of("id", "schemas", "meta");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonPatcher() {
    }

    public static void apply(ObjectNode resource, PatchOperation operation) {
        if (operation.path() == null) {
            Iterator<Map.Entry<String, JsonNode>> fields = operation.value().fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (READ_ONLY.contains(f.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    continue;
                }
                PatchPath path = PatchPath.parse(f.getKey());
                apply(resource, new PatchOperation(operation.op(), path, f.getValue()));
            }
            return;
        }
        PatchPath path = operation.path();
        AttributePath attr = path.attribute();
        if (attr.schema() == null && attr.attribute() != null && READ_ONLY.contains(attr.lowerAttribute())) {
            throw ScimException.mutability(attr + " is read-only");
        }
        ObjectNode container = resource;
        if (attr.schema() != null) {
            JsonNode ext = Attributes.get(resource, attr.schema());
            if (ext == null || !ext.isObject()) {
                if (operation.op() == PatchOperation.Op.REMOVE) {
                    return;
                }
                ext = NODES.objectNode();
                resource.set(attr.schema(), ext);
            }
            container = (ObjectNode) ext;
            if (attr.attribute() == null) {
                ObjectNode extension = container;
                if (operation.op() == PatchOperation.Op.REMOVE) {
                    Attributes.remove(resource, attr.schema());
                } else if (operation.value().isObject()) {
                    operation.value().fields().forEachRemaining(f -> Attributes.set(extension, f.getKey(),
                            f.getValue().deepCopy()));
                } else {
                    throw ScimException.invalidValue("the value of " + attr.schema() + " must be an object");
                }
                return;
            }
        }
        if (path.valueFilter() != null) {
            filtered(container, operation);
        } else if (attr.subAttribute() != null) {
            subAttribute(container, operation);
        } else {
            attribute(container, operation);
        }
    }

    private static void attribute(ObjectNode container, PatchOperation operation) {
        String name = operation.path().attribute().attribute();
        JsonNode existing = Attributes.get(container, name);
        JsonNode value = operation.value();
        switch (operation.op()) {
            case REMOVE -> {
                if (value != null && existing != null && existing.isArray()) {
                    removeValues((ArrayNode) existing, value);
                } else {
                    Attributes.remove(container, name);
                }
            }
            case ADD -> {
                if (existing != null && existing.isArray()) {
                    ArrayNode array = (ArrayNode) existing;
                    for (JsonNode v : value.isArray() ? value : List.of(value)) {
                        if (!contains(array, v)) {
                            array.add(v.deepCopy());
                        }
                    }
                } else if (existing != null && existing.isObject() && value.isObject()) {
                    value.fields().forEachRemaining(f -> Attributes.set((ObjectNode) existing, f.getKey(),
                            f.getValue().deepCopy()));
                } else {
                    Attributes.set(container, name, value.deepCopy());
                }
            }
            case REPLACE -> {
                if (existing != null && existing.isObject() && value.isObject()) {
                    value.fields().forEachRemaining(f -> Attributes.set((ObjectNode) existing, f.getKey(),
                            f.getValue().deepCopy()));
                } else {
                    Attributes.set(container, name, value.deepCopy());
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    private static void subAttribute(ObjectNode container, PatchOperation operation) {
        AttributePath attr = operation.path().attribute();
        JsonNode existing = Attributes.get(container, attr.attribute());
        if (existing != null && existing.isArray()) {
            throw ScimException.invalidPath(attr + ": " + attr.attribute() + " is multi-valued; select its values "
                    + "with a filter, e.g. " + attr.attribute() + "[type eq \"work\"]." + attr.subAttribute());
        }
        if (operation.op() == PatchOperation.Op.REMOVE) {
            if (existing != null && existing.isObject()) {
                Attributes.remove((ObjectNode) existing, attr.subAttribute());
            }
            return;
        }
        if (existing == null || !existing.isObject()) {
            existing = NODES.objectNode();
            Attributes.set(container, attr.attribute(), existing);
        }
        Attributes.set((ObjectNode) existing, attr.subAttribute(), operation.value().deepCopy());
    }

    private static void filtered(ObjectNode container, PatchOperation operation) {
        PatchPath path = operation.path();
        String name = path.attribute().attribute();
        JsonNode existing = Attributes.get(container, name);
        ArrayNode array;
        if (existing == null) {
            array = NODES.arrayNode();
        } else if (existing.isArray()) {
            array = (ArrayNode) existing;
        } else {
            throw ScimException.invalidPath(name + " is not multi-valued: a value filter cannot select its values");
        }
        List<ObjectNode> matching = new ArrayList<>();
        for (JsonNode element : array) {
            if (element.isObject() && FilterEvaluator.matches(path.valueFilter(), element)) {
                matching.add((ObjectNode) element);
            }
        }
        if (operation.op() == PatchOperation.Op.REMOVE) {
            for (int i = array.size() - 1; i >= 0; i--) {
                JsonNode element = array.get(i);
                if (matching.stream().anyMatch(m -> m == element)) {
                    if (path.subAttribute() == null) {
                        array.remove(i);
                    } else {
                        Attributes.remove((ObjectNode) array.get(i), path.subAttribute());
                    }
                }
            }
            if (array.isEmpty() && existing != null) {
                Attributes.remove(container, name);
            }
            return;
        }
        if (matching.isEmpty()) {
            ObjectNode created = fromEqualities(path.valueFilter());
            if (created == null) {
                throw ScimException.noTarget("no value of " + name + " matches " + path.valueFilter()
                        + " and the filter does not say which value to add");
            }
            array.add(created);
            matching.add(created);
            if (existing == null) {
                Attributes.set(container, name, array);
            }
        }
        JsonNode value = operation.value();
        for (ObjectNode m : matching) {
            if (path.subAttribute() != null) {
                Attributes.set(m, path.subAttribute(), value.deepCopy());
            } else if (value.isObject()) {
                value.fields().forEachRemaining(f -> Attributes.set(m, f.getKey(), f.getValue().deepCopy()));
            } else {
                throw ScimException.invalidValue("the values of " + name + " are objects; the value must be one, was "
                        + value);
            }
        }
    }

    /** {@code type eq "work" and primary eq true} as {@code {"type":"work","primary":true}}; null otherwise. */
    private static ObjectNode fromEqualities(Filter filter) {
        ObjectNode out = NODES.objectNode();
        return collect(filter, out) ? out : null;
    }

    private static boolean collect(Filter filter, ObjectNode out) {
        if (filter instanceof Filter.And and) {
            return collect(and.left(), out) && collect(and.right(), out);
        }
        if (filter instanceof Filter.Compare c && c.operator() == Filter.Operator.EQ && c.path().schema() == null
                && c.path().subAttribute() == null && !c.value().isNull()) {
            Attributes.set(out, c.path().attribute(), c.value().deepCopy());
            return true;
        }
        return false;
    }

    private static boolean contains(ArrayNode array, JsonNode v) {
        for (JsonNode e : array) {
            if (e.equals(v) || sameValue(e, v)) {
                return true;
            }
        }
        return false;
    }

    /** Two complex values with the same {@code value} sub-attribute are the same value ({@code members}). */
    private static boolean sameValue(JsonNode a, JsonNode b) {
        JsonNode va = a.isObject() ? Attributes.get(a, "value") : null;
        JsonNode vb = b.isObject() ? Attributes.get(b, "value") : null;
        return va != null && va.equals(vb) && va.isTextual()
                && equalsOrAbsent(Attributes.get(a, "type"), Attributes.get(b, "type"));
    }

    private static boolean equalsOrAbsent(JsonNode a, JsonNode b) {
        return a == null || b == null || a.equals(b);
    }

    private static void removeValues(ArrayNode array, JsonNode value) {
        for (JsonNode v : value.isArray() ? value : List.of(value)) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if (array.get(i).equals(v) || sameValue(array.get(i), v)) {
                    array.remove(i);
                }
            }
        }
    }
}
