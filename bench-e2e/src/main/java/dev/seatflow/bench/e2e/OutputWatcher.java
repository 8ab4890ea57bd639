package dev.seatflow.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A downstream consumer of {@code licensing.assignments} ({@code read_committed}, from the end of
 * the topic at start): tells the listener the cause of every change event the moment it becomes
 * visible. It reads the {@code causationid} straight from the JSON bytes rather than decoding the
 * event, so watching costs the box (two cores, shared with broker and reconciler) next to nothing.
 */
final class OutputWatcher implements AutoCloseable {
    private static final byte[] CAUSATION = "\"causationid\":\"".getBytes(StandardCharsets.US_ASCII);

    interface Listener {
        void visible(String causationId, long visibleAtNanos);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    OutputWatcher(Deployment d, Listener listener) {
        Map<String, Object> c = d.committedReader();
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        consumer = new KafkaConsumer<>(c);
        List<TopicPartition> tps = d.partitionsOf(d.topic(Deployment.ASSIGNMENTS));
        consumer.assign(tps);
        consumer.seekToEnd(tps);
        tps.forEach(consumer::position); // fix the start now, before the caller sends anything
        thread = new Thread(() -> {
            try {
                while (running) {
                    var records = consumer.poll(Duration.ofMillis(100));
                    long now = System.nanoTime();
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        String cause = causationId(r.value());
                        if (cause != null) {
                            listener.visible(cause, now);
                        }
                    }
                }
            } catch (WakeupException e) {
                // closing
            }
        }, "bench-output-watcher");
        thread.start();
    }

    static String causationId(byte[] json) {
        if (json == null) {
            return null;
        }
        outer:
        for (int i = 0; i <= json.length - CAUSATION.length; i++) {
            for (int j = 0; j < CAUSATION.length; j++) {
                if (json[i + j] != CAUSATION[j]) {
                    continue outer;
                }
            }
            int start = i + CAUSATION.length;
            int end = start;
            while (end < json.length && json[end] != '"') {
                end++;
            }
            return new String(json, start, end - start, StandardCharsets.UTF_8);
        }
        return null;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
    }
}
