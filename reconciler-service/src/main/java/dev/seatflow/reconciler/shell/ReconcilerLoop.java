package dev.seatflow.reconciler.shell;

import dev.seatflow.reconciler.core.Decision;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once consume-transform-produce loop: poll, merge, admit, apply, send, commit on time; and, when
 * anything fails, do what {@link ErrorPolicy}'s {@link Outcome} says. Recovery is itself a step of the loop, retried
 * with a back-off until it succeeds or the service stops: only a {@link Outcome.Fatal} ends the loop.
 *
 * <p>Every recovery ends the same way: the open transaction is gone (aborted, or left to the next producer's
 * {@code initTransactions()}), each owned partition's state is rebuilt from the changelog, and its inputs are read
 * again from the offsets committed with that state. So nothing is applied, or output, twice.
 */
final class ReconcilerLoop {
    private static final Logger log = LoggerFactory.getLogger(ReconcilerLoop.class);
    static final int MAX_EVENTS_PER_TRANSACTION = 50_000;
    /** With no answer from Kafka for this long and no transaction open, the loop asks for the inputs' end offsets. */
    static final long CHECK_AFTER_MS = 1_000;

    /** How far the loop must go back before it can go on; each includes the ones before it. */
    enum Recovery { NONE, ROLL_BACK, REPLACE_PRODUCER }

    private final Settings settings;
    private final CoreStep core;
    private final ServiceStatus status;
    private final Questions questions;
    private final ErrorPolicy policy;
    private final FencingGuard fencing;
    private final Consumer<byte[], byte[]> consumer;
    private final TransactionalOutput output;
    private final PartitionTasks tasks;
    /** Input records the core failed on, with why: dead-lettered when read again after the rollback. */
    private final Map<RecordId, String> poison = new HashMap<>();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final long commitIntervalMs;
    private Recovery pending = Recovery.REPLACE_PRODUCER; // the first producer is started like any new one
    private int failuresInARow;
    /**
     * The merge's clock: time spent in {@code poll}, the only time the consumer fetches. A side waited for while the
     * loop was blocked elsewhere (a commit during a broker stall) had no chance to arrive, so that time does not
     * count against the idle time.
     */
    private long pollingNanos;
    private volatile boolean running = true;

    ReconcilerLoop(Settings settings, KafkaClients clients, CoreStep core, ServiceStatus status, Questions questions) {
        this.settings = settings;
        this.core = core;
        this.status = status;
        this.questions = questions;
        this.policy = new ErrorPolicy(settings);
        this.fencing = new FencingGuard(settings.transactionTimeoutMs());
        this.commitIntervalMs = settings.commitIntervalMs();
        this.output = new TransactionalOutput(clients, OutputTopics.of(settings), settings.directoryTopic(), status);
        StateRestorer restorer = new StateRestorer(clients.restoreConsumer(), settings.changelogTopic(),
                settings.dedupWindow(), settings.transactionTimeoutMs());
        this.tasks = new PartitionTasks(settings, restorer, status, this::finishOpenTransaction);
        this.consumer = clients.consumer();
    }

    /** Runs until {@link #stop()}; throws {@link ServiceFailedException} on a fatal error. */
    void run() {
        try {
            tasks.subscribe(consumer);
            while (running) {
                try {
                    if (pending != Recovery.NONE) {
                        recover();
                    } else {
                        step();
                    }
                } catch (WakeupException e) {
                    // stop() woke a blocking call; the loop condition decides
                } catch (RuntimeException e) {
                    handle(e);
                }
            }
            if (pending == Recovery.NONE) {
                try {
                    finishOpenTransaction();
                } catch (RuntimeException e) {
                    log.warn("could not commit the last transaction on shutdown ({}); closing the producer aborts it",
                            settings.redact(rootMessage(e)));
                }
            }
        } finally {
            status.phase(ServiceStatus.Phase.STOPPED);
            closeQuietly();
        }
    }

    void stop() {
        running = false;
        stopRequested.countDown();
        consumer.wakeup();
    }

    // ---- the steady state -----------------------------------------------------------------------

