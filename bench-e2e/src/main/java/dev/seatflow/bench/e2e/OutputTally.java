package dev.seatflow.bench.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * What a pipe wrote to one topic, as a read_committed consumer sees it: the number of records,
 * their bytes, and an evenly spread sample of real records, which the baseline pipe writes again
 * so that its outputs have the reconciler's number, size and compressibility.
 */
record OutputTally(String role, long records, long keyBytes, long valueBytes, List<Sample> samples) {
    static final int MAX_SAMPLES = 20_000;

    record Sample(byte[] key, byte[] value, Header[] headers) {
    }

    double averageBytes() {
        return records == 0 ? 0 : (double) (keyBytes + valueBytes) / records;
    }

    /** Reads one topic from the beginning to its end. */
    static OutputTally read(Deployment d, String role, String topic) {
        Map<String, Object> c = d.committedReader();
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> tps = d.partitionsOf(topic);
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            long upperBound = end.values().stream().mapToLong(Long::longValue).sum();
            long stride = Math.max(1, upperBound / MAX_SAMPLES);
            long records = 0;
            long keyBytes = 0;
            long valueBytes = 0;
            List<Sample> samples = new ArrayList<>();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (records % stride == 0 && samples.size() < MAX_SAMPLES) {
                        samples.add(new Sample(r.key(), r.value(), r.headers().toArray()));
                    }
                    records++;
                    keyBytes += r.key() == null ? 0 : r.key().length;
                    valueBytes += r.value() == null ? 0 : r.value().length;
                }
            }
            return new OutputTally(role, records, keyBytes, valueBytes, List.copyOf(samples));
        }
    }
}
