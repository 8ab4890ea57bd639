package dev.seatflow.bench.e2e;

import dev.seatflow.reconciler.shell.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One bench run's Seatflow deployment on the cluster: its own topic names and application id, so
 * runs never see each other's data, and the admin queries that tell when a pipe is done.
 */
final class Deployment implements AutoCloseable {
    static final String DIRECTORY = "directory";
    static final String LICENSING = "licensing";
    static final String ASSIGNMENTS = "assignments";
    static final String USER_LICENSES = "user-licenses";
    static final String SEATS = "seats";
    static final String REJECTED = "rejected";
    static final String CHANGELOG = "changelog";
    /** What the reconciler writes, in the order the report lists them; the baseline mirrors each. */
    static final List<String> OUTPUTS = List.of(ASSIGNMENTS, USER_LICENSES, SEATS, CHANGELOG);
    private static final List<String> COMPACTED = List.of(USER_LICENSES, SEATS, CHANGELOG);

    final String bootstrap;
    final String name;
    final int partitions;
    final Admin admin;
    /** Extra Kafka client settings for the reconciler and the baseline alike. */
    final Map<String, String> kafka;

    Deployment(String bootstrap, String name, int partitions, Map<String, String> kafka) {
        this.bootstrap = bootstrap;
        this.name = name;
        this.partitions = partitions;
        this.kafka = Map.copyOf(kafka);
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(c);
    }

    /** A group-less byte consumer that sees only committed records, as a downstream reader does. */
    Map<String, Object> committedReader() {
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        return c;
    }

    String topic(String role) {
        return name + "." + role;
    }

    String baselineTopic(String role) {
        return name + ".baseline-" + role;
    }

    String applicationId() {
        return name;
    }

    /** The reconciler's settings, as {@code run --config} would read them. */
    Settings settings(String instanceId, long commitIntervalMs) {
        Properties p = new Properties();
        p.setProperty("seatflow.application.id", applicationId());
        p.setProperty("seatflow.instance.id", instanceId);
        p.setProperty("seatflow.partitions", Integer.toString(partitions));
        p.setProperty("seatflow.commit.interval.ms", Long.toString(commitIntervalMs));
        p.setProperty("seatflow.topic.directory", topic(DIRECTORY));
        p.setProperty("seatflow.topic.licensing", topic(LICENSING));
        p.setProperty("seatflow.topic.assignments", topic(ASSIGNMENTS));
        p.setProperty("seatflow.topic.user.licenses", topic(USER_LICENSES));
        p.setProperty("seatflow.topic.seats", topic(SEATS));
        p.setProperty("seatflow.topic.rejected", topic(REJECTED));
        p.setProperty("seatflow.topic.changelog", topic(CHANGELOG));
        p.setProperty("kafka.bootstrap.servers", bootstrap);
        kafka.forEach((k, v) -> p.setProperty("kafka." + k, v));
        return Settings.from(p, Map.of());
    }

    /** The reconciler's topics and the baseline's output topics, created up front so input can wait. */
    void createTopics() {
        List<NewTopic> topics = new ArrayList<>();
        for (String role : List.of(DIRECTORY, LICENSING, ASSIGNMENTS, USER_LICENSES, SEATS, REJECTED, CHANGELOG)) {
            topics.add(newTopic(topic(role), COMPACTED.contains(role)));
        }
        for (String role : OUTPUTS) {
            topics.add(newTopic(baselineTopic(role), COMPACTED.contains(role)));
        }
        try {
            admin.createTopics(topics).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the bench topics: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // A producer writing before every partition has a leader retries out of order: wait for them.
        List<String> names = topics.stream().map(NewTopic::name).toList();
        Waiting.until(Duration.ofSeconds(60), "leaders of the bench topics", () -> {
            var described = admin.describeTopics(names).allTopicNames().get();
            return described.values().stream().allMatch(d -> d.partitions().size() == partitions
                    && d.partitions().stream().allMatch(p -> p.leader() != null));
        });
    }

    private NewTopic newTopic(String name, boolean compacted) {
        NewTopic t = new NewTopic(name, Optional.of(partitions), Optional.empty());
        if (compacted) {
            t.configs(Map.of("cleanup.policy", "compact"));
        }
        return t;
    }

    List<TopicPartition> partitionsOf(String topic) {
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            tps.add(new TopicPartition(topic, p));
        }
        return tps;
    }

    /** Records in both input topics (the bench producers are not transactional: offsets = records). */
    long inputEnd() throws Exception {
        return inputEndOffsets().values().stream().mapToLong(Long::longValue).sum();
    }

    /** The end offset of every input partition now. */
    Map<TopicPartition, Long> inputEndOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String role : List.of(DIRECTORY, LICENSING)) {
            partitionsOf(topic(role)).forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, o) -> end.put(tp, o.offset()));
        return end;
    }

    /** Input records a consumer group has committed. */
    long committed(String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
                .filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }

    /** Every transaction on these topics is decided: a read_committed consumer sees all there is. */
    boolean settled(List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topics.forEach(t -> partitionsOf(t).forEach(tp -> latest.put(tp, OffsetSpec.latest())));
        var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        var written = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
        return latest.keySet().stream().allMatch(tp -> stable.get(tp).offset() == written.get(tp).offset());
    }

    /**
     * Watches a consume-produce pipe work through the first {@code total} input records until they are
     * all committed and every output visible, and times it from its first commit: the startup (group
     * join, restore) is not throughput, and both pipes are timed the same way.
     */
    Throughput awaitDrained(String group, List<String> outputTopics, BooleanSupplier alive, Duration timeout,
            CpuMeter cpu, CpuMeter.Reading started, long total) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long firstAt = -1;
        long firstCommitted = 0;
        CpuMeter.Reading firstCpu = null;
        while (System.nanoTime() < deadline) {
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException("the pipe of group " + group + " stopped before the end of its input");
            }
            long now = System.nanoTime();
            long committed = committed(group);
            if (firstAt < 0 && committed > 0) {
                firstAt = now;
                firstCommitted = committed;
                firstCpu = cpu.read();
            }
            if (committed >= total && settled(outputTopics)) {
                if (total - firstCommitted < total / 2) {
                    // An input too small to have a sustained phase (the smoke test): time it all,
                    // startup included, rather than report the few records after the first commit.
                    return new Throughput(total, total, Math.max(1, now - started.wallNanos()),
                            cpu.read().minus(started));
                }
                return new Throughput(total, total - firstCommitted, Math.max(1, now - firstAt),
                        cpu.read().minus(firstCpu));
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException("group " + group + " did not get through " + total + " input records in "
                + timeout);
    }

    /** {@code events} input records committed, with their outputs visible, in {@code nanos} after the first commit. */
    record Throughput(long inputRecords, long events, long nanos, CpuMeter.Reading cpu) {
        double perSecond() {
            return events * 1e9 / nanos;
        }

        /** CPU microseconds per event in the bench JVM (the pipe itself) and in the broker, -1 unknown. */
        double benchCpuMicrosPerEvent() {
            return cpu.benchCpuNanos() / 1e3 / events;
        }

        double brokerCpuMicrosPerEvent() {
            return cpu.brokerCpuNanos() < 0 ? -1 : cpu.brokerCpuNanos() / 1e3 / events;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
