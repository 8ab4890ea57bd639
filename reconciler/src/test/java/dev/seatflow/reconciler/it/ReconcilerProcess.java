package dev.seatflow.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code reconciler run} as a process of its own, configured by environment variables as in production, with
 * everything it prints (stdout and stderr, so every log line) in one file.
 */
final class ReconcilerProcess {
    private ReconcilerProcess() {
    }

    /** KAFKA_* and SEATFLOW_* of the parent never reach the child: only the pipeline's settings and {@code env}. */
    static Process start(Pipeline pipeline, Map<String, String> env, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "dev.seatflow.reconciler.cli.Main", "run");
        Map<String, String> childEnv = pb.environment();
        childEnv.keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("SEATFLOW_"));
        pipeline.seatflowSettings("secured").forEach((k, v) ->
                childEnv.put("SEATFLOW_" + k.toUpperCase().replace('.', '_'), v));
        childEnv.put("SEATFLOW_HTTP_PORT", "0");
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
        env.put("SEATFLOW_STARTUP_TIMEOUT_MS", "3000");
        Process process = start(pipeline, env, log);
        boolean exited = process.waitFor(patience.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = read(log);
        assertThat(exited).as("the service stops by itself; log:\n" + output).isTrue();
        assertThat(process.exitValue()).as("exit status; log:\n" + output).isEqualTo(status);
        return output;
    }

    static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
