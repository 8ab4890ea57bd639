package dev.seatflow.events.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The members of one JSON object, read against the contract's rules. Every failure names the full
 * path of the member ({@code prefix} + name), so nested objects report {@code data.seats}.
 *
 * <p>A member whose value is JSON {@code null} counts as absent, as CloudEvents requires of
 * attributes; the contract's optional fields follow the same rule so producers may write either.
 */
final class Fields {

    private static final BigDecimal MAX_INT = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final int SHOWN_CHARS = 60;

    private final JsonNode object;
    private final String prefix;

    private Fields(JsonNode object, String prefix) {
        this.object = object;
        this.prefix = prefix;
    }

    static Fields of(JsonNode object, String path) throws InvalidEventException {
        if (!object.isObject()) {
            throw new InvalidEventException(path, "must be a JSON object, was " + show(object));
        }
        return new Fields(object, path.equals(InvalidEventException.DOCUMENT) ? "" : path + ".");
    }

    /** An object without members, standing in for data that may be omitted. */
    static Fields empty(String path) {
        return new Fields(JsonNodeFactory.instance.objectNode(), path + ".");
    }

    String path(String name) {
        return prefix + name;
    }

    /** The member's value, or null when it is absent or JSON null. */
    JsonNode get(String name) {
        JsonNode n = object.get(name);
        return n == null || n.isNull() ? null : n;
    }

    boolean has(String name) {
        return get(name) != null;
    }

    /** The nested object, or null when absent. */
    Fields optionalObject(String name) throws InvalidEventException {
        JsonNode n = get(name);
        return n == null ? null : of(n, path(name));
    }

    Fields requiredObject(String name, String why) throws InvalidEventException {
        JsonNode n = get(name);
        if (n == null) {
            throw new InvalidEventException(path(name), why);
        }
        return of(n, path(name));
    }

