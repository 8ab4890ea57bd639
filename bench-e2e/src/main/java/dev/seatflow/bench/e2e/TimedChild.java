package dev.seatflow.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The child JVM of {@code bench replay}: runs a parse-only pass or another main class, and reports
 * its own CPU time (all threads) and peak RSS on stderr as it exits, whichever way it exits.
 *
 * <pre>
 * TimedChild parse FILE               # every line through Jackson's tree model, nothing else
 * TimedChild main CLASS ARGS...       # e.g. the reconciler's Main with replay --state FILE
 * </pre>
 */
public final class TimedChild {
    private static final String MARK = "seatflow-bench-child ";

    private TimedChild() {
    }

    public static void main(String[] args) throws Throwable {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println(MARK + Report.ofThisProcess())));
        if (args.length == 2 && args[0].equals("parse")) {
            parse(Path.of(args[1]));
        } else if (args.length >= 2 && args[0].equals("main")) {
            Class.forName(args[1]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } else {
            System.err.println("usage: TimedChild parse FILE | TimedChild main CLASS ARGS...");
            System.exit(2);
        }
    }

    /** Reads each line as replay does, and builds its tree: the least any JSON-lines consumer must do. */
    private static void parse(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        long nodes = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) {
                    JsonNode tree = mapper.readTree(line);
                    nodes += tree.size();
                }
            }
        }
        // Printed so the JIT cannot drop the parsing as dead code.
        System.out.println(nodes);
    }

    record Report(double cpuSeconds, long peakRssMiB) {
        static Report ofThisProcess() {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return new Report(os.getProcessCpuTime() / 1e9, readPeakRssMiB());
        }

        /** VmHWM from /proc (Linux); -1 where there is none. */
        private static long readPeakRssMiB() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux: no figure
            }
            return -1;
        }

        static Report parse(String line) {
            if (!line.startsWith(MARK)) {
                return null;
            }
            String[] f = line.substring(MARK.length()).split(" ");
            return new Report(Double.parseDouble(f[0]), Long.parseLong(f[1]));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.3f %d", cpuSeconds, peakRssMiB);
        }
    }
}
