package dev.seatflow.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bench replay} with a tiny directory, so the command cannot rot: both child JVMs run and the table has a ratio. */
class ReplayBenchIT {

    @Test
    void aTinyRunComparesReplayWithParsing(@TempDir Path dir) {
        Path input = dir.resolve("input.jsonl");
        StringWriter out = new StringWriter();
        StringWriter progress = new StringWriter();
        int status = new CommandLine(new ReplayBenchCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(progress))
                .execute("--memberships", "3000", "--pairs", "1", "--file", input.toString(),
                        "--jvm-option", "-Xmx256m", "--cli-main-class", "dev.seatflow.reconciler.cli.Main");

        assertThat(status).as(progress.toString()).isZero();
        assertThat(progress.toString()).contains("warm-up pair: ", "pair 1: ");
        assertThat(input).as("--file keeps the input it wrote").exists();
        assertThat(lines(input)).isGreaterThan(3000);
        assertThat(out.toString()).contains("| 1 | ", "| **median** |", "target: replay within 1.5x the parse-only pass: ");
    }

    private static long lines(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
