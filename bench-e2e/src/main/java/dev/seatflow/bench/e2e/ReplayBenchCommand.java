package dev.seatflow.bench.e2e;

import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.json.EventCodec;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.jar.JarFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench replay}: how far {@code replay --state} is from merely parsing its input.
 *
 * <p>Both sides are whole processes on the same file of JSON lines, run in turn (parse, replay,
 * parse, replay, ...) after one warm-up pair, so start-up, the page cache and the machine's load
 * fall on both alike; the figure is the ratio, pair by pair, and its median. A process's CPU time
 * counts every thread (GC and JIT included), which is what a machine running replay pays.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Time `replay --state` against a parse-only pass (Jackson's tree model, one thread) over the same input file.",
            "Writes the synthetic directory of `bench` (one tenant) as JSON lines unless --file names an existing one, "
                + "then runs the two as child JVMs in turn and prints the ratio pair by pair."
        })
public final class ReplayBenchCommand implements Callable<Integer> {

    static final double TARGET_RATIO = 1.5;

    @Option(names = "--memberships", defaultValue = "1000000",
            description = "Memberships in the directory (default ${DEFAULT-VALUE}: ~98,000 users, ~1.1M events).")
    long memberships;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic directory (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--pairs", defaultValue = "3", description = "Measured pairs after the warm-up pair (default ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--file", paramLabel = "FILE",
            description = "Input file: used as it is if it exists, else written there and kept (default: a temporary file, deleted).")
    Path file;

    @Option(names = "--jvm-option", paramLabel = "OPTION",
            description = "An option for both child JVMs, e.g. -Xmx2g (repeatable).")
    List<String> jvmOptions = new ArrayList<>();

    @Option(names = "--cli-main-class", hidden = true,
            description = "The reconciler's main class, where this does not run from reconciler.jar (tests).")
    String cliMainClass;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter progress = spec.commandLine().getErr();
        if (pairs < 1) {
            progress.println("--pairs must be at least 1");
            return 2;
        }
        boolean temporary = file == null;
        Path input = temporary ? Files.createTempFile("seatflow-replay-bench", ".jsonl") : file;
        try {
            if (temporary || !Files.exists(input)) {
                long lines = write(input);
                progress.printf(Locale.ROOT, "wrote %,d events (%,d MB) to %s%n", lines, Files.size(input) >> 20, input);
            }
            String cliMain = cliMainClass != null ? cliMainClass : cliMainClassOfTheJar();
            List<Pair> measured = new ArrayList<>();
            for (int i = 0; i <= pairs; i++) {
                Run parse = runChild(List.of("parse", input.toString()));
                Run replay = runChild(List.of("main", cliMain, "replay", "--state", input.toString()));
                Pair pair = new Pair(parse, replay);
                progress.printf(Locale.ROOT, "%s: %s%n", i == 0 ? "warm-up pair" : "pair " + i, pair);
                if (i > 0) {
                    measured.add(pair);
                }
            }
            print(spec.commandLine().getOut(), input, measured);
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            if (temporary) {
                Files.deleteIfExists(input);
            }
        }
    }

    private long write(Path target) throws IOException {
        SyntheticDirectory directory = SyntheticDirectory.generate(seed, memberships, 1, 1);
        long[] lines = {0};
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            java.util.function.Consumer<InboundEvent> line = e -> {
                try {
                    out.write(EventCodec.INSTANCE.encodeInput(e));
                    out.write('\n');
                    lines[0]++;
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            };
            directory.forEachLicensingEvent(line);
            directory.forEachDirectoryEvent(line);
        }
        return lines[0];
    }

    /** The reconciler's own entry point, from the manifest of the jar this runs from. */
    private static String cliMainClassOfTheJar() throws IOException {
        String classPath = System.getProperty("java.class.path");
        if (!classPath.endsWith(".jar") || classPath.contains(java.io.File.pathSeparator)) {
            throw new IllegalStateException("bench replay runs from reconciler.jar (java -jar reconciler/target/reconciler.jar bench replay), "
                    + "not from the class path " + classPath);
        }
        try (JarFile jar = new JarFile(classPath)) {
            return jar.getManifest().getMainAttributes().getValue("Main-Class");
        }
    }

    private Run runChild(List<String> childArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TimedChild.class.getName()));
        command.addAll(childArgs);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        TimedChild.Report report = null;
        List<String> errors = new ArrayList<>();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = err.readLine()) != null; ) {
                TimedChild.Report r = TimedChild.Report.parse(line);
                if (r != null) {
                    report = r;
                } else if (errors.size() < 20) {
                    errors.add(line);
                }
            }
        }
        int status = p.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        if (status != 0 || report == null) {
            throw new IllegalStateException(String.join(" ", childArgs) + " exited with " + status + ": " + String.join("\n", errors));
        }
        return new Run(wall, report.cpuSeconds(), report.peakRssMiB());
    }

    private static void print(PrintWriter out, Path input, List<Pair> pairs) {
        out.printf(Locale.ROOT, "replay --state vs a parse-only pass over %s (whole processes, %d pairs after a warm-up pair)%n%n",
                input.getFileName(), pairs.size());
        out.println("| pair | parse-only: wall s, CPU s | replay --state: wall s, CPU s, peak RSS MiB | ratio, wall | ratio, CPU |");
        out.println("|---|---|---|---|---|");
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            out.printf(Locale.ROOT, "| %d | %.2f, %.2f | %.2f, %.2f, %s | %.2f | %.2f |%n", i + 1, p.parse.wall, p.parse.cpu,
                    p.replay.wall, p.replay.cpu, p.replay.rss < 0 ? "?" : String.valueOf(p.replay.rss), p.wallRatio(), p.cpuRatio());
        }
        double wall = median(pairs.stream().mapToDouble(Pair::wallRatio).toArray());
        double cpu = median(pairs.stream().mapToDouble(Pair::cpuRatio).toArray());
        out.printf(Locale.ROOT, "| **median** | | | **%.2f** | **%.2f** |%n%n", wall, cpu);
        out.printf(Locale.ROOT, "target: replay within %.1fx the parse-only pass: %s%n", TARGET_RATIO,
                wall <= TARGET_RATIO ? "met" : "not met");
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private record Run(double wall, double cpu, long rss) {
    }

    private record Pair(Run parse, Run replay) {
        double wallRatio() {
            return replay.wall / parse.wall;
        }

        double cpuRatio() {
            return replay.cpu / parse.cpu;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "parse %.2f s (CPU %.2f), replay %.2f s (CPU %.2f): %.2fx", parse.wall, parse.cpu,
                    replay.wall, replay.cpu, wallRatio());
        }
    }
}
