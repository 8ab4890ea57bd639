package dev.seatflow.bench;

import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.json.InputDecoders;
import dev.seatflow.events.json.InvalidEventException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding input CloudEvents, one thread: one op = one event decoded from its JSON bytes, by the
 * streaming decoder ({@code EventCodec.decodeInput}) or by the tree-model decoder it replaced. With
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is the bytes allocated per event.
 *
 * <p>The events are the replay's mix ({@link InputLines}): mostly {@code member.added}, some
 * {@code user.upserted}, a few subscriptions and group licenses, GUID ids, each with a time. The ops
 * cycle through all of them (~112,000 for 10,000 users, ~28 MB), so the input is not in the CPU
 * caches, as in a replay or a poll.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Threads(1)
public class DecodeInputBenchmark {

    @Param({"tree", "streaming"})
    public String decoder;

    @Param({"10000"})
    public int users;

    private byte[][] lines;
    private boolean tree;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws InvalidEventException {
        List<byte[]> all = InputLines.of(users);
        lines = all.toArray(new byte[0][]);
        tree = switch (decoder) {
            case "tree" -> true;
            case "streaming" -> false;
            default -> throw new IllegalArgumentException("decoder must be tree or streaming, was " + decoder);
        };
        // Both read every line, to the same event: the figure compares equal work.
        for (byte[] line : lines) {
            if (!InputDecoders.streaming(line).equals(InputDecoders.tree(line))) {
                throw new IllegalStateException("the decoders disagree on " + new String(line));
            }
        }
    }

    @Benchmark
    public InboundEvent decode() throws InvalidEventException {
        byte[] json = lines[next];
        next = next + 1 == lines.length ? 0 : next + 1;
        return tree ? InputDecoders.tree(json) : InputDecoders.streaming(json);
    }
}
