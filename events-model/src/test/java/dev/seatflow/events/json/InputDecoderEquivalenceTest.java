package dev.seatflow.events.json;

import static dev.seatflow.events.json.DecoderComparison.ATTRIBUTES;
import static dev.seatflow.events.json.DecoderComparison.DATA_FIELDS;
import static dev.seatflow.events.json.DecoderComparison.FLIP_BYTES;
import static dev.seatflow.events.json.DecoderComparison.UNKNOWN_NAMES;
import static dev.seatflow.events.json.DecoderComparison.kind;
import static dev.seatflow.events.json.DecoderComparison.oddValues;
import static dev.seatflow.events.json.DecoderComparison.show;
import static dev.seatflow.events.json.DecoderComparison.streaming;
import static dev.seatflow.events.json.DecoderComparison.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.seatflow.events.EventType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Systematic sweeps over every documented input example: the streaming decoder must give exactly what
 * the tree decoder it replaced gives (the same event, or the same field and problem) for every odd
 * value in every member, every member removed or repeated, every type over every data, every
 * truncation and many single-byte corruptions. {@link InputDecoderProperties} adds random
 * combinations of these.
 */
class InputDecoderEquivalenceTest {

    private final List<String> mismatches = new ArrayList<>();
    private final Map<String, Integer> kinds = new TreeMap<>();
    private int compared;

    private void compare(String how, byte[] json) {
        Object expected = tree(json);
        Object actual = streaming(json);
        compared++;
        kinds.merge(kind(expected), 1, Integer::sum);
        if (!actual.equals(expected) && mismatches.size() < 20) {
            mismatches.add(how + "\n  input:     " + show(json) + "\n  tree:      " + expected + "\n  streaming: " + actual);
        }
    }

