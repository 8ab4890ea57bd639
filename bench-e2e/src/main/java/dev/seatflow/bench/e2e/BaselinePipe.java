package dev.seatflow.bench.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka's own ceiling for this job: a plain exactly-once consume-produce loop with no
 * reconciliation. It reads the reconciler's input records (read_committed, its own group) and, in
 * transactions committed on the reconciler's interval with {@code sendOffsetsToTransaction}, writes
 * to a mirror of each output topic exactly as many records as the reconciler wrote there, copies
 * of a sample of the reconciler's real records (so the same sizes, the same compressibility),
 * spread evenly over the input and on the input's partition. Client settings are the reconciler's.
 */
final class BaselinePipe implements AutoCloseable {
    /** The reconciler commits at the interval or after this many input events, whichever first. */
    private static final int MAX_EVENTS_PER_TRANSACTION = 50_000;

    private final Deployment deployment;
    private final List<Mirror> mirrors;
    private final long inputRecords;
    private final Map<TopicPartition, Long> inputEnd;
    private final long commitIntervalMs;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private KafkaConsumer<byte[], byte[]> consumer;

    /** One output topic the baseline writes: how many records in all, and what they look like. */
    private static final class Mirror {
        final String topic;
        final long records;
        final List<OutputTally.Sample> samples;
        int next;

        Mirror(String topic, long records, List<OutputTally.Sample> samples) {
            this.topic = topic;
            this.records = records;
            this.samples = samples;
        }
    }

    /** @param inputEnd where the reconciler's input ends in each input partition: the pipe reads to there */
    BaselinePipe(Deployment deployment, List<OutputTally> outputs, Map<TopicPartition, Long> inputEnd,
            long commitIntervalMs) {
        this.deployment = deployment;
        this.inputEnd = Map.copyOf(inputEnd);
        this.mirrors = outputs.stream().filter(o -> o.records() > 0)
                .map(o -> new Mirror(deployment.baselineTopic(o.role()), o.records(), o.samples())).toList();
        this.inputRecords = inputEnd.values().stream().mapToLong(Long::longValue).sum();
        this.commitIntervalMs = commitIntervalMs;
        this.thread = new Thread(this::loop, "baseline-pipe");
    }

    String group() {
        return deployment.name + "-baseline";
    }

    BaselinePipe start() {
        thread.start();
        return this;
    }

    boolean isAlive() {
        return failure == null && thread.isAlive();
    }

    private void loop() {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig());
                KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerConfig())) {
            consumer = c;
            producer.initTransactions();
            c.subscribe(List.of(deployment.topic(Deployment.DIRECTORY), deployment.topic(Deployment.LICENSING)));
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            long processed = 0;
            long openedAt = -1;
            int inTransaction = 0;
            while (running) {
                try {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                        if (r.offset() >= inputEnd.getOrDefault(tp, Long.MAX_VALUE)) {
                            c.pause(List.of(tp)); // beyond the reconciler's input (the latency churn)
                            continue;
                        }
                        if (openedAt < 0) {
                            producer.beginTransaction();
                            openedAt = System.currentTimeMillis();
                        }
                        emit(producer, r.partition(), processed++);
                        offsets.put(tp, new OffsetAndMetadata(r.offset() + 1));
                        inTransaction++;
                    }
                } catch (WakeupException e) {
                    // close() asks us to stop; commit what is open below
                }
                if (openedAt >= 0 && (!running || inTransaction >= MAX_EVENTS_PER_TRANSACTION
                        || System.currentTimeMillis() - openedAt >= commitIntervalMs)) {
                    producer.sendOffsetsToTransaction(offsets, c.groupMetadata());
                    producer.commitTransaction();
                    offsets.clear();
                    openedAt = -1;
                    inTransaction = 0;
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** The share of every output topic that falls to the i-th input record: the totals come out exact. */
    private void emit(KafkaProducer<byte[], byte[]> producer, int partition, long i) {
        for (Mirror m : mirrors) {
            long due = share(i + 1, m.records) - share(i, m.records);
            for (long k = 0; k < due; k++) {
                OutputTally.Sample s = m.samples.get(m.next++ % m.samples.size());
                producer.send(new ProducerRecord<>(m.topic, partition, s.key(), s.value(), new RecordHeaders(s.headers())));
            }
        }
    }

    private long share(long upTo, long records) {
        return upTo * records / inputRecords; // < 2^63 for any input and output a bench can hold
    }

    /** As {@code ReconcilerService.newProducer}: the same defaults, the same overrides. */
    private Map<String, Object> producerConfig() {
        Map<String, Object> c = new HashMap<>(deployment.kafka);
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, deployment.bootstrap);
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group() + "-tx");
        c.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        c.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        c.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        return c;
    }

    /** As {@code ReconcilerService.consumerConfig}. */
    private Map<String, Object> consumerConfig() {
        Map<String, Object> c = new HashMap<>(deployment.kafka);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, deployment.bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        c.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        c.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        return c;
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Throwable failure() {
        return failure;
    }
}
