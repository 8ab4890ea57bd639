package dev.seatflow.reconciler.demo;

import dev.seatflow.events.PoolSeats;
import dev.seatflow.events.SeatAlertChanged;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.UserLicenseChanged;
import dev.seatflow.events.json.EventCodec;
import dev.seatflow.events.json.InvalidEventException;
import dev.seatflow.reconciler.shell.Settings;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the demo shows after each step, and when: once the reconciler has committed every input published so far
 * and no transaction is undecided on its outputs, it prints the change events and seat alerts committed since the
 * last step, then the seats table with each SKU's pools and alert level. So a step's heading is never followed by another step's outputs.
 */
final class DemoViewer implements AutoCloseable {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Settings settings;
    private final PrintStream out;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> inputs = new ArrayList<>();
    private final List<TopicPartition> outputs = new ArrayList<>();
    private final Map<String, SeatsRow> seats = new TreeMap<>();
    private volatile boolean running = true;

    DemoViewer(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        Map<String, Object> client = settings.kafkaClientProperties();
        this.admin = Admin.create(client);
        Map<String, Object> c = new HashMap<>(client);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumer = new KafkaConsumer<>(c);
        for (int p = 0; p < settings.partitions(); p++) {
            inputs.add(new TopicPartition(settings.directoryTopic(), p));
            inputs.add(new TopicPartition(settings.licensingTopic(), p));
            outputs.add(new TopicPartition(settings.assignmentsTopic(), p));
            outputs.add(new TopicPartition(settings.seatsTopic(), p));
            outputs.add(new TopicPartition(settings.alertsTopic(), p));
        }
        consumer.assign(outputs);
        // The seats table from the start (compacted, small); change events from now on (a rerun on a cluster does
        // not repeat the last run's).
        consumer.seekToBeginning(outputs.stream().filter(tp -> tp.topic().equals(settings.seatsTopic())).toList());
        consumer.seekToEnd(outputs.stream().filter(tp -> !tp.topic().equals(settings.seatsTopic())).toList());
        outputs.forEach(consumer::position);
    }

    /** Waits until everything published is committed and visible, then prints it and the seats table. */
    void showCommitted() throws InterruptedException {
        Map<TopicPartition, Long> visible = awaitCommitted();
        while (running && outputs.stream().anyMatch(tp -> consumer.position(tp) < visible.get(tp))) {
            try {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    show(r);
                }
            } catch (WakeupException e) {
                return;
            }
        }
        printSeats();
    }

    /** The outputs' end once the inputs are committed and no transaction on the outputs is undecided. */
    private Map<TopicPartition, Long> awaitCommitted() throws InterruptedException {
        while (running) {
            try {
                Map<TopicPartition, Long> inputEnd = ends(inputs, IsolationLevel.READ_UNCOMMITTED);
                Map<TopicPartition, OffsetAndMetadata> done = admin.listConsumerGroupOffsets(settings.applicationId())
                        .partitionsToOffsetAndMetadata().get();
                boolean consumed = inputEnd.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (done.get(e.getKey()) != null && done.get(e.getKey()).offset() >= e.getValue()));
                if (consumed) {
                    Map<TopicPartition, Long> committed = ends(outputs, IsolationLevel.READ_COMMITTED);
                    if (committed.equals(ends(outputs, IsolationLevel.READ_UNCOMMITTED))) {
                        return committed;
                    }
                }
            } catch (ExecutionException e) {
                // the cluster is busy or a topic is still being created: look again
            }
            Thread.sleep(100); // polling the cluster's offsets; there is nothing to wait on instead
        }
        return Map.of();
    }

    private Map<TopicPartition, Long> ends(List<TopicPartition> tps, IsolationLevel level)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        tps.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(level)).all().get()
                .forEach((tp, info) -> end.put(tp, info.offset()));
        return end;
    }

    private void show(ConsumerRecord<byte[], byte[]> r) {
        try {
            if (r.topic().equals(settings.assignmentsTopic())) {
                UserLicenseChanged c = EventCodec.INSTANCE.decodeOutput(r.value()).data();
                out.printf("%s  %-16s %-9s %-34s <- %s%n", LocalTime.now().format(CLOCK), c.userId(), c.skuId(),
                        c.state() + (c.reason() == null ? "" : " (" + c.reason() + ")"),
                        c.previousState() == null ? "none" : c.previousState());
            } else if (r.topic().equals(settings.alertsTopic())) {
                SeatAlertChanged a = EventCodec.INSTANCE.decodeAlert(r.value()).data();
                out.printf("%s  ALERT %-12s %-13s <- %s   (%d of %d seats assigned, %d queued, %d available)%n",
                        LocalTime.now().format(CLOCK), a.skuId(), a.level(), a.previousLevel(), a.assigned(), a.seats(),
                        a.queued(), a.available());
            } else if (r.value() != null) {
                SeatsRow row = EventCodec.INSTANCE.decodeSeats(r.value());
                seats.put(row.skuId(), row);
            }
        } catch (InvalidEventException e) {
            out.println("(unreadable record on " + r.topic() + ": " + e.getMessage() + ")");
        }
    }

    private void printSeats() {
        if (seats.isEmpty()) {
            return;
        }
        out.println();
        out.printf("   %-12s %-9s %6s %9s %8s %10s %14s  %s%n", "SKU", "status", "seats", "assigned", "waiting",
                "available", "overAllocated", "alert");
        for (SeatsRow s : seats.values()) {
            out.printf("   %-12s %-9s %6d %9d %8d %10d %14d  %s%n", s.skuId(), s.status(), s.seats(), s.assigned(),
                    s.waiting(), s.available(), s.overAllocated(), s.alert());
            for (PoolSeats p : s.pools()) {
                out.printf("     pool %-12s for %-12s %d seats reserved, %d assigned, %d queued%s%n", p.poolId(),
                        p.groupId(), p.seats(), p.assigned(), p.queued(), p.borrow() ? "" : ", may not borrow");
            }
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
        admin.close();
    }
}
