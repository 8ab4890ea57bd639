package dev.seatflow.reconciler.shell;

import dev.seatflow.reconciler.core.Explanation;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live service: checks the cluster and its topics, then runs the {@link ReconcilerLoop} on a thread of its
 * own until it is closed or fails. What other threads may ask of it: its {@link ServiceStatus}, and
 * {@link #explain} questions, which the loop answers from committed state.
 */
public final class ReconcilerService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReconcilerService.class);

    private final Settings settings;
    private final CoreStep core;
    private final KafkaClients clients;
    private final ServiceStatus status = new ServiceStatus();
    private final Questions questions = new Questions();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile ServiceFailedException failure;
    private volatile ReconcilerLoop loop;
    private volatile boolean closing;
    private Thread thread;
    private SummaryLog summary;

    public ReconcilerService(Settings settings) {
        this(settings, CoreStep.CORE);
    }

    /** With another step than the core's own: for tests only (see {@link CoreStep}). */
    public ReconcilerService(Settings settings, CoreStep core) {
        this(settings, core, KafkaClients.of(settings));
    }

    ReconcilerService(Settings settings, CoreStep core, KafkaClients clients) {
        this.settings = settings;
        this.core = core;
        this.clients = clients;
        status.setInstanceId(settings.instanceId());
    }

    public ServiceStatus status() {
        return status;
    }

    /**
     * Why a user does or does not have a SKU, answered from the committed state once the loop is between
     * transactions; empty when no partition of this instance holds the tenant.
     */
    public CompletableFuture<Optional<Explanation>> explain(String tenantId, String userId, String skuId) {
        if (!isAlive()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the reconciler loop has stopped"));
        }
        return questions.explain(tenantId, userId, skuId);
    }

    /** The loop is running and has not failed: what a liveness probe asks. */
    public boolean isAlive() {
        return stopped.getCount() > 0 && failure == null;
    }

    /** Checks that the cluster answers, creates missing topics, then runs the loop on its own thread. */
    public ReconcilerService start() {
        ClusterPreflight.check(settings);
        try (Admin admin = TopicSetup.admin(ClientConfigs.admin(settings), settings)) {
            int partitions = TopicSetup.ensure(admin, settings, OutputTopics.of(settings));
            log.info("Seatflow reconciler {} starting: {} partitions, settings {}", settings.instanceId(), partitions,
                    settings);
        }
        summary = SummaryLog.start(status, settings.logSummaryIntervalMs());
        thread = new Thread(this::runLoop, "seatflow-reconciler");
        thread.start();
        return this;
    }

    private void runLoop() {
        try {
            loop = new ReconcilerLoop(settings, clients, core, status, questions);
            if (closing) {
                loop.stop();
            }
            loop.run();
        } catch (ServiceFailedException e) {
            failure = e;
            // The sentence says what to fix; a stack trace helps only with a bug (not a Kafka error).
            boolean bug = !(e.getCause() instanceof org.apache.kafka.common.KafkaException);
            log.error("reconciler stopped: {}", e.getMessage(), bug ? e.getCause() : null);
        } catch (RuntimeException | Error e) {
            failure = new ServiceFailedException("the reconciler stopped on an unexpected error: "
                    + settings.redact(String.valueOf(e)), e);
            log.error("reconciler stopped: {}", failure.getMessage(), e);
        } finally {
            status.phase(ServiceStatus.Phase.STOPPED);
            questions.refuseAll("the reconciler loop has stopped");
            if (summary != null) {
                summary.close();
            }
            stopped.countDown();
        }
    }

    /** Blocks until the loop ends; rethrows what stopped it, if anything. */
    public void awaitTermination() throws InterruptedException {
        stopped.await();
        if (failure != null) {
            throw failure;
        }
    }

    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (status.isReady()) {
                return true;
            }
            if (stopped.await(20, TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        return status.isReady();
    }

    /** Graceful stop: finishes the open transaction, leaves the group, closes the clients. */
    @Override
    public void close() {
        closing = true;
        ReconcilerLoop l = loop;
        if (l != null) {
            l.stop();
        }
        try {
            if (thread != null && thread != Thread.currentThread()) {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
