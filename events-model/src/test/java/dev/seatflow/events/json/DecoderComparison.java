package dev.seatflow.events.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seatflow.events.EventType;
import dev.seatflow.events.InboundEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the equivalence tests of the streaming input decoder share: the outcome of a decoder on some
 * bytes, a JSON object written member by member (so that a test can write what no JSON library
 * would: duplicate members, {@code 2.5e1}, broken values), and a pool of odd values.
 */
final class DecoderComparison {

    private DecoderComparison() {
    }

    interface Decoder {
        InboundEvent decode(byte[] json) throws InvalidEventException;
    }

    /** A refusal, compared by field and problem text (the message is made of the two). */
    record Rejected(String field, String problem) {
    }

    /** Any other exception, compared by class and message: the tree decoder's edge cases must be kept too. */
    record Threw(String exception, String message) {
    }

    /** The event a decoder read, or how it refused the bytes. */
    static Object outcome(Decoder decoder, byte[] json) {
        try {
            return decoder.decode(json);
        } catch (InvalidEventException e) {
            return new Rejected(e.field(), e.problem());
        } catch (RuntimeException e) {
            return new Threw(e.getClass().getName(), e.getMessage());
        }
    }

    static Object streaming(byte[] json) {
        return outcome(EventCodec.INSTANCE::decodeInput, json);
    }

    static Object tree(byte[] json) {
        return outcome(EventCodec.INSTANCE::decodeInputWithTree, json);
    }

    /** A label for statistics: accepted, or which kind of refusal. */
    static String kind(Object outcome) {
        if (outcome instanceof Rejected r) {
            return r.field().equals(InvalidEventException.DOCUMENT) ? "rejected: " + r.problem().replaceAll("(:| at line|, was).*", "")
                    : r.field().startsWith("data.") ? "rejected: a data field" : "rejected: " + r.field();
        }
        return outcome instanceof Threw t ? "threw " + t.exception() : "accepted";
    }

