package dev.seatflow.bench.e2e;

import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.json.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes input events as directory sync and license admins do: CloudEvents JSON, keyed by
 * tenant, on {@code directory.changes} or {@code licensing.config} by type.
 *
 * <p>Not idempotent, one request in flight: an idempotent producer writing to just-created topics
 * on a single KRaft node can retry its first batches out of sequence for minutes (the ITs found
 * this); one request in flight keeps the order without it.
 */
final class InputPublisher implements AutoCloseable {
    private final Deployment deployment;
    private final KafkaProducer<byte[], byte[]> producer;
    private final RecordHeaders headers = new RecordHeaders();

    InputPublisher(Deployment deployment, int lingerMs) {
        this.deployment = deployment;
        Map<String, Object> c = new HashMap<>(deployment.kafka);
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, deployment.bootstrap);
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(c);
        headers.add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one event with the given record timestamp (the merge of the two topics orders by it). */
    void send(InboundEvent e, long timestampMs) {
        String role = e.data() instanceof DirectoryEvent ? Deployment.DIRECTORY : Deployment.LICENSING;
        producer.send(new ProducerRecord<>(deployment.topic(role), null, timestampMs,
                e.tenantId().getBytes(StandardCharsets.UTF_8), EventCodec.INSTANCE.encodeInput(e), headers));
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
