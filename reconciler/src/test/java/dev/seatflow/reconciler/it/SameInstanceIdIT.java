package dev.seatflow.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.LicensingEvent;
import dev.seatflow.testkit.Eventually;
import dev.seatflow.testkit.KafkaCluster;
import dev.seatflow.testkit.WithKafka;
import dev.seatflow.testkit.events.EventStream;
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
 * Two live {@code run} processes given the same {@code SEATFLOW_INSTANCE_ID}, so one transactional id: each new
 * producer fences the other's, in turn. That is the one fencing the shell does not ride out: one of the two stops
 * with a sentence naming the setting, the other goes on with every partition, and what they committed between them
 * still equals {@code replay}, nothing output twice.
 */
@WithKafka
class SameInstanceIdIT {
    private static final Logger log = LoggerFactory.getLogger(SameInstanceIdIT.class);
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Map<String, String> QUICK_HANDOVER = Map.of("KAFKA_SESSION_TIMEOUT_MS", "6000");

    @Test
    void twoLiveInstancesWithOneInstanceIdStopOneOfThemWithASentence(KafkaCluster kafka) throws Exception {
        List<InboundEvent> stream = EventStream.generate(11, 30_000, 8);
        // A producer is fenced only when it is used, so both instances must have input once both are in the
        // group: the directory events wait until then (if the first instance could work through everything
        // alone, the two would sit side by side unnoticed until the next input). The licensing events go
        // first, and so come first in the merge too (earlier timestamps, all on the broker before the rest).
        List<InboundEvent> licensing = stream.stream().filter(e -> e.data() instanceof LicensingEvent).toList();
        List<InboundEvent> directory = stream.stream().filter(e -> e.data() instanceof DirectoryEvent).toList();
        List<InboundEvent> events = new ArrayList<>(licensing);
        events.addAll(directory);
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "twins", 3)) {
            pipeline.publishBacklog(licensing);
            Path logA = Files.createTempFile("seatflow-twin-a-", ".log");
            Path logB = Files.createTempFile("seatflow-twin-b-", ".log");
            Process a = ReconcilerProcess.start(pipeline, "twin", QUICK_HANDOVER, logA);
            Process b = ReconcilerProcess.start(pipeline, "twin", QUICK_HANDOVER, logB);
            try {
                Eventually.await(PATIENCE, "both instances are given partitions",
                        () -> says(logA, "restored partitions") && says(logB, "restored partitions"));
                pipeline.publishBacklog(directory);
                Eventually.await(PATIENCE, "one of the two instances stops by itself", () -> !a.isAlive() || !b.isAlive());
                Process stopped = a.isAlive() ? b : a;
                Process survivor = stopped == a ? b : a;
                stopped.waitFor();
                String stoppedLog = Files.readString(stopped == a ? logA : logB);
                assertThat(stopped.exitValue()).as("exit status of the stopped instance; log:\n" + stoppedLog).isEqualTo(1);
                assertThat(stoppedLog).contains("seatflow: the reconciler stopped: ",
                        "another live instance uses SEATFLOW_INSTANCE_ID 'twin'", "give every instance its own SEATFLOW_INSTANCE_ID");
                assertThat(survivor.isAlive()).as("the other instance goes on").isTrue();

                Eventually.await(PATIENCE, "the survivor commits all input", pipeline::quiescent);
                ReconcilerServiceIT.assertMatchesReplay(pipeline, events);
            } catch (AssertionError e) {
                log.error("instance A's log:\n{}\ninstance B's log:\n{}", Files.readString(logA), Files.readString(logB));
                throw e;
            } finally {
                for (Process p : List.of(a, b)) {
                    if (p.isAlive()) {
                        assertThat(ReconcilerProcess.stop(p)).as("exit status after SIGTERM").isZero();
                    }
                }
            }
        }
    }

    private static boolean says(Path log, String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
