package dev.seatflow.reconciler.shell;

import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.json.EventCodec;
import dev.seatflow.events.json.InvalidEventException;
import dev.seatflow.events.kafka.CloudEventsHeaders;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.reconciler.core.Decision;
import dev.seatflow.reconciler.core.Explanation;
import dev.seatflow.reconciler.core.Reconciler;
import dev.seatflow.reconciler.core.StateRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live service: one exactly-once consume-transform-produce loop around the pure core.
 *
 * <p>Each transaction holds the change events, the dead letters, the changed user-licenses and
 * seats rows, the state changelog records and the input offsets. On an error the transaction is
 * aborted and the state of every owned partition is rebuilt from the changelog, which holds
 * exactly what was committed; the consumer seeks back to the committed offsets. One reconciler per
 * partition number holds the tenants that live there.
 */
public final class ReconcilerService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReconcilerService.class);
    private static final int PAUSE_ABOVE = 20_000;
    private static final int RESUME_BELOW = 2_000;
    private static final int MAX_EVENTS_PER_TRANSACTION = 50_000;

    private final Settings settings;
    // Topic names, read once: Settings builds them from its map on every call, and the loop asks per record.
    private final String directoryTopic;
    private final String licensingTopic;
    private final String assignmentsTopic;
    private final String userLicensesTopic;
    private final String seatsTopic;
    private final String rejectedTopic;
    private final String changelogTopic;
    private final long commitIntervalMs;
    private final EventCodec codec = EventCodec.INSTANCE;
    private final ChangelogCodec changelogCodec = new ChangelogCodec();
    private final ServiceStatus status = new ServiceStatus();
    private final Map<Integer, PartitionTask> tasks = new TreeMap<>();
    private final TransactionBatch batch = new TransactionBatch();
    /** Input records the core failed on: applied as dead letters when read again after the rollback. */
    private final Map<RecordId, String> poison = new HashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Questions questions = new Questions();

    private KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;
    private StateRestorer restorer;
    private volatile boolean running = true;
    /** Failed attempts since the last commit: the back-off grows with them. */
    private int failuresInARow;
    private volatile Throwable failure;
    private Thread thread;
    private SummaryLog summary;

    record RecordId(String topic, int partition, long offset) {
        static RecordId of(ConsumerRecord<?, ?> r) {
            return new RecordId(r.topic(), r.partition(), r.offset());
        }
    }

    /** The reconciler and buffered input of one partition number. */
    private static final class PartitionTask {
        final Reconciler reconciler;
        final PartitionInbox inbox;
        boolean directoryPaused;
        boolean licensingPaused;

        PartitionTask(Reconciler reconciler, long maxIdleMs) {
            this.reconciler = reconciler;
            this.inbox = new PartitionInbox(maxIdleMs);
        }
    }

    public ReconcilerService(Settings settings) {
        this.settings = settings;
        status.setInstanceId(settings.instanceId());
        this.directoryTopic = settings.directoryTopic();
        this.licensingTopic = settings.licensingTopic();
        this.assignmentsTopic = settings.assignmentsTopic();
        this.userLicensesTopic = settings.userLicensesTopic();
        this.seatsTopic = settings.seatsTopic();
        this.rejectedTopic = settings.rejectedTopic();
        this.changelogTopic = settings.changelogTopic();
        this.commitIntervalMs = settings.commitIntervalMs();
    }

    public ServiceStatus status() {
        return status;
    }

    /**
     * Why a user does or does not have a SKU, answered from the committed state once the loop is
     * between transactions; empty when no partition of this instance holds the tenant.
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

    /** Checks the cluster, creates missing topics, then runs the loop on its own thread. */
    public ReconcilerService start() {
        try (Admin admin = TopicSetup.admin(adminConfig(), settings)) {
            int partitions = TopicSetup.ensure(admin, settings);
            log.info("Seatflow reconciler {} starting: {} partitions, settings {}", settings.instanceId(), partitions,
                    settings);
        }
        summary = SummaryLog.start(status, settings.logSummaryIntervalMs());
        thread = new Thread(this::runLoop, "seatflow-reconciler");
        thread.start();
        return this;
    }

    /** Blocks until the loop ends; rethrows what stopped it, if anything. */
    public void awaitTermination() throws InterruptedException {
        stopped.await();
        if (failure != null) {
            throw new ServiceFailedException(failure, settings);
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
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        try {
            if (thread != null && thread != Thread.currentThread()) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the loop -----------------------------------------------------------------------------

    private void runLoop() {
        try {
            createClients();
            consumer.subscribe(List.of(directoryTopic, licensingTopic), new Rebalance());
            while (running) {
                try {
                    pollOnce();
                } catch (WakeupException e) {
                    // close() woke us up; the loop condition decides
                } catch (KafkaException e) {
                    recover(e);
                }
            }
            finishOpenTransaction();
        } catch (Throwable t) {
            failure = t;
            // Refused credentials or a missing ACL: the one actionable sentence; a stack trace would not help.
            AccessFailure.find(t, settings).ifPresentOrElse(
                    access -> log.error("reconciler stopped: {}", access.message()),
                    () -> log.error("reconciler stopped: {}", settings.redact(t.toString()), t));
        } finally {
            status.setReady(false);
            questions.refuseAll("the reconciler loop has stopped");
            summary.close();
            closeClients();
            stopped.countDown();
        }
    }

    private void pollOnce() {
        boolean waiting = tasks.values().stream().anyMatch(t -> !t.inbox.isEmpty());
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(waiting ? 5 : 100))) {
            PartitionTask task = tasks.get(r.partition());
            if (task == null) {
                continue; // revoked between fetch and now; the new owner reads it again
            }
            if (r.topic().equals(directoryTopic)) {
                task.inbox.addDirectory(r);
            } else {
                task.inbox.addLicensing(r);
            }
            status.consumed.incrementAndGet();
        }
        status.setReady(true);
        for (TopicPartition tp : consumer.assignment()) {
            consumer.currentLag(tp).ifPresent(lag -> status.lag(tp.toString(), lag));
        }
        long now = System.currentTimeMillis();
        for (Map.Entry<Integer, PartitionTask> e : tasks.entrySet()) {
            drain(e.getKey(), e.getValue(), now);
        }
        applyBackPressure();
        commitIfDue();
        if (!batch.isOpen()) {
            questions.answer(this::ownerOf); // idle: no commit is coming to answer them
        }
    }

    /**
     * Applies what the merge lets go, committing whenever the interval is up on the way: a full
     * inbox (a backlog, or a restart) then still commits every interval, instead of holding its
     * outputs back in one huge transaction until the whole inbox is applied.
     */
    private void drain(int partition, PartitionTask task, long now) {
        ConsumerRecord<byte[], byte[]> r;
        while ((r = task.inbox.next(now, side -> lagOf(side, partition))) != null) {
            process(partition, task, r);
            commitIfDue();
        }
    }

    private void commitIfDue() {
        if (batch.isOpen() && (System.currentTimeMillis() - batch.startedAtMs >= commitIntervalMs
                || batch.events >= MAX_EVENTS_PER_TRANSACTION)) {
            commit();
        }
    }

    private PartitionInbox.Lag lagOf(PartitionInbox.Side side, int partition) {
        String topic = side == PartitionInbox.Side.DIRECTORY ? directoryTopic : licensingTopic;
        var lag = consumer.currentLag(new TopicPartition(topic, partition));
        if (lag.isEmpty()) {
            return PartitionInbox.Lag.UNKNOWN;
        }
        return lag.getAsLong() == 0 ? PartitionInbox.Lag.CAUGHT_UP : PartitionInbox.Lag.BEHIND;
    }

    /** Applies one input record; a record that cannot be applied becomes a dead letter instead. */
    private void process(int partition, PartitionTask task, ConsumerRecord<byte[], byte[]> r) {
        beginIfNeeded();
        String rejection = poison.remove(RecordId.of(r));
        InboundEvent event = null;
        if (rejection == null) {
            if (r.value() == null) {
                rejection = "record has no value (a tombstone is not an event)";
            } else {
                try {
                    event = codec.decodeInput(r.value());
                    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                    if (!event.tenantId().equals(key)) {
                        rejection = "record key " + (key == null ? "is missing" : "'" + key + "'")
                                + " but must be the tenant id '" + event.tenantId() + "'";
                    }
                } catch (InvalidEventException e) {
                    rejection = e.getMessage();
                }
            }
        }
        if (rejection != null) {
            deadLetter(partition, r, rejection);
        } else {
            Decision d;
            try {
                d = task.reconciler.apply(event);
            } catch (RuntimeException bug) {
                throw new PoisonRecordException(r, bug);
            }
            for (OutboundEvent o : d.outputs()) {
                producer.send(new ProducerRecord<>(assignmentsTopic, partition, null,
                        o.tenantId().getBytes(StandardCharsets.UTF_8), codec.encodeOutput(o), cloudEventHeaders()));
            }
            status.produced.addAndGet(d.outputs().size());
            batch.add(partition, d);
        }
        batch.consumed(new TopicPartition(r.topic(), r.partition()), r.offset());
    }

    private void deadLetter(int partition, ConsumerRecord<byte[], byte[]> r, String reason) {
        log.warn("rejected {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), reason);
        Headers headers = new RecordHeaders(r.headers().toArray());
        headers.add(DeadLetters.REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.TOPIC, r.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.PARTITION, Integer.toString(r.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.OFFSET, Long.toString(r.offset()).getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(rejectedTopic, partition, r.timestamp(), r.key(), r.value(),
                headers));
        status.rejected.incrementAndGet();
        batch.rejected++;
    }

    private static Headers cloudEventHeaders() {
        Headers h = new RecordHeaders();
        h.add(CloudEventsHeaders.CONTENT_TYPE_HEADER, CloudEventsHeaders.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return h;
    }

    // ---- transactions -------------------------------------------------------------------------

    private void beginIfNeeded() {
        if (!batch.isOpen()) {
            producer.beginTransaction();
            batch.open(System.currentTimeMillis());
        }
    }

    /** Sends the coalesced rows and the offsets, and commits. */
    private void commit() {
        long started = System.nanoTime();
        for (TransactionBatch.Row row : batch.users) {
            Reconciler r = tasks.get(row.partition()).reconciler;
            byte[] value = r.userLicenses(row.tenantId(), row.id()).map(codec::encodeUserLicenses).orElse(null);
            send(userLicensesTopic, row, value);
        }
        Map<String, ServiceStatus.SkuSnapshot> seatRows = new HashMap<>();
        for (TransactionBatch.Row row : batch.skus) {
            Reconciler r = tasks.get(row.partition()).reconciler;
            var seatsRow = r.seats(row.tenantId(), row.id());
            send(seatsTopic, row, seatsRow.map(codec::encodeSeats).orElse(null));
            seatRows.put(row.tenantId() + "/" + row.id(), seatsRow.map(v -> skuSnapshot(row.partition(), r, v)).orElse(null));
        }
        for (Map.Entry<TransactionBatch.Row, StateRecord> e : batch.changelog.entrySet()) {
            TransactionBatch.Row row = e.getKey();
            producer.send(new ProducerRecord<>(changelogTopic, row.partition(),
                    changelogCodec.key(row.tenantId(), row.id()), changelogCodec.value(e.getValue())));
        }
        producer.sendOffsetsToTransaction(batch.offsets, consumer.groupMetadata());
        for (int attempt = 1; ; attempt++) {
            try {
                producer.commitTransaction();
                break;
            } catch (TimeoutException e) {
                // The outcome is unknown; only committing again may be retried (the producer's contract).
                if (attempt == 5) {
                    throw e;
                }
            }
        }
        status.committed(batch.events, System.nanoTime() - started);
        seatRows.forEach(status::seatsCommitted);
        status.outputsCommitted(List.copyOf(batch.newestOutputs));
        failuresInARow = 0;
        if (log.isDebugEnabled()) {
            log.debug("transaction committed: {} events ({} rejected), {} outputs, {} user rows, {} seat rows, "
                    + "{} changelog records in {} ms", batch.events, batch.rejected, batch.outputs, batch.users.size(),
                    batch.skus.size(), batch.changelog.size(), String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e6));
        }
        batch.clear();
        // Right after a commit the state is exactly the committed one: under steady load the loop
        // is seldom between transactions otherwise.
        questions.answer(this::ownerOf);
    }

    private Reconciler ownerOf(String tenantId) {
        for (PartitionTask t : tasks.values()) {
            if (t.reconciler.hasTenant(tenantId)) {
                return t.reconciler;
            }
        }
        return null;
    }

    private static ServiceStatus.SkuSnapshot skuSnapshot(int partition, Reconciler r, SeatsRow row) {
        return new ServiceStatus.SkuSnapshot(partition, row, r.queued(row.tenantId(), row.skuId()),
                r.queue(row.tenantId(), row.skuId(), ServiceStatus.QUEUE_SHOWN));
    }

    private void send(String topic, TransactionBatch.Row row, byte[] value) {
        byte[] key = (row.tenantId() + "/" + row.id()).getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, row.partition(), key, value));
    }

    private void finishOpenTransaction() {
        if (!batch.isOpen()) {
            return;
        }
        try {
            commit();
        } catch (KafkaException e) {
            log.warn("could not commit the last transaction on shutdown, aborting it: {}", e.toString());
            abortQuietly();
        }
    }

    /** Aborts, rolls every owned partition back to its committed state, and goes on (or stops). */
    private void recover(KafkaException error) {
        ErrorPolicy policy = ErrorPolicy.of(error);
        if (error instanceof PoisonRecordException p) {
            poison.put(p.record, "the reconciler could not apply this event: " + p.getCause());
            log.error("the core failed on {}; it will be dead-lettered after the rollback", p.record, p.getCause());
        } else if (policy == ErrorPolicy.FATAL) {
            throw error;
        } else {
            log.warn("transaction failed ({}), rolling back to the last commit: {}", policy, error.toString());
        }
        abortQuietly();
        if (policy == ErrorPolicy.RETRY) {
            backOff();
        }
        rollback();
    }

    /** 100 ms, doubling to 10 s: a broker that is away is not hammered, a blip costs little. */
    private void backOff() {
        long delayMs = Math.min(10_000, 100L << Math.min(failuresInARow, 7));
        failuresInARow++;
        try {
            Thread.sleep(delayMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void abortQuietly() {
        try {
            if (batch.isOpen()) {
                producer.abortTransaction();
            }
        } catch (KafkaException e) {
            if (ErrorPolicy.of(e) == ErrorPolicy.FATAL) {
                throw e;
            }
            // The producer is unusable: replace it; initTransactions aborts whatever was open.
            log.warn("abort failed ({}), starting a new producer", e.toString());
            producer.close(Duration.ZERO);
            producer = newProducer();
        } finally {
            batch.clear();
        }
    }

    private void rollback() {
        Set<Integer> owned = new TreeSet<>(tasks.keySet());
        restoreInto(owned);
        Set<TopicPartition> inputs = inputPartitions(owned);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(inputs);
        for (TopicPartition tp : inputs) {
            OffsetAndMetadata o = committed.get(tp);
            if (o == null) {
                consumer.seekToBeginning(List.of(tp));
            } else {
                consumer.seek(tp, o.offset());
            }
        }
    }

    // ---- partitions ---------------------------------------------------------------------------

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            // Hand over committed work: the next owner starts exactly where this transaction ends.
            try {
                finishOpenTransaction();
            } finally {
                dropTasks(partitionNumbers(revoked));
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            abortQuietly();
            dropTasks(partitionNumbers(lost));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            Set<Integer> fresh = new TreeSet<>(partitionNumbers(assigned));
            fresh.removeAll(tasks.keySet());
            restoreInto(fresh);
            status.setAssigned(tasks.keySet());
        }
    }

    private void restoreInto(Set<Integer> partitions) {
        status.setReady(false);
        for (Integer p : partitions) {
            PartitionTask old = tasks.get(p);
            if (old != null) {
                old.inbox.clear();
            }
        }
        status.forgetPartitions(partitions);
        restorer.restore(partitions, status::restoredRecords).forEach((p, reconciler) -> {
            tasks.put(p, new PartitionTask(reconciler, settings.maxIdleMs()));
            for (var row : reconciler.seats()) {
                status.seatsCommitted(row.key(), skuSnapshot(p, reconciler, row));
            }
        });
        for (PartitionTask t : tasks.values()) {
            t.directoryPaused = false;
            t.licensingPaused = false;
        }
        consumer.resume(consumer.paused());
    }

    private void dropTasks(Set<Integer> partitions) {
        partitions.forEach(tasks::remove);
        status.forgetPartitions(partitions);
        status.setAssigned(tasks.keySet());
    }

    /**
     * Bounds memory when one input runs far ahead of the other: stop fetching the side whose inbox
     * is full, and only that side. Pausing both would stall the merge: a side never fetched since
     * the assignment has no known lag, so the full side would wait ten idle times for it (a backlog
     * at startup used to stand still for 10 s this way).
     */
    private void applyBackPressure() {
        for (Map.Entry<Integer, PartitionTask> e : tasks.entrySet()) {
            PartitionTask t = e.getValue();
            int p = e.getKey();
            t.directoryPaused = pauseOrResume(new TopicPartition(directoryTopic, p), t.directoryPaused,
                    t.inbox.directorySize());
            t.licensingPaused = pauseOrResume(new TopicPartition(licensingTopic, p), t.licensingPaused,
                    t.inbox.licensingSize());
        }
    }

    private boolean pauseOrResume(TopicPartition tp, boolean paused, int buffered) {
        if (!paused && buffered > PAUSE_ABOVE) {
            consumer.pause(List.of(tp));
            return true;
        }
        if (paused && buffered < RESUME_BELOW) {
            consumer.resume(List.of(tp));
            return false;
        }
        return paused;
    }

    private Set<TopicPartition> inputPartitions(Collection<Integer> partitions) {
        Set<TopicPartition> tps = new HashSet<>();
        for (Integer p : partitions) {
            tps.add(new TopicPartition(directoryTopic, p));
            tps.add(new TopicPartition(licensingTopic, p));
        }
        return tps;
    }

    private static Set<Integer> partitionNumbers(Collection<TopicPartition> tps) {
        Set<Integer> ps = new TreeSet<>();
        tps.forEach(tp -> ps.add(tp.partition()));
        return ps;
    }

    // ---- clients ------------------------------------------------------------------------------

    private void createClients() {
        producer = newProducer();
        consumer = new KafkaConsumer<>(consumerConfig(settings.applicationId()));
        Map<String, Object> restoreConfig = consumerConfig(null);
        // A restore reads whole changelog partitions: fewer, larger fetches (unless configured).
        Map<String, Object> configured = settings.kafkaClientProperties();
        if (!configured.containsKey(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG)) {
            restoreConfig.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        }
        if (!configured.containsKey(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)) {
            restoreConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
        }
        restorer = new StateRestorer(new KafkaConsumer<>(restoreConfig), changelogTopic,
                settings.dedupWindow());
    }

    private KafkaProducer<byte[], byte[]> newProducer() {
        Map<String, Object> c = new HashMap<>(settings.kafkaClientProperties());
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.applicationId() + "-" + settings.instanceId());
        c.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, settings.transactionTimeoutMs());
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        c.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(c);
        // Fences any earlier incarnation of this instance and aborts what it left open.
        p.initTransactions();
        return p;
    }

    private Map<String, Object> consumerConfig(String groupId) {
        Map<String, Object> c = new HashMap<>(settings.kafkaClientProperties());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        // A crashed instance's partitions move once its session expires: seconds, not the 45 s default.
        c.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        if (groupId != null) {
            c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            // Range assignment gives one member the same partition number of every input topic.
            c.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
            c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        }
        return c;
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> c = new HashMap<>(settings.kafkaClientProperties());
        c.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.startupTimeoutMs());
        c.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(settings.startupTimeoutMs(), 30_000));
        return c;
    }

    private void closeClients() {
        List<AutoCloseable> all = new ArrayList<>();
        if (consumer != null) {
            all.add(consumer);
        }
        if (producer != null) {
            all.add(producer);
        }
        if (restorer != null) {
            all.add(restorer);
        }
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                log.debug("closing {}: {}", c, e.toString());
            }
        }
    }

    /** The core threw on a record: a bug, handled like bad input so the partition keeps flowing. */
    static final class PoisonRecordException extends KafkaException {
        final RecordId record;

        PoisonRecordException(ConsumerRecord<?, ?> r, RuntimeException cause) {
            super("the core failed on " + RecordId.of(r), cause);
            this.record = RecordId.of(r);
        }
    }

    /** The loop stopped on a fatal error. */
    public static final class ServiceFailedException extends RuntimeException {
        ServiceFailedException(Throwable cause, Settings settings) {
            super("the reconciler stopped: " + AccessFailure.find(cause, settings).map(AccessFailure::message)
                    .orElseGet(() -> settings.redact(cause.getMessage())), cause);
        }
    }
}
