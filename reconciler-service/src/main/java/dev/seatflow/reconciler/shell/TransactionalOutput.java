package dev.seatflow.reconciler.shell;

import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.kafka.CloudEventsHeaders;
import dev.seatflow.reconciler.core.Decision;
import dev.seatflow.reconciler.core.Reconciler;
import dev.seatflow.reconciler.core.StateRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional producer and what its open transaction holds: change events and dead letters are sent as they
 * come, the changed rows ({@link OutputTopics}), the changelog records, the input positions and the consumer
 * offsets at commit.
 *
 * <p>A timeout while sending the offsets or committing leaves the transaction's outcome unknown, and Kafka's
 * producer contract then allows only the same call again or closing the producer: such a timeout is a
 * {@link ErrorPolicy.ProducerLostException}, never followed by {@code abortTransaction()}. {@link #replaceProducer}
 * closes the producer and starts another with the same transactional id, whose {@code initTransactions()} completes
 * or aborts what was left.
 */
final class TransactionalOutput implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransactionalOutput.class);
    private static final byte[] CLOUD_EVENTS = CloudEventsHeaders.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

    private final KafkaClients clients;
    private final OutputTopics topics;
    private final String directoryTopic;
    private final ServiceStatus status;
    private final TransactionBatch batch;
    private final ChangelogCodec changelogCodec = new ChangelogCodec();
    private Producer<byte[], byte[]> producer;

    TransactionalOutput(KafkaClients clients, OutputTopics topics, String directoryTopic, ServiceStatus status) {
        this.clients = clients;
        this.topics = topics;
        this.directoryTopic = directoryTopic;
        this.status = status;
        this.batch = new TransactionBatch(topics.tables);
    }

    /**
     * Closes the producer, if there is one, without aborting, and starts a new one with the same transactional id:
     * its {@code initTransactions()} fences the old one and completes or aborts whatever it left open.
     */
    void replaceProducer() {
        batch.clear();
        if (producer != null) {
            closeQuietly(Duration.ZERO);
        }
        Producer<byte[], byte[]> fresh = clients.producer();
        try {
            fresh.initTransactions();
        } catch (RuntimeException e) {
            fresh.close(Duration.ZERO);
            throw e;
        }
        producer = fresh;
    }

    boolean hasProducer() {
        return producer != null;
    }

    boolean isOpen() {
        return batch.isOpen();
    }

    /** How long the open transaction has been open, or -1 when none is. */
    long ageMs(long nowMs) {
        return batch.isOpen() ? nowMs - batch.startedAtMs : -1;
    }

    boolean due(long nowMs, long intervalMs, int maxEvents) {
        return batch.isOpen() && (nowMs - batch.startedAtMs >= intervalMs || batch.events >= maxEvents);
    }

    void begin(long nowMs) {
        if (!batch.isOpen()) {
            producer.beginTransaction();
            batch.open(nowMs);
        }
    }

    /** Sends the decision's events now; its rows and changelog records wait for the commit. */
    void send(int partition, Decision d) {
        byte[] tenant = null;
        for (OutputTopics.Stream stream : topics.streams) {
            for (byte[] event : stream.events().apply(d)) {
                if (tenant == null) {
                    tenant = d.tenantId().getBytes(StandardCharsets.UTF_8);
                }
                Headers headers = new RecordHeaders();
                headers.add(CloudEventsHeaders.CONTENT_TYPE_HEADER, CLOUD_EVENTS);
                send(new ProducerRecord<>(stream.topic(), partition, null, tenant, event, headers));
            }
        }
        status.produced.addAndGet(d.outputs().size());
        status.alerts.addAndGet(d.alerts().size());
        batch.add(partition, d);
    }

    /** The input record, untouched, to the dead-letter topic, with why and where in headers. */
    void deadLetter(int partition, ConsumerRecord<byte[], byte[]> r, String reason) {
        log.warn("rejected {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), reason);
        Headers headers = new RecordHeaders(r.headers().toArray());
        headers.add(DeadLetters.REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.TOPIC, r.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.PARTITION, Integer.toString(r.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.OFFSET, Long.toString(r.offset()).getBytes(StandardCharsets.UTF_8));
        send(new ProducerRecord<>(topics.rejected, partition, r.timestamp(), r.key(), r.value(), headers));
        status.rejected.incrementAndGet();
        batch.rejected++;
    }

    void consumed(ConsumerRecord<byte[], byte[]> r) {
        batch.consumed(new TopicPartition(r.topic(), r.partition()), r.offset());
    }

    /**
     * Sends the rows, the changelog records, each consumed partition's input positions and the offsets, and
     * commits. Returns the positions now committed, per partition number.
     */
    Map<Integer, InputPositions> commit(ConsumerGroupMetadata group, PartitionStates states) {
        long started = System.nanoTime();
        Map<String, ServiceStatus.SkuSnapshot> seatRows = new HashMap<>();
        Map<String, ServiceStatus.GroupSnapshot> groupRows = new HashMap<>();
        for (OutputTopics.Table table : topics.tables) {
            for (TransactionBatch.Row row : batch.rows(table)) {
                Reconciler state = states.reconciler(row.partition());
                byte[] key = (row.tenantId() + "/" + row.id()).getBytes(StandardCharsets.UTF_8);
                send(new ProducerRecord<>(table.topic(), row.partition(), key,
                        table.value().read(state, row.tenantId(), row.id())));
                if (table == topics.seats) {
                    seatRows.put(row.tenantId() + "/" + row.id(), state.seats(row.tenantId(), row.id())
                            .map(v -> skuSnapshot(row.partition(), state, v)).orElse(null));
                } else if (table == topics.groupStatus) {
                    groupRows.put(row.tenantId() + "/" + row.id(), state.groupStatus(row.tenantId(), row.id())
                            .map(v -> new ServiceStatus.GroupSnapshot(row.partition(), v)).orElse(null));
                }
            }
        }
        for (Map.Entry<TransactionBatch.Row, StateRecord> e : batch.changelog.entrySet()) {
            TransactionBatch.Row row = e.getKey();
            send(new ProducerRecord<>(topics.changelog, row.partition(),
                    changelogCodec.key(row.tenantId(), row.id()), changelogCodec.value(e.getValue())));
        }
        Map<Integer, InputPositions> positions = new HashMap<>();
        for (int p : batch.partitions) {
            positions.put(p, states.committedPositions(p));
        }
        batch.offsets.forEach((tp, offset) -> positions.computeIfPresent(tp.partition(), (p, was) ->
                tp.topic().equals(directoryTopic) ? was.withDirectory(offset.offset()) : was.withLicensing(offset.offset())));
        positions.forEach((p, pos) ->
                send(new ProducerRecord<>(topics.changelog, p, InputPositions.CHANGELOG_KEY, pos.changelogValue())));
        try {
            producer.sendOffsetsToTransaction(batch.offsets, group);
        } catch (TimeoutException e) {
            throw new ErrorPolicy.ProducerLostException("sending the input offsets to the transaction timed out", e);
        }
        try {
            producer.commitTransaction();
        } catch (TimeoutException e) {
            throw new ErrorPolicy.ProducerLostException("the commit timed out, its outcome is unknown", e);
        }
        long nanos = System.nanoTime() - started;
        status.committed(batch.events, nanos);
        seatRows.forEach(status::seatsCommitted);
        groupRows.forEach(status::groupCommitted);
        status.alertsCommitted(List.copyOf(batch.alerts));
        status.outputsCommitted(List.copyOf(batch.newestOutputs));
        if (log.isDebugEnabled()) {
            log.debug("transaction committed: {} events ({} rejected), {} outputs, {} rows, {} changelog records "
                    + "in {} ms", batch.events, batch.rejected, batch.outputs, batch.rowCount(), batch.changelog.size(),
                    String.format(Locale.ROOT, "%.1f", nanos / 1e6));
        }
        batch.clear();
        return positions;
    }

    /** Aborts the open transaction, if any. A failure leaves the producer unusable: the caller replaces it. */
    void abort() {
        if (!batch.isOpen()) {
            return;
        }
        try {
            producer.abortTransaction();
        } finally {
            batch.clear();
        }
    }

    static ServiceStatus.SkuSnapshot skuSnapshot(int partition, Reconciler r, SeatsRow row) {
        return new ServiceStatus.SkuSnapshot(partition, row, r.queued(row.tenantId(), row.skuId()),
                r.queue(row.tenantId(), row.skuId(), ServiceStatus.QUEUE_SHOWN));
    }

    private void send(ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record);
        } catch (TimeoutException e) {
            // Waiting for metadata took max.block.ms: the broker is away, and the transaction's fate with it.
            throw new ErrorPolicy.ProducerLostException("sending to " + record.topic() + " timed out", e);
        }
    }

    /**
     * Closes the producer. Kafka aborts a transaction still open if it can within the time given; if it cannot,
     * the transaction coordinator aborts it after {@code transaction.timeout.ms}, or the next incarnation of this
     * instance at once.
     */
    void closeQuietly(Duration timeout) {
        batch.clear();
        if (producer == null) {
            return;
        }
        try {
            producer.close(timeout);
        } catch (RuntimeException e) {
            log.debug("closing the producer: {}", e.toString());
        } finally {
            producer = null;
        }
    }

    @Override
    public void close() {
        closeQuietly(Duration.ofSeconds(5));
    }
}
