package dev.seatflow.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core must stay pure: replay and the live service share it only because it has no Kafka,
 * no JSON, no clock, no randomness and no I/O. This reads the sources so a slip fails the build
 * with the file and the line that crossed the boundary.
 */
class CoreBoundaryTest {
    private static final List<String> FORBIDDEN = List.of(
            "import org.apache.kafka", "import com.fasterxml", "import java.io", "import java.nio",
            "import java.net", "Instant.now", "System.currentTimeMillis", "System.nanoTime", "new Random",
            "UUID.randomUUID", "Math.random", "LocalDateTime.now", "Clock.");

    @Test
    void coreHasNoKafkaJsonClockRandomnessOrIo() throws IOException {
        Path core = Path.of("src/main/java/dev/seatflow/reconciler/core");
        List<String> violations;
        try (Stream<Path> files = Files.list(core)) {
            violations = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    List<String> lines = Files.readAllLines(f);
                    return java.util.stream.IntStream.range(0, lines.size()).boxed().flatMap(i -> FORBIDDEN.stream()
                            .filter(lines.get(i)::contains)
                            .map(word -> f.getFileName() + ":" + (i + 1) + " uses " + word));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.toList());
        }
        assertThat(violations).as("the core must stay pure (see core/DESIGN.md)").isEmpty();
    }
}
