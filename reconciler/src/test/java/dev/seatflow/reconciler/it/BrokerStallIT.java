package dev.seatflow.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.InboundEvent;
import dev.seatflow.kafka.BrokerProcess;
import dev.seatflow.testkit.Eventually;
import dev.seatflow.testkit.events.EventStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reconciler run} survives its cluster: a single-node broker in a process of its own is paused
 * ({@code SIGSTOP}) for 15 s, 60 s and 150 s (the last past every client timeout) while transactions are open, or
 * killed and restarted on the same port and data while a backlog is reconciled. Each scenario ends with the service
 * still running, its outputs and compacted state equal to replay of the same input, no output id twice, and exit
 * status 0 on SIGTERM; readiness says "no" while the broker is away and "yes" again after.
 *
 * <p>Each scenario has a broker of its own, and they run at the same time (and beside the other integration
 * tests): most of their time is the broker's pause, so they overlap in wall time instead of adding up. Their
 * busy part, starting a broker and a reconciler and publishing the backlog, goes one scenario at a time in the
 * order of {@link #SET_UP_ORDER}, longest stall first, so that on a small box the longest stall starts soonest.
 */
@Execution(ExecutionMode.CONCURRENT)
class BrokerStallIT {
    private static final Logger log = LoggerFactory.getLogger(BrokerStallIT.class);
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    /** The scenarios set up one after the other in this order, each once the one before has its broker in trouble. */
    private static final List<String> SET_UP_ORDER = List.of("stall-150", "stall-60", "stall-15", "restart");
    /**
     * How long a scenario waits for its turn at most: a scenario before it may not be part of this run (one test
     * run on its own), and then it goes ahead anyway.
     */
    private static final long TURN_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(45);
    private static final Object TURNS = new Object();
    /** The index in {@link #SET_UP_ORDER} of the scenario whose set-up may run now. */
    private static int turn;

    private String name;
    private int httpPort;
    /** Whether this scenario has let the next one set up. */
    private boolean released;

    @Test
    void aStallOf150SecondsPastEveryClientTimeout(@TempDir Path dir) throws Exception {
        survives(dir, "stall-150", broker -> stall(broker, Duration.ofSeconds(150)));
    }

    @Test
    void aSixtySecondStallAsLongAsTheProducersBlockingTimeout(@TempDir Path dir) throws Exception {
        survives(dir, "stall-60", broker -> stall(broker, Duration.ofSeconds(60)));
    }

    @Test
    void aFifteenSecondStallLongerThanTheTransactionTimeout(@TempDir Path dir) throws Exception {
        survives(dir, "stall-15", broker -> stall(broker, Duration.ofSeconds(15)));
    }

    @Test
    void aBrokerKilledAndRestartedOnTheSamePortAndData(@TempDir Path dir) throws Exception {
        survives(dir, "restart", broker -> {
            broker.kill();
            releaseSetUp();
            awaitNotReady();
            broker.restart(); // the same port and log directory
        });
    }

    /** What happens to the broker while the reconciler works through the backlog. */
    @FunctionalInterface
    private interface Trouble {
        void strike(BrokerProcess broker) throws Exception;
    }

    private void survives(Path dir, String name, Trouble trouble) throws Exception {
        this.name = name;
        awaitTurn();
        try {
            survivesOnceSetUp(dir, name, trouble);
        } finally {
            releaseSetUp(); // if it failed before its broker was in trouble
        }
    }

    private void awaitTurn() throws InterruptedException {
        int rank = SET_UP_ORDER.indexOf(name);
        long deadline = System.nanoTime() + TURN_PATIENCE_NANOS;
        synchronized (TURNS) {
            long left;
            while (turn < rank && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(TURNS, left);
            }
        }
    }

    /** The next scenario may set up. */
    private void releaseSetUp() {
        if (!released) {
            released = true;
            synchronized (TURNS) {
                turn = Math.max(turn, SET_UP_ORDER.indexOf(name) + 1);
                TURNS.notifyAll();
            }
        }
    }

    private void survivesOnceSetUp(Path dir, String name, Trouble trouble) throws Exception {
        long started = System.nanoTime();
        List<InboundEvent> events = EventStream.generate(name.hashCode(), 6_000, 6);
        List<InboundEvent> backlog = events.subList(0, 5_900);
        List<InboundEvent> later = events.subList(5_900, events.size());
        // The logs stay for reading afterwards; the broker's data goes with the test.
        Path logs = Files.createDirectories(Path.of("target", "test-logs", "BrokerStallIT"));
        Path reconcilerLog = logs.resolve(name + "-reconciler.log");
        Files.deleteIfExists(reconcilerLog);
        Path brokerLog = logs.resolve(name + "-broker.log");
        Files.deleteIfExists(brokerLog);
        httpPort = freePort();
        try (BrokerProcess broker = BrokerProcess.start(dir.resolve("broker-data"), brokerLog, "384m", Map.of());
                Pipeline pipeline = new Pipeline(broker.bootstrapServers(), name, 3)) {
            pipeline.publishBacklog(backlog);
            Process reconciler = ReconcilerProcess.start(pipeline, name, Map.of("KAFKA_BOOTSTRAP_SERVERS",
                    broker.bootstrapServers(), "SEATFLOW_HTTP_PORT", Integer.toString(httpPort),
                    "SEATFLOW_LOG_SUMMARY_INTERVAL_MS", "5000"), reconcilerLog);
            try {
                Eventually.await(PATIENCE, "the reconciler works through the backlog",
                        () -> pipeline.inputProgress() >= 0.05);
                double struckAt = pipeline.inputProgress();
                trouble.strike(broker);
                Eventually.await(PATIENCE, "ready again once the broker is back",
                        () -> ReconcilerProcess.readiness(httpPort) == 200);
                pipeline.publish(later); // input produced while it catches up
                Eventually.await(PATIENCE, "the reconciler commits all input", pipeline::quiescent);

                assertThat(reconciler.isAlive()).as("run is still running").isTrue();
                assertThat(struckAt).as("the broker was away mid-backlog").isLessThan(1.0);
                ReconcilerServiceIT.assertMatchesReplay(pipeline, events);
            } catch (AssertionError | RuntimeException e) {
                log.error("{} failed; the reconciler's log is {}, the broker's {}", name, reconcilerLog.toAbsolutePath(),
                        brokerLog.toAbsolutePath());
                throw e;
            } finally {
                int status = ReconcilerProcess.stop(reconciler);
                assertThat(status).as("exit status after SIGTERM; log:\n" + ReconcilerProcess.read(reconcilerLog))
                        .isZero();
            }
            log.info("{}: {} events, {} outputs, all checks in {} s", name, events.size(),
                    Pipeline.replay(events).outputCount(), (System.nanoTime() - started) / 1_000_000_000);
            broker.kill(); // its data goes with the test: no need to wait for a clean shutdown
        }
    }

    /** The broker stops answering for {@code pause}, with transactions open: readiness turns to "no" meanwhile. */
    private void stall(BrokerProcess broker, Duration pause) throws InterruptedException {
        long until = System.nanoTime() + pause.toNanos();
        broker.pause();
        releaseSetUp();
        try {
            awaitNotReady();
            TimeUnit.NANOSECONDS.sleep(Math.max(0, until - System.nanoTime())); // the stall itself: its length is the point
        } finally {
            broker.resume();
        }
    }

    private void awaitNotReady() {
        Eventually.await(Duration.ofSeconds(14), "/readyz says not ready while the broker is away",
                () -> ReconcilerProcess.readiness(httpPort) == 503);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
