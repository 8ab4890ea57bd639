package dev.seatflow.bench;

import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.json.InputDecoders;
import dev.seatflow.events.json.InvalidEventException;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whole process that decodes a file of input events, one JSON line at a time as
 * {@code reconciler.jar replay} reads its input, with either decoder; time it from outside (e.g.
 * {@code /usr/bin/time -v}, or alternating the two commands) to compare them start-up included.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.seatflow.bench.DecodeFile write FILE [USERS]   # 100,000 users: 1.1M lines
 * java -cp bench/target/benchmarks.jar dev.seatflow.bench.DecodeFile streaming|tree FILE
 * </pre>
 *
 * It prints the events read, its own loop time, events/s and the bytes the thread allocated per
 * event (reading and converting the line included, the same for both decoders).
 */
public final class DecodeFile {

    private DecodeFile() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("write")) {
            write(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 100_000);
        } else if (args.length == 2 && (args[0].equals("streaming") || args[0].equals("tree"))) {
            decode(args[0].equals("tree"), Path.of(args[1]));
        } else {
            System.err.println("usage: DecodeFile write FILE [USERS] | DecodeFile streaming|tree FILE");
            System.exit(2);
        }
    }

    private static void write(Path file, int users) throws IOException {
        int n = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (byte[] line : InputLines.of(users)) {
                out.write(line);
                out.write('\n');
                n++;
            }
        }
        System.out.printf("%,d lines written to %s%n", n, file);
    }

    private static void decode(boolean tree, Path file) throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        long events = 0;
        long rejected = 0;
        long sink = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                byte[] json = line.getBytes(StandardCharsets.UTF_8);
                try {
                    InboundEvent e = tree ? InputDecoders.tree(json) : InputDecoders.streaming(json);
                    sink += e.envelope().id().length();
                    events++;
                } catch (InvalidEventException e) {
                    rejected++;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        System.out.printf("%s: %,d events (%,d rejected, check %d) in %.2f s: %,.0f events/s, %,d B allocated per event%n",
                tree ? "tree" : "streaming", events, rejected, sink, seconds, events / seconds,
                allocated / Math.max(1, events + rejected));
    }
}
