package dev.seatflow.scim.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seatflow.scim.protocol.AttributePath;
import dev.seatflow.scim.protocol.Attributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code attributes} and {@code excludedAttributes} query parameters (RFC 7644 section 3.9): which
 * attributes a response holds. {@code id} and {@code schemas} are always returned.
 */
public record Projection(List<AttributePath> attributes, List<AttributePath> excluded) {

    public static final Projection ALL = new Projection(List.of(), List.of());

    public static Projection of(String attributes, String excludedAttributes) {
        return new Projection(paths(attributes), paths(excludedAttributes));
    }

    private static List<AttributePath> paths(String list) {
        List<AttributePath> out = new ArrayList<>();
        if (list != null) {
            for (String p : list.split(",")) {
                if (!p.isBlank()) {
                    out.add(AttributePath.parse(p.trim()));
                }
            }
        }
        return out;
    }

    public boolean isRequested() {
        return !attributes.isEmpty() || !excluded.isEmpty();
    }

    /** Whether the response needs {@code name} at all (so that large member lists are not built for nothing). */
    public boolean includes(String name) {
        if (!attributes.isEmpty() && attributes.stream().noneMatch(p -> p.schema() == null
                && name.equalsIgnoreCase(p.attribute()))) {
            return false;
        }
        return excluded.stream().noneMatch(p -> p.is(name));
    }

    public ObjectNode apply(ObjectNode resource) {
        if (!isRequested()) {
            return resource;
        }
        ObjectNode out = resource;
        if (!attributes.isEmpty()) {
            out = resource.objectNode();
            copy(resource, out, "schemas");
            copy(resource, out, "id");
            for (AttributePath p : attributes) {
                ObjectNode from = resource;
                ObjectNode to = out;
                if (p.schema() != null) {
                    JsonNode ext = Attributes.get(resource, p.schema());
                    if (ext == null || !ext.isObject()) {
                        continue;
                    }
                    if (p.attribute() == null) {
                        out.set(p.schema(), ext);
                        continue;
                    }
                    from = (ObjectNode) ext;
                    to = out.has(p.schema()) ? (ObjectNode) out.get(p.schema()) : out.putObject(p.schema());
                }
                String key = Attributes.key(from, p.attribute());
                if (key == null) {
                    continue;
                }
                JsonNode v = from.get(key);
                if (p.subAttribute() != null && v.isObject()) {
                    ObjectNode part = to.has(key) && to.get(key).isObject() ? (ObjectNode) to.get(key) : to.putObject(key);
                    String sub = Attributes.key(v, p.subAttribute());
                    if (sub != null) {
                        part.set(sub, v.get(sub));
                    }
                } else {
                    to.set(key, v);
                }
            }
        } else {
            out = resource.deepCopy();
        }
        for (AttributePath p : excluded) {
            if (p.schema() == null && (p.is("id") || p.is("schemas"))) {
                continue;
            }
            ObjectNode in = out;
            if (p.schema() != null) {
                JsonNode ext = Attributes.get(out, p.schema());
                if (ext == null || !ext.isObject()) {
                    continue;
                }
                if (p.attribute() == null) {
                    Attributes.remove(out, p.schema());
                    continue;
                }
                in = (ObjectNode) ext;
            }
            if (p.subAttribute() == null) {
                Attributes.remove(in, p.attribute());
            } else {
                JsonNode v = Attributes.get(in, p.attribute());
                if (v != null && v.isObject()) {
                    Attributes.remove((ObjectNode) v, p.subAttribute());
                }
            }
        }
        return out;
    }

    private static void copy(ObjectNode from, ObjectNode to, String name) {
        if (from.has(name)) {
            to.set(name, from.get(name));
        }
    }
}