    private void step() {
        long pollStarted = System.nanoTime();
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(tasks.anyBuffered() ? 5 : 100));
        pollingNanos += System.nanoTime() - pollStarted;
        tasks.newPoll();
        if (tasks.takeLost() && output.isOpen()) {
            throw new ErrorPolicy.PartitionsLostException("(the group moved on while Kafka was away)");
        }
        if (!records.isEmpty()) {
            status.contact();
        }
        status.phase(ServiceStatus.Phase.RUNNING);
        tasks.receive(records);
        long now = pollingNanos / 1_000_000;
        for (PartitionTask task : tasks.all()) {
            ConsumerRecord<byte[], byte[]> r;
            while (running && (r = task.inbox.next(now, side -> tasks.lagOf(side, task.partition))) != null) {
                process(task, r);
                commitIfDue();
            }
        }
        tasks.applyBackPressure();
        commitIfDue();
        if (!output.isOpen()) {
            questions.answer(tasks::ownerOf); // idle: no commit is coming to answer them
            checkKafkaIfQuiet();
        }
    }

    /** Admits one input record and applies it, or dead-letters it; either way it is consumed in this transaction. */
    private void process(PartitionTask task, ConsumerRecord<byte[], byte[]> r) {
        output.begin(System.currentTimeMillis());
        RecordId id = RecordId.of(r);
        String poisoned = poison.get(id);
        InputAdmission.Admission admission = poisoned != null ? new InputAdmission.Rejected(poisoned)
                : InputAdmission.record(r.key(), r.value());
        if (admission instanceof InputAdmission.Accepted accepted) {
            Decision d;
            try {
                d = core.apply(task.reconciler, accepted.event());
            } catch (RuntimeException bug) {
                throw new ErrorPolicy.PoisonRecordException(id, bug);
            }
            output.send(task.partition, d);
        } else {
            output.deadLetter(task.partition, r, ((InputAdmission.Rejected) admission).reason());
        }
        output.consumed(r);
    }

    private void commitIfDue() {
        if (output.due(System.currentTimeMillis(), commitIntervalMs, MAX_EVENTS_PER_TRANSACTION)) {
            commit();
        }
    }

    private void commit() {
        tasks.committed(output.commit(consumer.groupMetadata(), tasks));
        status.contact();
        failuresInARow = 0;
        // Right after a commit the state is exactly the committed one: under steady load the loop is seldom
        // between transactions otherwise.
        questions.answer(tasks::ownerOf);
    }

    /** Nothing said Kafka is there for a while (no records, no commit): ask it, so readiness tells the truth. */
    private void checkKafkaIfQuiet() {
        if (status.sinceContactMs() >= CHECK_AFTER_MS) {
            consumer.endOffsets(tasks.inputPartitions(), Duration.ofMillis(ServiceStatus.CONTACT_WINDOW_MS));
            status.contact();
        }
    }

    /** Commits what is open before partitions move or the service stops. */
    private void finishOpenTransaction() {
        if (output.isOpen()) {
            commit();
        }
    }

    // ---- when something fails -------------------------------------------------------------------

    private void handle(RuntimeException error) {
        Outcome outcome = policy.classify(error);
        boolean wasRecovering = pending != Recovery.NONE;
        if (outcome instanceof Outcome.Fatal fatal) {
            throw new ServiceFailedException(fatal.reason(), fatal.cause());
        } else if (outcome instanceof Outcome.ProducerLost lost) {
            long now = System.currentTimeMillis();
            if (lost.fenced() && fencing.fenced(output.ageMs(now), now)) {
                throw new ServiceFailedException(anotherInstance(), error);
            }
            log.warn("the producer cannot go on ({}): starting a new one with the same transactional id and rolling "
                    + "back to the last commit", settings.redact(rootMessage(error)));
            escalate(Recovery.REPLACE_PRODUCER);
        } else if (outcome instanceof Outcome.Poison p) {
            poison.put(p.record(), p.reason());
            log.error("the core failed on {}; rolling back, and it goes to the dead letters when read again",
                    p.record(), p.cause());
            escalate(Recovery.ROLL_BACK);
        } else if (outcome instanceof Outcome.Rebalanced) {
            log.warn("the consumer group moved on ({}): rolling back to the last commit", rootMessage(error));
            escalate(Recovery.ROLL_BACK);
        } else {
            log.warn("{} failed ({}): {}", wasRecovering ? "recovery" : "a step", settings.redact(rootMessage(error)),
                    output.isOpen() || !tasks.complete() ? "rolling back to the last commit"
                            : "trying again");
            if (output.isOpen() || !tasks.complete()) {
                escalate(Recovery.ROLL_BACK);
            }
        }
        if (wasRecovering || outcome instanceof Outcome.Retriable) {
            backOff();
        }
    }

    private void escalate(Recovery needed) {
        if (needed.compareTo(pending) > 0) {
            pending = needed;
        }
    }

    /** Goes back to the last commit; any failure leaves {@link #pending} set, so the next turn tries again. */
    private void recover() {
        status.phase(ServiceStatus.Phase.RECOVERING);
        if (pending == Recovery.REPLACE_PRODUCER) {
            output.replaceProducer();
        } else {
            try {
                output.abort();
            } catch (RuntimeException e) {
                pending = Recovery.REPLACE_PRODUCER; // an abort that fails leaves the producer unusable
                throw e;
            }
        }
        pending = Recovery.ROLL_BACK;
        tasks.rollback();
        pending = Recovery.NONE;
        status.contact();
        status.phase(ServiceStatus.Phase.RUNNING);
        if (failuresInARow > 0) {
            log.info("recovered: rolled back to the last commit, reading on from there");
        }
    }

    /** 100 ms, doubling to 10 s: a cluster that is away is not hammered, a blip costs little. */
    private void backOff() {
        long delayMs = Math.min(10_000, 100L << Math.min(failuresInARow, 7));
        failuresInARow++;
        try {
            stopRequested.await(delayMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private String anotherInstance() {
        return "the producer was fenced " + FencingGuard.LIMIT + " times within " + FencingGuard.WINDOW_MINUTES
                + " minutes while its transactions were younger than SEATFLOW_TRANSACTION_TIMEOUT_MS ("
                + settings.transactionTimeoutMs() + " ms): another live instance uses SEATFLOW_INSTANCE_ID '"
                + settings.instanceId() + "' (transactional id '" + ClientConfigs.transactionalId(settings)
                + "'); give every instance its own SEATFLOW_INSTANCE_ID";
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? String.valueOf(error) : error.getMessage() + " <- " + root;
    }

    private void closeQuietly() {
        // The producer first: closing the consumer revokes its partitions, and the revocation would otherwise try to
        // commit a transaction that a fatal error (a fenced producer, say) left open. Closed, the producer aborts it,
        // so the next owner of the partitions does not wait for it either.
        for (AutoCloseable c : new AutoCloseable[] {output, consumer, tasks}) {
            try {
                c.close();
            } catch (Exception e) {
                log.debug("closing {}: {}", c, e.toString());
            }
        }
    }
}
