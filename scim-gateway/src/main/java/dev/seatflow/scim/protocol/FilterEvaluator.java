package dev.seatflow.scim.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a JSON resource (or one value of a multi-valued attribute) matches a {@link Filter}. An attribute
 * with several values (a multi-valued attribute, or a sub-attribute of one) matches when any value does; a
 * complex value compared as a whole is compared by its {@code value} sub-attribute ({@code manager eq "42"}).
 * Strings compare case-insensitively except for case-exact attributes ({@code id}, {@code externalId},
 * {@code value}); numbers numerically; {@code gt}/{@code lt}/{@code ge}/{@code le} order strings (and so the
 * ISO timestamps of {@code meta}) lexicographically.
 */
public final class FilterEvaluator {

    private FilterEvaluator() {
    }

    public static boolean matches(Filter filter, JsonNode context) {
        if (filter instanceof Filter.And f) {
            return matches(f.left(), context) && matches(f.right(), context);
        } else if (filter instanceof Filter.Or f) {
            return matches(f.left(), context) || matches(f.right(), context);
        } else if (filter instanceof Filter.Not f) {
            return !matches(f.filter(), context);
        } else if (filter instanceof Filter.Present f) {
            return values(f.path(), context).stream().anyMatch(v -> !(v.isTextual() && v.asText().isEmpty()));
        } else if (filter instanceof Filter.ValuePath f) {
            for (JsonNode element : values(f.attribute(), context)) {
                if (element.isObject() && matches(f.filter(), element)) {
                    return true;
                }
            }
            return false;
        } else if (filter instanceof Filter.Compare f) {
            return compare(f, context);
        }
        throw new IllegalStateException("unknown filter " + filter);
    }

    private static boolean compare(Filter.Compare f, JsonNode context) {
        List<JsonNode> values = values(f.path(), context);
        String leafName = f.path().subAttribute() != null ? f.path().subAttribute() : f.path().attribute();
        if (f.value().isNull()) {
            boolean absent = values.isEmpty();
            return switch (f.operator()) {
                case EQ -> absent;
                case NE -> !absent;
                default -> throw ScimException.invalidFilter("'" + f.operator().name().toLowerCase(Locale.ROOT)
                        + " null' is not a comparison");
            };
        }
        if (f.operator() == Filter.Operator.NE) {
            return !compare(new Filter.Compare(f.path(), Filter.Operator.EQ, f.value()), context);
        }
        for (JsonNode v : values) {
            JsonNode leaf = v.isObject() ? Attributes.get(v, "value") : v;
            if (leaf != null && test(f.operator(), leaf, f.value(), Attributes.caseExact(leafName))) {
                return true;
            }
        }
        return false;
    }

    private static boolean test(Filter.Operator op, JsonNode actual, JsonNode expected, boolean caseExact) {
        if (expected.isBoolean()) {
            if (op != Filter.Operator.EQ) {
                throw ScimException.invalidFilter("booleans compare with eq and ne only");
            }
            JsonNode b = actual.isTextual() ? Attributes.bool(actual, "value") : actual;
            return b.isBoolean() && b.asBoolean() == expected.asBoolean();
        }
        if (expected.isNumber()) {
            if (!actual.isNumber()) {
                return false;
            }
            int c = actual.decimalValue().compareTo(expected.decimalValue());
            return order(op, c);
        }
        if (!actual.isTextual() && !actual.isNumber() && !actual.isBoolean()) {
            return false;
        }
        String a = actual.asText();
        String e = expected.asText();
        if (!caseExact) {
            a = a.toLowerCase(Locale.ROOT);
            e = e.toLowerCase(Locale.ROOT);
        }
        return switch (op) {
            case EQ -> a.equals(e);
            case CO -> a.contains(e);
            case SW -> a.startsWith(e);
            case EW -> a.endsWith(e);
            default -> order(op, a.compareTo(e));
        };
    }

    private static boolean order(Filter.Operator op, int c) {
        return switch (op) {
            case EQ -> c == 0;
            case GT -> c > 0;
            case LT -> c < 0;
            case GE -> c >= 0;
            case LE -> c <= 0;
            default -> throw ScimException.invalidFilter("'" + op.name().toLowerCase(Locale.ROOT)
                    + "' compares strings, not numbers");
        };
    }

    /** Every value {@code path} reaches in {@code context}, multi-valued attributes flattened. */
    static List<JsonNode> values(AttributePath path, JsonNode context) {
        JsonNode container = path.schema() == null ? context : Attributes.get(context, path.schema());
        List<JsonNode> out = new ArrayList<>();
        if (container == null) {
            return out;
        }
        JsonNode v = path.attribute() == null ? container : Attributes.get(container, path.attribute());
        if (v == null) {
            return out;
        }
        List<JsonNode> level = new ArrayList<>();
        flatten(v, level);
        if (path.subAttribute() == null) {
            return level;
        }
        for (JsonNode element : level) {
            JsonNode sub = Attributes.get(element, path.subAttribute());
            if (sub != null) {
                flatten(sub, out);
            }
        }
        return out;
    }

    private static void flatten(JsonNode v, List<JsonNode> out) {
        if (v.isArray()) {
            v.forEach(e -> {
                if (!e.isNull()) {
                    out.add(e);
                }
            });
        } else if (!v.isNull()) {
            out.add(v);
        }
    }
}