    private void compare(String how, String json) {
        compare(how, json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertNoMismatch(int atLeast) {
        assertThat(mismatches).as("%d inputs compared, outcomes %s", compared, kinds).isEmpty();
        assertThat(compared).isGreaterThanOrEqualTo(atLeast);
    }

    private static final Map<String, DecoderComparison.Obj> EXAMPLES = new java.util.concurrent.ConcurrentHashMap<>();

    /** A fresh copy of the documented example of {@code type}, member by member. */
    private static DecoderComparison.Obj example(String type) {
        return EXAMPLES.computeIfAbsent(type, t -> DecoderComparison.Obj.parse(Examples.example(t))).copy();
    }

    private void compareChanged(String type, String how, Consumer<DecoderComparison.Obj> change) {
        DecoderComparison.Obj event = example(type);
        change.accept(event);
        compare(type + ": " + how, event.render(0));
    }

    /**
     * Every odd value in every attribute and in every data field of the type; and, taking turns, in a
     * data field of another type and in a member the contract does not define (both only read and
     * ignored, which the other sweeps and the properties cover too).
     */
    @ParameterizedTest
    @MethodSource("dev.seatflow.events.json.DecoderComparison#inputExamples")
    void every_odd_value_in_every_member(String type) {
        DecoderComparison.Obj data = example(type).object("data");
        List<String> fields = DATA_FIELDS.stream()
                .filter(f -> data != null && data.members.stream().anyMatch(m -> m.named(f))).toList();
        List<String> others = DATA_FIELDS.stream().filter(f -> !fields.contains(f)).toList();
        List<String> values = oddValues();
        for (int n = 0; n < values.size(); n++) {
            int i = n;
            String value = values.get(i);
            for (String name : ATTRIBUTES) {
                compareChanged(type, name + " = " + value, e -> e.set(name, value, 3));
            }
            List<String> dataNames = new ArrayList<>(fields);
            dataNames.add(others.get(i % others.size()));
            dataNames.add(UNKNOWN_NAMES.get(i % UNKNOWN_NAMES.size()));
            for (String name : dataNames) {
                compareChanged(type, "data." + name + " = " + value, e -> {
                    if (e.object("data") != null) {
                        e.object("data").set(name, value, i);
                    }
                });
            }
            String unknown = UNKNOWN_NAMES.get((i + 5) % UNKNOWN_NAMES.size());
            compareChanged(type, unknown + " = " + value, e -> e.set(unknown, value, i));
        }
        assertNoMismatch(values.size() * ATTRIBUTES.size());
    }

    @ParameterizedTest
    @MethodSource("dev.seatflow.events.json.DecoderComparison#inputExamples")
    void every_member_removed_or_repeated_and_every_layout(String type) {
        for (int layout = 0; layout < 3; layout++) {
            compare(type + " in layout " + layout, example(type).render(layout));
        }
        compare(type + " as documented", Examples.example(type));
        int members = example(type).members.size();
        for (int i = 0; i < members; i++) {
            int at = i;
            compareChanged(type, "member " + i + " removed", e -> e.members.remove(at));
            compareChanged(type, "member " + i + " repeated", e -> e.members.add(e.members.get(at).copy()));
            compareChanged(type, "member " + i + " repeated as null", e -> {
                DecoderComparison.Member copy = e.members.get(at).copy();
                copy.raw = "null";
                copy.object = null;
                e.members.add(0, copy);
            });
            compareChanged(type, "member " + i + " moved last", e -> e.members.add(e.members.remove(at)));
        }
        DecoderComparison.Obj data = example(type).object("data");
        for (int i = 0; data != null && i < data.members.size(); i++) {
            int at = i;
            compareChanged(type, "data member " + i + " removed", e -> e.object("data").members.remove(at));
            compareChanged(type, "data member " + i + " repeated",
                    e -> e.object("data").members.add(e.object("data").members.get(at).copy()));
            compareChanged(type, "data member " + i + " moved first",
                    e -> e.object("data").members.add(0, e.object("data").members.remove(at)));
        }
        compareChanged(type, "names escaped", e -> e.members.forEach(m -> m.name = m.name.replace("i", "\\u0069")));
        assertNoMismatch(10);
    }

    @ParameterizedTest
    @MethodSource("dev.seatflow.events.json.DecoderComparison#inputExamples")
    void every_type_over_the_data_of_every_other(String type) {
        for (EventType other : EventType.values()) {
            compareChanged(type, "type " + other.type(), e -> e.set("type", DecoderComparison.quote(other.type()), 0));
        }
        assertNoMismatch(EventType.values().length);
    }

    @ParameterizedTest
    @MethodSource("dev.seatflow.events.json.DecoderComparison#inputExamples")
    void every_truncation_and_many_single_byte_corruptions(String type) {
        byte[] documented = Examples.example(type).getBytes(StandardCharsets.UTF_8);
        byte[] compact = example(type).render(0).getBytes(StandardCharsets.UTF_8);
        for (byte[] json : List.of(documented, compact)) {
            for (int n = 0; n <= json.length; n++) {
                compare(type + " cut at " + n, java.util.Arrays.copyOf(json, n));
            }
        }
        for (int i = 0; i < compact.length; i++) {
            for (byte b : FLIP_BYTES) {
                byte[] json = compact.clone();
                json[i] = b;
                compare(type + " byte " + i + " = " + b, json);
            }
        }
        assertNoMismatch(compact.length * FLIP_BYTES.length);
    }

    @ParameterizedTest
    @MethodSource("dev.seatflow.events.json.DecoderComparison#inputExamples")
    void other_encodings_and_trailing_content(String type) {
        String json = Examples.example(type);
        for (String charset : List.of("UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE", "UTF-16")) {
            compare(type + " in " + charset, json.getBytes(Charset.forName(charset)));
        }
        compare(type + " after a byte order mark", "\uFEFF" + json);
        for (String after : List.of(" ", "\n", "\n\n ", " {}", "{}", " []", " null", "x", " x", "]", "}", ",", ":", "\"",
                "//", "/*", "\u0000", " 42", "\"tail\"")) {
            compare(type + " followed by " + after, json + after);
            compare(type + " compact, followed by " + after, example(type).render(0) + after);
        }
        for (String before : List.of(" ", "\n", "\t\r\n", "x", "[", "\u0000")) {
            compare(type + " after " + before, before + json);
        }
        assertNoMismatch(40);
    }

    /**
     * Jackson refuses a string longer than its limit only when the string is built; an ignored member's
     * string is decoded but not built, so the streaming decoder checks the limit itself.
     */
    @Test
    void a_string_beyond_jacksons_length_limit_is_refused_even_in_an_ignored_member() {
        int limit = StreamReadConstraints.defaults().getMaxStringLength();
        for (int length : new int[] {limit, limit + 1}) {
            String huge = DecoderComparison.quote("x".repeat(length));
            compareChanged("directory.user.deleted", "an unknown attribute of " + length + " chars",
                    e -> e.set("subject", huge, 9));
            compareChanged("directory.user.deleted", "an unknown data field of " + length + " chars",
                    e -> e.object("data").set("displayName", huge, 0));
            compareChanged("directory.user.deleted", "an id of " + length + " chars", e -> e.set("id", huge, 0));
        }
        assertThat(kinds).containsKeys("accepted", "rejected: is not valid JSON");
        assertNoMismatch(6);
    }

    @Test
    void documents_that_are_not_one_json_object() {
        for (String value : oddValues()) {
            compare("document " + value, value);
            compare("document " + value + " and more", value + " {}");
        }
        for (String json : List.of("", " ", "\n", "\u0000", "{}", "{ }", "{\"data\":{}}", "{\"specversion\":\"1.0\"}",
                "{\"a\":1", "{\"a\":1}}", "{\"a\" 1}", "{a:1}", "{'a':1}", "{\"a\":1,}", "[{}]")) {
            compare("document " + json, json);
        }
        assertNoMismatch(100);
    }
}
