package dev.seatflow.reconciler.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.json.EventCodec;
import dev.seatflow.events.json.InvalidEventException;
import dev.seatflow.reconciler.core.Decision;
import dev.seatflow.reconciler.core.Reconciler;
import dev.seatflow.testkit.Eventually;
import dev.seatflow.testkit.events.EventStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loop's recovery, driven through Kafka's MockConsumer and MockProducer ({@link FakeKafka}): whatever fails,
 * the loop goes on, and in the end the committed outputs and state rows are exactly those of replay, with no
 * output id twice.
 */
class ReconcilerLoopTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Settings settings = Settings.forCluster("fake:9092", Map.of(
            "instance.id", "test", "partitions", "2", "commit.interval.ms", "5", "transaction.timeout.ms", "10000"));
    private final FakeKafka kafka = new FakeKafka(settings);
    private final List<InboundEvent> events = EventStream.generate(7, 2_000, 4);
    private final ServiceStatus status = new ServiceStatus();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private ReconcilerLoop loop;
    private Thread thread;

    @AfterEach
    void stopTheLoop() throws InterruptedException {
        if (loop != null) {
            loop.stop();
            thread.join(10_000);
        }
    }

    @Test
    void withNothingFailingTheOutputsEqualReplay() {
        run(CoreStep.CORE);

        awaitAllInputCommitted();
        assertOutputsEqualReplayOf(events);
        assertThat(kafka.producers).hasSize(1);
    }

    @Test
    void aCommitThatTimesOutAfterTakingEffectReplacesTheProducerAndOutputsNothingTwice() {
        kafka.timeOutCommit(3, FakeKafka.CommitTimeout.AFTER_COMMIT);
        run(CoreStep.CORE);

        awaitAllInputCommitted();
        assertOutputsEqualReplayOf(events);
        assertThat(kafka.producers).as("a new producer after the timeout").hasSize(2);
        assertThat(kafka.producers.get(0).transactionAborted()).as("never aborted after a commit timeout").isFalse();
        assertThat(kafka.producers.get(0).closed()).isTrue();
    }

    @Test
    void theRollbackWaitsForTheChangelogToReachTheCommittedOffsets() {
        // The commit took effect, but its changelog records are not readable yet when the rollback starts: restoring
        // without them, and reading on from the committed offsets, would lose that transaction's state changes.
        kafka.timeOutCommit(3, FakeKafka.CommitTimeout.AFTER_COMMIT);
        kafka.writeMarkersLate();
        run(CoreStep.CORE);

        awaitAllInputCommitted();
        assertOutputsEqualReplayOf(events);
    }

    @Test
    void theRollbackWaitsEvenForAChangelogThatShowsNothingYet() {
        // The very first commit times out after taking effect, and its changelog records are not readable yet: an
        // empty changelog beside committed offsets is not a state to go on from.
        kafka.timeOutCommit(0, FakeKafka.CommitTimeout.AFTER_COMMIT);
        kafka.writeMarkersLate();
        run(CoreStep.CORE);

        awaitAllInputCommitted();
        assertOutputsEqualReplayOf(events);
    }

    @Test
    void aCommitThatTimesOutBeforeTakingEffectIsDoneAgainFromTheChangelog() {
        kafka.timeOutCommit(3, FakeKafka.CommitTimeout.BEFORE_COMMIT);
        run(CoreStep.CORE);

        awaitAllInputCommitted();
        assertOutputsEqualReplayOf(events);
        assertThat(kafka.producers).hasSize(2);
        assertThat(kafka.producers.get(0).transactionAborted()).isFalse();
    }

    @Test
    void aRecoveryThatTimesOutItselfIsRetriedUntilItSucceeds() {
        kafka.timeOutCommit(3, FakeKafka.CommitTimeout.AFTER_COMMIT);
        kafka.committedReadTimeouts.set(3); // the rollback cannot read the committed offsets, three times
        run(CoreStep.CORE);

        awaitAllInputCommitted();
        assertOutputsEqualReplayOf(events);
        assertThat(kafka.committedReadTimeouts.get()).isZero();
        assertThat(status.phase()).isEqualTo(ServiceStatus.Phase.RUNNING);
    }

    @Test
    void aFencedProducerIsReplacedAndTheLoopGoesOn() {
        run(CoreStep.CORE);
        Eventually.await(PATIENCE, "a few commits", () -> status.commits() >= 3);

        kafka.fenceCurrentProducer();

        awaitAllInputCommitted();
        assertOutputsEqualReplayOf(events);
        assertThat(kafka.producers).hasSize(2);
        assertThat(failure.get()).isNull();
    }

    @Test
    void fencedAgainAndAgainWhileItsTransactionsAreYoungTheLoopStopsNamingTheInstanceId() {
        run(CoreStep.CORE);
        for (int i = 1; i <= FencingGuard.LIMIT; i++) {
            int producers = i;
            Eventually.await(PATIENCE, "producer " + i, () -> kafka.producers.size() == producers);
            kafka.fenceCurrentProducer();
        }

        Eventually.await(PATIENCE, "the loop stops", () -> failure.get() != null);
        assertThat(failure.get()).isInstanceOf(ServiceFailedException.class)
                .hasMessageContaining("another live instance uses SEATFLOW_INSTANCE_ID 'test'")
                .hasMessageContaining("SEATFLOW_TRANSACTION_TIMEOUT_MS");
    }

    @Test
    void aRebalanceDuringATransactionCommitsTheRevokedWorkAndGoesOn() {
        run(CoreStep.CORE);
        Eventually.await(PATIENCE, "a few commits", () -> status.commits() >= 2);

        kafka.rebalanceTo(List.of(0));
        Eventually.await(PATIENCE, "partition 1 revoked", () -> status.assignedPartitions().equals(Set.of(0)));
        kafka.rebalanceTo(List.of(0, 1));

        awaitAllInputCommitted();
        assertOutputsEqualReplayOf(events);
    }

    @Test
    void aRecordTheCoreThrowsOnIsDeadLetteredAfterTheRollbackAndThePartitionGoesOn() {
        InboundEvent poison = events.get(1_200);
        String poisonId = poison.envelope().id();
        run((state, event) -> {
            if (event.envelope().id().equals(poisonId) && event.tenantId().equals(poison.tenantId())) {
                throw new IllegalStateException("a bug on " + poisonId);
            }
            return state.apply(event);
        });

        awaitAllInputCommitted();
        List<ConsumerRecord<byte[], byte[]>> rejected = kafka.committed(settings.rejectedTopic());
        assertThat(rejected).hasSize(1);
        assertThat(header(rejected.get(0), DeadLetters.REASON)).contains("could not apply").contains("a bug on");
        assertThat(rejected.get(0).value()).isEqualTo(EventCodec.INSTANCE.encodeInput(poison));
        List<InboundEvent> applied = new ArrayList<>(events);
        applied.removeIf(e -> e.envelope().id().equals(poisonId) && e.tenantId().equals(poison.tenantId()));
        assertOutputsEqualReplayOf(applied);
    }

    // ---- fixture ----------------------------------------------------------------------------------

    private void run(CoreStep core) {
        kafka.publish(events);
        kafka.assignAll();
        loop = new ReconcilerLoop(settings, kafka, core, status, new Questions());
        thread = new Thread(() -> {
            try {
                loop.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "loop-under-test");
        thread.start();
    }

    private void awaitAllInputCommitted() {
        Eventually.await(PATIENCE, "every input committed", () -> {
            if (failure.get() != null) {
                throw new AssertionError("the loop stopped", failure.get());
            }
            return kafka.allInputCommitted();
        });
    }

    /** Outputs per tenant in order, each id once, and the compacted rows: exactly what replay gives. */
    private void assertOutputsEqualReplayOf(List<InboundEvent> applied) {
        Reconciler replay = new Reconciler();
        Map<String, List<OutboundEvent>> expected = new LinkedHashMap<>();
        for (InboundEvent e : applied) {
            Decision d = replay.apply(e);
            d.outputs().forEach(o -> expected.computeIfAbsent(o.tenantId(), t -> new ArrayList<>()).add(o));
        }
        Map<String, List<OutboundEvent>> actual = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.committed(settings.assignmentsTopic())) {
            OutboundEvent o = decode(r.value());
            assertThat(ids.add(o.id())).as("output id %s only once", o.id()).isTrue();
            actual.computeIfAbsent(o.tenantId(), t -> new ArrayList<>()).add(o);
        }
        assertThat(actual).isEqualTo(expected);
        Map<String, String> seats = new TreeMap<>();
        replay.seats().forEach(s -> seats.put(s.key(), new String(EventCodec.INSTANCE.encodeSeats(s), StandardCharsets.UTF_8)));
        assertThat(latest(settings.seatsTopic())).isEqualTo(seats);
        Map<String, String> users = new TreeMap<>();
        replay.userLicenses().forEach(u -> users.put(u.key(),
                new String(EventCodec.INSTANCE.encodeUserLicenses(u), StandardCharsets.UTF_8)));
        assertThat(latest(settings.userLicensesTopic())).isEqualTo(users);
    }

    private Map<String, String> latest(String topic) {
        Map<String, String> latest = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.committed(topic)) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (r.value() == null) {
                latest.remove(key);
            } else {
                latest.put(key, new String(r.value(), StandardCharsets.UTF_8));
            }
        }
        return latest;
    }

    private static OutboundEvent decode(byte[] value) {
        try {
            return EventCodec.INSTANCE.decodeOutput(value);
        } catch (InvalidEventException e) {
            throw new AssertionError(e);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
