package dev.seatflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The main class in a JVM of its own: one line on stdout, a working broker, gone when stdin closes. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedKafkaMainTest {

    @Test
    void printsBootstrapServersAndStopsWhenStdinCloses() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, EmbeddedKafkaMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader stdout = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(60, TimeUnit.SECONDS);
            assertThat(line).matches("bootstrap\\.servers=127\\.0\\.0\\.1:\\d+");

            String bootstrap = line.substring("bootstrap.servers=".length());
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            }

            process.getOutputStream().close();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited after stdin closed").isTrue();
            assertThat(process.exitValue()).isZero();
            List<String> rest = stdout.lines().collect(Collectors.toList());
            assertThat(rest).as("stdout after the first line").isEmpty();
        } finally {
            process.destroyForcibly();
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
