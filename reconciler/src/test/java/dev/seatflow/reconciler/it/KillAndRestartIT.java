package dev.seatflow.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.InboundEvent;
import dev.seatflow.testkit.events.EventStream;
import dev.seatflow.testkit.Eventually;
import dev.seatflow.testkit.KafkaCluster;
import dev.seatflow.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler as its own process, killed with SIGKILL in the middle of the stream and started
 * again: a read_committed consumer still sees every output exactly once, and the outputs and
 * state topics equal {@code replay} of the same inputs.
 */
@WithKafka
class KillAndRestartIT {
    private static final Logger log = LoggerFactory.getLogger(KillAndRestartIT.class);
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** A killed member is only noticed when its session times out (45 s by default). */
    private static final Map<String, String> KILLABLE = Map.of("KAFKA_SESSION_TIMEOUT_MS", "6000");

    @Test
    void reconcilerKilledMidStreamLosesAndDuplicatesNothing(KafkaCluster kafka) throws Exception {
        long started = System.nanoTime();
        List<InboundEvent> events = EventStream.generate(5, 30_000, 8);
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "kill", 3)) {
            // The whole stream waits in the input topics; the reconciler is killed while working through it.
            pipeline.publishBacklog(events);
            Path logFile = Files.createTempFile("seatflow-kill-", ".log");
            Process process = ReconcilerProcess.start(pipeline, "killable", KILLABLE, logFile);
            List<Double> killedAt = new ArrayList<>();
            for (double share : new double[] {0.2, 0.6}) {
                Eventually.await(PATIENCE, "the reconciler commits " + share + " of its input",
                        () -> pipeline.inputProgress() >= share);
                process.destroyForcibly();              // SIGKILL: no shutdown hook, no commit
                process.waitFor();
                killedAt.add(pipeline.inputProgress());
                log.info("killed the reconciler (exit {}) with {} of the input committed", process.exitValue(),
                        killedAt.get(killedAt.size() - 1));
                process = ReconcilerProcess.start(pipeline, "killable", KILLABLE, logFile);
            }
            try {
                Eventually.await(PATIENCE, "the restarted reconciler commits all input", pipeline::quiescent);
                ReconcilerServiceIT.assertMatchesReplay(pipeline, events);
            } catch (AssertionError e) {
                log.error("reconciler log:\n{}", Files.readString(logFile));
                throw e;
            } finally {
                assertThat(ReconcilerProcess.stop(process)).as("exit status after SIGTERM").isZero();
            }
            assertThat(killedAt).as("both kills landed mid-stream").allSatisfy(p -> assertThat(p).isLessThan(1.0));
            log.info("kill-and-restart test: {} events, kills at {} of the input, {} outputs checked, {} ms",
                    events.size(), killedAt, Pipeline.replay(events).outputCount(), (System.nanoTime() - started) / 1_000_000);
        }
    }

}