    /** An array of objects, each read with its index in the path ({@code licenses[0].skuId}). */
    List<Fields> requiredObjects(String name) throws InvalidEventException {
        JsonNode n = get(name);
        if (n == null) {
            throw new InvalidEventException(path(name), "is required");
        }
        if (!n.isArray()) {
            throw new InvalidEventException(path(name), "must be an array of objects, was " + show(n));
        }
        List<Fields> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            out.add(of(n.get(i), path(name) + "[" + i + "]"));
        }
        return out;
    }

    String requiredString(String name) throws InvalidEventException {
        JsonNode n = get(name);
        if (n == null) {
            throw new InvalidEventException(path(name), "is required");
        }
        return nonEmptyString(n, path(name));
    }

    /** A non-empty string, or null when absent: an empty string would be ambiguous here. */
    String optionalString(String name) throws InvalidEventException {
        JsonNode n = get(name);
        return n == null ? null : nonEmptyString(n, path(name));
    }

    /** A string where empty means none, as the contract says of usage locations. */
    String stringOrNone(String name) throws InvalidEventException {
        JsonNode n = get(name);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            throw new InvalidEventException(path(name), "must be a string or null, was " + show(n));
        }
        return n.textValue().isEmpty() ? null : n.textValue();
    }

    /** An integer 0..Integer.MAX_VALUE; 3.0 counts as an integer, as in JSON Schema. */
    int count(String name) throws InvalidEventException {
        JsonNode n = get(name);
        if (n == null) {
            throw new InvalidEventException(path(name), "is required");
        }
        return count(n, path(name), "an integer >= 0");
    }

    /** A count, or null when absent or JSON null. */
    Integer optionalCount(String name) throws InvalidEventException {
        JsonNode n = get(name);
        return n == null ? null : count(n, path(name), "an integer >= 0 or null");
    }

    /**
     * A count, or null for none; unlike {@link #optionalCount} the member itself is required, as in
     * the values Seatflow writes, which always carry it (null when there is none).
     */
    Integer nullableCount(String name) throws InvalidEventException {
        if (!object.has(name)) {
            throw new InvalidEventException(path(name), "is required (null for none)");
        }
        return optionalCount(name);
    }

    /** A count that is a sum of counts (a seats row's {@code reserved}), up to {@code Long.MAX_VALUE}. */
    long longCount(String name) throws InvalidEventException {
        JsonNode n = get(name);
        if (n == null) {
            throw new InvalidEventException(path(name), "is required");
        }
        BigDecimal d = wholeNumber(n, path(name), "an integer >= 0");
        if (d.compareTo(MAX_LONG) > 0) {
            throw new InvalidEventException(path(name), "must be at most " + Long.MAX_VALUE + ", was " + show(n));
        }
        return d.longValueExact();
    }

    /** The count check itself, shared with {@link InputDecoder} for numbers not written as a plain int. */
    static int count(JsonNode n, String path, String expected) throws InvalidEventException {
        BigDecimal d = wholeNumber(n, path, expected);
        if (d.compareTo(MAX_INT) > 0) {
            throw new InvalidEventException(path, "must be at most " + Integer.MAX_VALUE + ", was " + show(n));
        }
        return d.intValueExact();
    }

    /** A number that is a whole number >= 0 (2.0 and 2e1 are), of any size. */
    private static BigDecimal wholeNumber(JsonNode n, String path, String expected) throws InvalidEventException {
        if (!n.isNumber()) {
            throw new InvalidEventException(path, "must be " + expected + ", was " + show(n));
        }
        BigDecimal d = n.decimalValue();
        if (d.signum() < 0 || (d.signum() != 0 && d.stripTrailingZeros().scale() > 0)) {
            throw new InvalidEventException(path, "must be " + expected + ", was " + show(n));
        }
        return d;
    }

    /** A boolean, or {@code absent} when absent or JSON null. */
    boolean optionalBoolean(String name, boolean absent) throws InvalidEventException {
        return has(name) ? requiredBoolean(name) : absent;
    }

    boolean requiredBoolean(String name) throws InvalidEventException {
        JsonNode n = get(name);
        if (n == null) {
            throw new InvalidEventException(path(name), "is required");
        }
        if (!n.isBoolean()) {
            throw new InvalidEventException(path(name), "must be true or false, was " + show(n));
        }
        return n.booleanValue();
    }

    <E extends Enum<E>> E requiredEnum(String name, Spelling<E> spelling) throws InvalidEventException {
        JsonNode n = get(name);
        if (n == null) {
            throw new InvalidEventException(path(name), "is required");
        }
        return spelling.read(n, path(name));
    }

    /** The enum constant, or {@code absent} when the member is absent. */
    <E extends Enum<E>> E optionalEnum(String name, Spelling<E> spelling, E absent) throws InvalidEventException {
        JsonNode n = get(name);
        return n == null ? absent : spelling.read(n, path(name));
    }

    /** A list of non-empty strings; absent is empty. */
    List<String> optionalIds(String name) throws InvalidEventException {
        JsonNode n = get(name);
        return n == null ? List.of() : strings(n, path(name), true);
    }

    /** A list of strings, any string allowed; absent is empty. */
    List<String> optionalStrings(String name) throws InvalidEventException {
        JsonNode n = get(name);
        return n == null ? List.of() : strings(n, path(name), false);
    }

    List<String> requiredIds(String name) throws InvalidEventException {
        JsonNode n = get(name);
        if (n == null) {
            throw new InvalidEventException(path(name), "is required");
        }
        return strings(n, path(name), true);
    }

    private static List<String> strings(JsonNode n, String path, boolean nonEmpty) throws InvalidEventException {
        if (!n.isArray()) {
            throw new InvalidEventException(path, "must be an array of strings, was " + show(n));
        }
        List<String> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            JsonNode item = n.get(i);
            if (!item.isTextual() || (nonEmpty && item.textValue().isEmpty())) {
                throw new InvalidEventException(path + "[" + i + "]",
                        (nonEmpty ? "must be a non-empty string, was " : "must be a string, was ") + show(item));
            }
            out.add(item.textValue());
        }
        return out;
    }

    static String nonEmptyString(JsonNode n, String path) throws InvalidEventException {
        if (!n.isTextual() || n.textValue().isEmpty()) {
            throw new InvalidEventException(path, "must be a non-empty string, was " + show(n));
        }
        return n.textValue();
    }

    /** The offending value as JSON text, cut short so that one huge value cannot flood a log line. */
    static String show(JsonNode n) {
        String s = n.toString();
        return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS) + "...";
    }

    /** The exact wire spellings of an enum; case matters, as the contract spells each value once. */
    static final class Spelling<E extends Enum<E>> {
        private final Map<String, E> byName;
        private final String expected;

        private Spelling(List<E> allowed) {
            this.byName = allowed.stream().collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));
            this.expected = allowed.stream().map(Enum::name).collect(Collectors.joining(", "));
        }

        static <E extends Enum<E>> Spelling<E> of(List<E> allowed) {
            return new Spelling<>(allowed);
        }

        static <E extends Enum<E>> Spelling<E> all(E[] values) {
            return new Spelling<>(List.of(values));
        }

        E read(JsonNode n, String path) throws InvalidEventException {
            E e = n.isTextual() ? byName.get(n.textValue()) : null;
            if (e == null) {
                throw new InvalidEventException(path, "must be one of " + expected + ", was " + show(n));
            }
            return e;
        }

        /** The constant spelled exactly {@code text}, or null. */
        E lookup(String text) {
            return byName.get(text);
        }

        /** The allowed spellings as a problem lists them: {@code Member, Guest}. */
        String expected() {
            return expected;
        }
    }
}
