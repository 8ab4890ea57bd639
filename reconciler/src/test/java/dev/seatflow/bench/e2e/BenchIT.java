package dev.seatflow.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.testkit.KafkaCluster;
import dev.seatflow.testkit.WithKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench end to end with tiny sizes, so the command cannot rot: every figure is there and sane. It lives with the
 * reconciler's integration tests, where the jar that carries the command is built and a broker is at hand.
 */
@WithKafka
class BenchIT {

    @Test
    void aTinyRunReportsEveryFigure(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        EndToEndRun.Options options = new EndToEndRun.Options(kafka.bootstrapServers(), 4_000, 2, 2, 300,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, 7, 100, Map.of(), "1g", Duration.ofSeconds(60));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BenchReport report = new EndToEndRun(options, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        Map<String, Object> figures = report.toMap();
        for (String key : List.of("baseline_events_per_s", "reconciler_events_per_s", "ratio_to_baseline",
                "latency_p50_ms", "latency_p99_ms", "latency_max_ms", "fanout_ms", "restore_ms",
                "heap_bytes_per_membership")) {
            assertThat(figures.get(key)).as(key).isInstanceOf(Number.class);
            assertThat(((Number) figures.get(key)).doubleValue()).as(key).isPositive();
        }
        assertThat(figures.get("latency_inputs_missing")).isEqualTo(0L);
        assertThat(figures.get("fanout_outputs")).isEqualTo(300L);
        assertThat((Long) figures.get("restore_changelog_records")).isPositive();
        // The baseline wrote exactly as many records to each topic as the reconciler did.
        for (int i = 0; i < report.reconcilerOutputs().size(); i++) {
            assertThat(report.baselineOutputs().get(i).records()).isEqualTo(report.reconcilerOutputs().get(i).records());
        }

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        report.print(new PrintStream(table, true, StandardCharsets.UTF_8));
        assertThat(table.toString(StandardCharsets.UTF_8)).contains("ratio reconciler / baseline", "p99", "fan-out",
                "restore", "heap per membership");
        Path json = dir.resolve("bench.json");
        report.writeJson(json);
        assertThat(Files.readString(json)).contains("\"ratio_to_baseline\": ", "\"targets\": {");
    }
}
