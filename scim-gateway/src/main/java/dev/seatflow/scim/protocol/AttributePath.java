package dev.seatflow.scim.protocol;

import java.util.Locale;
import java.util.Objects;

/**
 * {@code [schema ":"] attribute ["." subAttribute]} (RFC 7644 section 3.10). {@code schema} is null for the
 * resource's core schema and an extension URN otherwise; {@code attribute} is null when the path names the whole
 * extension object. Names are compared case-insensitively, as SCIM requires.
 */
public record AttributePath(String schema, String attribute, String subAttribute) {
    public AttributePath {
        if (attribute == null && (schema == null || subAttribute != null)) {
            throw new IllegalArgumentException("a path names an attribute or an extension");
        }
    }

    public static AttributePath of(String attribute) {
        return new AttributePath(null, attribute, null);
    }

    /** Parses one attribute path, without value filters. */
    public static AttributePath parse(String text) {
        String rest = text;
        String schema = null;
        var urn = Schemas.extensionPrefix(text);
        if (urn.isPresent()) {
            schema = Schemas.isCore(urn.get()) ? null : urn.get();
            rest = text.length() == urn.get().length() ? "" : text.substring(urn.get().length() + 1);
            if (rest.isEmpty()) {
                if (schema == null) {
                    throw ScimException.invalidPath("'" + text + "' names a schema, not an attribute");
                }
                return new AttributePath(schema, null, null);
            }
        } else if (text.regionMatches(true, 0, "urn:", 0, 4)) {
            throw ScimException.invalidPath("unknown schema in attribute path '" + text + "'");
        }
        int dot = rest.indexOf('.');
        String attr = dot < 0 ? rest : rest.substring(0, dot);
        String sub = dot < 0 ? null : rest.substring(dot + 1);
        if (!validName(attr) || (sub != null && !validName(sub))) {
            throw ScimException.invalidPath("'" + text + "' is not a valid attribute path");
        }
        return new AttributePath(schema, attr, sub);
    }

    static boolean validName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = Character.isLetterOrDigit(c) || c == '_' || c == '-' || (c == '$' && i == 0);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public boolean is(String attributeName) {
        return schema == null && attribute != null && attribute.equalsIgnoreCase(attributeName) && subAttribute == null;
    }

    public String lowerAttribute() {
        return attribute == null ? null : attribute.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (schema != null) {
            b.append(schema);
            if (attribute != null) {
                b.append(':');
            }
        }
        if (attribute != null) {
            b.append(attribute);
        }
        if (subAttribute != null) {
            b.append('.').append(subAttribute);
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributePath p && Objects.equals(schema, p.schema)
                && eqIgnoreCase(attribute, p.attribute) && eqIgnoreCase(subAttribute, p.subAttribute);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, lower(attribute), lower(subAttribute));
    }

    private static boolean eqIgnoreCase(String a, String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
