package dev.seatflow.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code reconciler run} as a process of its own, configured by environment variables as in production, with
 * everything it prints (stdout and stderr, so every log line, in the shipped log format) in one file.
 */
final class ReconcilerProcess {
    private ReconcilerProcess() {
    }

    /** KAFKA_* and SEATFLOW_* of the parent never reach the child: only the pipeline's settings and {@code env}. */
    static Process start(Pipeline pipeline, Map<String, String> env, Path log) throws IOException {
        return start(pipeline, "secured", env, log);
    }

    static Process start(Pipeline pipeline, String instanceId, Map<String, String> env, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The shipped logback.xml, not the tests' logback-test.xml on the same class path.
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx256m", "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"), "dev.seatflow.reconciler.cli.Main", "run"));
        Map<String, String> childEnv = pb.environment();
        childEnv.keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("SEATFLOW_"));
        pipeline.seatflowSettings(instanceId).forEach((k, v) ->
                childEnv.put("SEATFLOW_" + k.toUpperCase().replace('.', '_'), v));
        childEnv.put("SEATFLOW_HTTP_PORT", "0");
        childEnv.put("KAFKA_BOOTSTRAP_SERVERS", pipeline.bootstrap());
        childEnv.putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    /**
     * Runs the service until it exits by itself, which it must do within {@code patience} and with {@code status};
     * returns all it printed. The startup timeout is 3 s, so an unreachable cluster fails fast.
     */
    static String runToExit(Pipeline pipeline, Map<String, String> env, int status, Duration patience)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("seatflow-run-", ".log");
        Map<String, String> withTimeout = new HashMap<>(env);
        withTimeout.put("SEATFLOW_STARTUP_TIMEOUT_MS", "3000");
        Process process = start(pipeline, withTimeout, log);
        boolean exited = process.waitFor(patience.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = read(log);
        assertThat(exited).as("the service stops by itself; log:\n" + output).isTrue();
        assertThat(process.exitValue()).as("exit status; log:\n" + output).isEqualTo(status);
        return output;
    }

    /** SIGTERM, then the exit status, which must come within 60 s. */
    static int stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the reconciler did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** The HTTP status of the service's {@code /readyz}, or -1 when it does not answer. */
    static int readiness(int httpPort) {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/readyz"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