    /** Bytes as readable text for a failure report, control characters escaped, cut short after 600 characters. */
    static String show(byte[] json) {
        StringBuilder s = new StringBuilder();
        String text = new String(json, StandardCharsets.UTF_8);
        if (text.length() > 600) {
            return show(java.util.Arrays.copyOf(json, 600)) + "... (" + json.length + " bytes)";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            s.append(c < 0x20 && c != '\n' ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return s.toString();
    }

    // ---------------------------------------------------------------- JSON written member by member

    static final List<String> ATTRIBUTES = List.of("specversion", "id", "source", "type", "tenantid", "time", "data",
            "data_base64");
    static final List<String> DATA_FIELDS = List.of("userId", "usageLocation", "userType", "groupId", "subgroupId",
            "skuId", "seats", "status", "servicePlans", "lowSeatsThreshold", "disabledPlans", "defaultUsageLocation",
            "poolId", "borrow");
    /** Names the contract does not define, some of them near misses of names it does. */
    static final List<String> UNKNOWN_NAMES = List.of("subject", "datacontenttype", "comexampletrace", "displayName",
            "future", "", "ID", "Id", "userid", "data ", "type\u0000", "\u00e9");

    /** A member: its name as JSON text (quotes included, so it may be escaped) and its value, raw or an object. */
    static final class Member {
        String name;
        String raw;
        Obj object;

        Member(String name, String raw, Obj object) {
            this.name = name;
            this.raw = raw;
            this.object = object;
        }

        Member copy() {
            return new Member(name, raw, object == null ? null : object.copy());
        }

        boolean named(String plain) {
            return name.equals(quote(plain));
        }
    }

    /** A JSON object as a list of members, in order, duplicates allowed. */
    static final class Obj {
        final List<Member> members = new ArrayList<>();

        static Obj of(JsonNode node) {
            Obj o = new Obj();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                o.members.add(e.getValue().isObject()
                        ? new Member(quote(e.getKey()), null, of(e.getValue()))
                        : new Member(quote(e.getKey()), e.getValue().toString(), null));
            }
            return o;
        }

        static Obj parse(String json) {
            try {
                return of(Examples.JSON.readTree(json));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }

        Obj copy() {
            Obj o = new Obj();
            members.forEach(m -> o.members.add(m.copy()));
            return o;
        }

        /** The object held by the first member of this name, or null. */
        Obj object(String name) {
            return members.stream().filter(m -> m.named(name)).findFirst().map(m -> m.object).orElse(null);
        }

        /** Sets the first member of this name to {@code raw}, or adds it at {@code position} (modulo). */
        void set(String name, String raw, int position) {
            for (Member m : members) {
                if (m.named(name)) {
                    m.raw = raw;
                    m.object = null;
                    return;
                }
            }
            members.add(position % (members.size() + 1), new Member(quote(name), raw, null));
        }

        void remove(String name) {
            members.removeIf(m -> m.named(name));
        }

        /** {@code layout} 0: compact; 1: a space after separators; 2: a member per line, indented. */
        String render(int layout) {
            return render(layout, "");
        }

        private String render(int layout, String indent) {
            if (members.isEmpty()) {
                return "{}";
            }
            String inner = indent + "  ";
            StringBuilder s = new StringBuilder("{");
            for (int i = 0; i < members.size(); i++) {
                Member m = members.get(i);
                s.append(i == 0 ? "" : layout == 1 ? ", " : ",");
                s.append(layout == 2 ? "\n" + inner : "");
                s.append(m.name).append(layout == 0 ? ":" : ": ");
                s.append(m.object == null ? m.raw : m.object.render(layout, inner));
            }
            return s.append(layout == 2 ? "\n" + indent + "}" : "}").toString();
        }
    }

    static String quote(String text) {
        try {
            return Examples.JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- odd values

    /**
     * Values to put where the contract expects something else, as JSON text (a few are not JSON at
     * all): every JSON type, numbers the tree held as int, long, BigInteger or BigDecimal, strings
     * that are near misses of what is expected, strings with escapes, values too long to be shown
     * whole, and containers, some with malformed content deep inside.
     */
    static List<String> oddValues() {
        List<String> v = new ArrayList<>(List.of(
                "null", "true", "false",
                "0", "-0", "1", "-1", "25", "-3", "007", "2147483647", "2147483648", "-2147483648", "-2147483649",
                "9223372036854775807", "9223372036854775808", "-9223372036854775809",
                "123456789012345678901234567890",
                "25.0", "2.5e1", "2.5E+1", "250e-1", "1e2", "1E2", "1e0", "0.0", "-0.0", "0e5", "-0e-5", "2.5", "-2.5",
                "0.5e1", "25.0000000000000000001", "1e-400", "1e400", "1e2147483647", "100e2147483647", "1e-2147483648",
                "1" + "0".repeat(999), "1" + "0".repeat(1000), "0." + "0".repeat(1200) + "1",
                "\"\"", "\" \"", "\"x\"", "\"1.0\"", "\"25\"", "\"true\"", "\"null\"", "\"e-42\"",
                "\"Member\"", "\"Guest\"", "\"member\"", "\"Enabled\"", "\"enabled\"", "\"Suspended\"", "\"Deleted\"",
                "\"2026-11-23T10:00:00Z\"", "\"2026-11-23t10:00:00.5z\"", "\"2026-11-23T10:00:00+01:00\"",
                "\"2026-11-23 10:00:00Z\"", "\"2026-11-23T10:00:00\"", "\"yesterday\"",
                "\"\\u0065-42\"", "\"tab\\there\"", "\"quote\\\"s\"", "\"\\ud83d\\ude00\"", "\"\\ud800\"",
                "\"caf\u00e9\"", "\"\u0001\"", "\"\\x\"", "\"unterminated",
                quote("x".repeat(59)), quote("x".repeat(60)), quote("x".repeat(61)), quote("\"".repeat(40)),
                "[]", "[\"a\"]", "[\"a\",\"b\"]", "[\"\"]", "[\"a\",\"\"]", "[\"a\",1]", "[1]", "[null]", "[\"a\",null]",
                "[[\"a\"]]", "[{\"a\":1}]", "[\"a\",{\"b\":[1,2.5,true]}]", "[\"a\",2.5e1,\"\"]",
                "[\"" + "y".repeat(70) + "\"]", "[\"a\",1e2147483648]",
                "{}", "{\"a\":1}", "{\"a\":{\"b\":[null,\"c\",-0.0]}}", "{\"a\":1,\"a\":2}", "{\"x\":\"\\ud83d\\ude00\"}",
                "{\"a\":[1e2147483648]}",
                "tru", "nul", "01", "-", "+1", ".5", "1.", "1e", "NaN", "Infinity", "-Infinity", "'x'", "[1,]", "[1,,2]",
                "{\"a\"}", "{\"a\":}", "[", "{", "]", "}", "\"a\" \"b\""));
        for (EventType t : EventType.values()) {
            v.add(quote(t.type()));
        }
        return v;
    }

    /** Bytes that, written over a byte of a document, make a typical corruption. */
    static final byte[] FLIP_BYTES = {0x00, '"', '\\', '}', ',', '1', ' ', (byte) 0xC3};

    static Stream<String> inputExamples() {
        return Examples.inputTypes().stream();
    }
}
