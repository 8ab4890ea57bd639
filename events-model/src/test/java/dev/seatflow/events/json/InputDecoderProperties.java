package dev.seatflow.events.json;

import static dev.seatflow.events.json.DecoderComparison.ATTRIBUTES;
import static dev.seatflow.events.json.DecoderComparison.DATA_FIELDS;
import static dev.seatflow.events.json.DecoderComparison.UNKNOWN_NAMES;
import static dev.seatflow.events.json.DecoderComparison.kind;
import static dev.seatflow.events.json.DecoderComparison.quote;
import static dev.seatflow.events.json.DecoderComparison.show;
import static dev.seatflow.events.json.DecoderComparison.streaming;
import static dev.seatflow.events.json.DecoderComparison.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.EventType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The streaming decoder ({@link EventCodec#decodeInput}) reads every input exactly as the tree decoder
 * it replaced ({@link EventCodec#decodeInputWithTree}): the same event, or the same field and problem
 * text, or (for the few inputs where the tree decoder lets an unchecked exception out) the same
 * exception. Inputs are valid events of every type, generated or documented, with up to four random
 * changes (members removed, repeated, reordered or set to odd values, another type, escaped names,
 * unknown members with nested values) and sometimes a corruption of the bytes (cut short, a byte
 * overwritten, inserted or deleted, trailing content).
 */
class InputDecoderProperties {

    private static final EventCodec CODEC = EventCodec.INSTANCE;

    @Property(tries = 10_000)
    void the_streaming_decoder_reads_every_input_as_the_tree_decoder_did(@ForAll("inputs") Input input) {
        Object expected = tree(input.bytes());

        assertThat(streaming(input.bytes())).as("%s", input).isEqualTo(expected);

        String kind = kind(expected);
        Statistics.label("outcome").collect(kind.startsWith("rejected: ") && !kind.contains("JSON") ? "rejected: a field" : kind);
        // Floors well below what the generators give, so that every kind of outcome is really compared.
        Statistics.label("outcome").coverage(c -> {
            c.check("accepted").percentage(p -> p > 10);
            c.check("rejected: a field").percentage(p -> p > 15);
            c.check("rejected: is not valid JSON").percentage(p -> p > 5);
        });
    }

    @Property(tries = 10_000)
    void the_written_out_timestamp_check_is_the_regex(@ForAll("timestampLike") String time) {
        boolean regex = EventCodec.TIMESTAMP.matcher(time).matches();

        assertThat(InputDecoder.isTimestamp(time)).as("%s", time).isEqualTo(regex);

        Statistics.label("is a timestamp").collect(regex);
        Statistics.label("is a timestamp").coverage(c -> {
            c.check(true).percentage(p -> p > 20);
            c.check(false).percentage(p -> p > 20);
        });
    }

    /** RFC 3339 timestamps in every form the pattern allows, and near misses: a character replaced, added or removed. */
    @Provide
    Arbitrary<String> timestampLike() {
        Arbitrary<String> digits2 = Arbitraries.integers().between(0, 99).map(i -> String.format("%02d", i));
        Arbitrary<String> date = Combinators.combine(Arbitraries.integers().between(0, 9999), digits2, digits2)
                .as((y, m, d) -> String.format("%04d-%s-%s", y, m, d));
        Arbitrary<String> clock = Combinators.combine(digits2, digits2, digits2).as((h, m, x) -> h + ":" + m + ":" + x);
        Arbitrary<String> fraction = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(12)
                .map(f -> "." + f).injectNull(0.5);
        Arbitrary<String> zone = Arbitraries.oneOf(Arbitraries.of("Z", "z"),
                Combinators.combine(Arbitraries.of("+", "-"), digits2, digits2).as((sign, h, m) -> sign + h + ":" + m));
        Arbitrary<String> valid = Combinators.combine(date, Arbitraries.of("T", "t"), clock, fraction, zone)
                .as((d, t, c, f, z) -> d + t + c + (f == null ? "" : f) + z);
        Arbitrary<Character> odd = Arbitraries.of('0', '9', '-', ':', '.', 'T', 't', 'Z', 'z', '+', ' ', '\n', 'x',
                '\u0663', '\uff10', '/');
        Arbitrary<String> nearMiss = Combinators.combine(valid, Arbitraries.integers().between(0, 40), odd,
                Arbitraries.of("replace", "insert", "delete")).as((v, i, c, how) -> {
                    int at = i % (v.length() + 1);
                    return switch (how) {
                        case "replace" -> at == v.length() ? v + c : v.substring(0, at) + c + v.substring(at + 1);
                        case "insert" -> v.substring(0, at) + c + v.substring(at);
                        default -> at == v.length() ? v.substring(0, at - 1) : v.substring(0, at) + v.substring(at + 1);
                    };
                });
        return Arbitraries.oneOf(valid, nearMiss, Arbitraries.strings().ofMaxLength(30));
    }

    /** Bytes to decode, and how they were made (for a failure report). */
    record Input(String how, byte[] bytes) {
        @Override
        public String toString() {
            return how + "\n  input: " + show(bytes);
        }
    }

    /** One change to an event; its description names it in a failure report. */
    record Change(String description, Consumer<DecoderComparison.Obj> apply) {
        @Override
        public String toString() {
            return description;
        }
    }

    record Corruption(String description, UnaryOperator<byte[]> apply) {
        @Override
        public String toString() {
            return description;
        }
    }

    @Provide
    Arbitrary<Input> inputs() {
        Arbitrary<DecoderComparison.Obj> events = Arbitraries.frequencyOf(
                Tuple.of(3, InputEventProperties.anyInputEvent()
                        .map(e -> DecoderComparison.Obj.parse(new String(CODEC.encodeInput(e), StandardCharsets.UTF_8)))),
                Tuple.of(1, Arbitraries.of(Examples.inputTypes())
                        .map(t -> DecoderComparison.Obj.parse(Examples.example(t)))));
        return Combinators.combine(events, change().list().ofMaxSize(4), Arbitraries.integers().between(0, 2), corruption())
                .as((event, changes, layout, corruption) -> {
                    changes.forEach(c -> c.apply().accept(event));
                    byte[] json = corruption.apply().apply(event.render(layout).getBytes(StandardCharsets.UTF_8));
                    return new Input("changes " + changes + ", layout " + layout + ", " + corruption, json);
                });
    }

    private static Arbitrary<Change> change() {
        Arbitrary<Integer> anywhere = Arbitraries.integers().between(0, 1_000);
        Arbitrary<String> attributes = Arbitraries.oneOf(Arbitraries.of(ATTRIBUTES), Arbitraries.of(UNKNOWN_NAMES));
        Arbitrary<String> fields = Arbitraries.oneOf(Arbitraries.of(DATA_FIELDS), Arbitraries.of(UNKNOWN_NAMES));
        return Arbitraries.oneOf(
                Combinators.combine(anywhere, Arbitraries.of(true, false), values(2)).as((at, inData, value) ->
                        new Change("member " + at + (inData ? " of data" : "") + " = " + value, e -> {
                            List<DecoderComparison.Member> members = (inData ? data(e) : e).members;
                            if (!members.isEmpty()) {
                                DecoderComparison.Member m = members.get(at % members.size());
                                m.raw = value;
                                m.object = null;
                            }
                        })),
                Combinators.combine(attributes, values(2), anywhere).as((name, value, at) ->
                        new Change(name + " = " + value, e -> e.set(name, value, at))),
                Combinators.combine(fields, values(2), anywhere).as((name, value, at) ->
                        new Change("data." + name + " = " + value, e -> data(e).set(name, value, at))),
                Combinators.combine(Arbitraries.of(ATTRIBUTES), Arbitraries.of(DATA_FIELDS)).as((attribute, field) ->
                        new Change("without " + attribute + " and data." + field, e -> {
                            e.remove(attribute);
                            data(e).remove(field);
                        })),
                Combinators.combine(anywhere, Arbitraries.of(true, false)).as((at, inData) ->
                        new Change("member " + at + (inData ? " of data" : "") + " repeated", e -> {
                            List<DecoderComparison.Member> members = (inData ? data(e) : e).members;
                            if (!members.isEmpty()) {
                                members.add(at % (members.size() + 1), members.get(at % members.size()).copy());
                            }
                        })),
                Arbitraries.longs().map(seed -> new Change("members shuffled by " + seed, e -> {
                    Collections.shuffle(e.members, new Random(seed));
                    Collections.shuffle(data(e).members, new Random(seed));
                })),
                Arbitraries.of(EventType.values()).map(t ->
                        new Change("type " + t.type(), e -> e.set("type", quote(t.type()), 0))),
                anywhere.map(at -> new Change("name " + at + " escaped", e -> {
                    List<DecoderComparison.Member> members = (at % 2 == 0 ? data(e) : e).members;
                    if (!members.isEmpty()) {
                        DecoderComparison.Member m = members.get(at % members.size());
                        // The first character as a \\uXXXX escape: the same name to a JSON reader.
                        m.name = String.format("\"\\u%04x", (int) m.name.charAt(1)) + m.name.substring(2);
                    }
                })));
    }

    /** The data object, or a detached one when there is none, so that a change to it changes nothing. */
    private static DecoderComparison.Obj data(DecoderComparison.Obj event) {
        DecoderComparison.Obj data = event.object("data");
        return data == null ? new DecoderComparison.Obj() : data;
    }

    /** JSON values (and some that are not): the odd values, random numbers in every spelling, strings, containers. */
    private static Arbitrary<String> values(int depth) {
        Arbitrary<String> scalars = Arbitraries.oneOf(
                Arbitraries.of(DecoderComparison.oddValues()),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                numbers(),
                strings().map(DecoderComparison::quote));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<String> arrays = values(depth - 1).list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> members = Combinators.combine(Arbitraries.oneOf(Arbitraries.of(DATA_FIELDS), strings()),
                values(depth - 1)).as((name, value) -> quote(name) + ":" + value);
        Arbitrary<String> objects = members.list().ofMaxSize(3).map(l -> "{" + String.join(",", l) + "}");
        return Arbitraries.frequencyOf(Tuple.of(6, scalars), Tuple.of(1, arrays), Tuple.of(1, objects));
    }

    /** Numbers as JSON may spell them, and a few ways it may not: -?digits(.digits)?([eE][+-]?digits)?. */
    private static Arbitrary<String> numbers() {
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(22);
        Arbitrary<String> fraction = digits.map(d -> "." + d).injectNull(0.5);
        Arbitrary<String> exponent = Combinators.combine(Arbitraries.of("e", "E", "e+", "e-", "E-"),
                Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(11)).as(String::concat).injectNull(0.5);
        return Combinators.combine(Arbitraries.of("", "-"), digits, fraction, exponent)
                .as((sign, whole, frac, exp) -> sign + whole + (frac == null ? "" : frac) + (exp == null ? "" : exp));
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "x", "u-1", "g-sales", "ENTERPRISEPACK", "Member", "Enabled", "1.0"),
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withCharRange('\u0000', '\u007f').ofMaxLength(12));
    }

    private static Arbitrary<Corruption> corruption() {
        Arbitrary<Integer> anywhere = Arbitraries.integers().between(0, 100_000);
        Arbitrary<Byte> bytes = Arbitraries.oneOf(Arbitraries.bytes(), Arbitraries.of((byte) '"', (byte) '\\',
                (byte) '{', (byte) '}', (byte) ',', (byte) ':', (byte) 0));
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just(new Corruption("bytes intact", b -> b))),
                Tuple.of(1, anywhere.map(at -> new Corruption("cut at " + at, b -> Arrays.copyOf(b, at % (b.length + 1))))),
                Tuple.of(1, Combinators.combine(anywhere, bytes).as((at, x) -> new Corruption("byte " + at + " = " + x, b -> {
                    byte[] c = b.clone();
                    c[at % c.length] = x;
                    return c;
                }))),
                Tuple.of(1, Combinators.combine(anywhere, bytes).as((at, x) -> new Corruption("byte " + x + " inserted at " + at,
                        b -> insert(b, at % (b.length + 1), new byte[] {x})))),
                Tuple.of(1, anywhere.map(at -> new Corruption("byte " + at + " deleted", b -> {
                    int i = at % b.length;
                    byte[] c = Arrays.copyOf(b, b.length - 1);
                    System.arraycopy(b, i + 1, c, i, b.length - i - 1);
                    return c;
                }))),
                Tuple.of(1, Arbitraries.of(" ", "\n", " {}", "[]", "x", "}", ",", " null", "\u0000", " 1e2147483648")
                        .map(tail -> new Corruption("followed by " + tail,
                                b -> insert(b, b.length, tail.getBytes(StandardCharsets.UTF_8))))));
    }

    private static byte[] insert(byte[] b, int at, byte[] x) {
        byte[] c = new byte[b.length + x.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(x, 0, c, at, x.length);
        System.arraycopy(b, at, c, at + x.length, b.length - at);
        return c;
    }
}
