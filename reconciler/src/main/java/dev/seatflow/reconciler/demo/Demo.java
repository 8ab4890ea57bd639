package dev.seatflow.reconciler.demo;

import dev.seatflow.events.Envelope;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.InputEvent;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.UserLicenseChanged;
import dev.seatflow.events.json.EventCodec;
import dev.seatflow.events.json.InvalidEventException;
import dev.seatflow.kafka.EmbeddedKafka;
import dev.seatflow.reconciler.ops.OpsServer;
import dev.seatflow.reconciler.shell.ReconcilerService;
import dev.seatflow.reconciler.shell.Settings;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code demo}: Seatflow live in one command. Starts an in-process broker unless a cluster is
 * configured, runs the real service, publishes a sample tenant and a story, and prints what a
 * provisioning consumer and an ops dashboard would see: each change event, and the seats table.
 */
public final class Demo implements AutoCloseable {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintStream out;
    private final Duration storyInterval;
    private final EventCodec codec = EventCodec.INSTANCE;
    private final SampleDirectory directory = new SampleDirectory();
    private final AtomicLong nextId = new AtomicLong();
    private final Map<String, SeatsRow> seats = new TreeMap<>();
    private EmbeddedKafka broker;
    private ReconcilerService service;
    private OpsServer http;
    private AutoCloseable scim; // the SCIM gateway (DemoScim), when it started
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean running = true;

    public Demo(PrintStream out, Duration storyInterval) {
        this.out = out;
        this.storyInterval = storyInterval;
    }

    /** Runs until {@link #close()} (SIGTERM) is called, then shuts everything down in order. */
    public void run(String configuredBootstrap) throws InterruptedException {
        try {
            show(configuredBootstrap);
        } finally {
            closeQuietly(scim);
            closeQuietly(http);
            closeQuietly(consumer);
            closeQuietly(producer);
            closeQuietly(service);
            closeQuietly(broker);
            out.println("Stopped.");
        }
    }

    private void show(String configuredBootstrap) throws InterruptedException {
        String bootstrap = configuredBootstrap;
        if (bootstrap == null || bootstrap.isBlank()) {
            out.println("Starting an in-process Kafka broker (set KAFKA_BOOTSTRAP_SERVERS to use your own cluster)...");
            broker = EmbeddedKafka.start();
            bootstrap = broker.bootstrapServers();
        }
        out.println("Kafka at " + bootstrap + ". Starting the reconciler...");
        Map<String, String> overrides = new HashMap<>();
        overrides.put("application.id", "seatflow-demo");
        overrides.put("instance.id", "demo");
        overrides.put("partitions", "3");
        overrides.put("http.port", System.getenv().getOrDefault("SEATFLOW_HTTP_PORT", "8080"));
        Settings settings = Settings.forCluster(bootstrap, overrides);
        service = new ReconcilerService(settings).start();
        try {
            http = OpsServer.start(settings.httpPort(), service);
            out.println("Dashboard: http://localhost:" + http.port() + "/   (also /metrics /healthz /readyz, and "
                    + "/api/explain?tenant=" + SampleDirectory.TENANT + "&user=USER&sku=SKU)");
        } catch (RuntimeException e) {
            out.println("(no HTTP endpoint: " + e.getMessage() + ")");
        }
        if (!service.awaitReady(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the reconciler did not become ready within 60 s");
        }
        scim = DemoScim.start(bootstrap, SampleDirectory.TENANT, out);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "seatflow-demo-viewer-" + System.nanoTime(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(settings.assignmentsTopic(), settings.seatsTopic()));

        out.println();
        out.println("== Publishing tenant '" + SampleDirectory.TENANT + "': " + directory.people.size()
                + " people, groups all-staff / engineering / design, SKUs with too few seats ==");
        publish(directory.initialEvents());
        long step = 0;
        long nextStoryAt = System.currentTimeMillis() + storyInterval.toMillis();
        long nextTableAt = System.currentTimeMillis() + 2_000;
        while (running) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                show(r, settings);
            }
            long now = System.currentTimeMillis();
            if (now >= nextTableAt) {
                printSeats();
                nextTableAt = now + storyInterval.toMillis();
            }
            if (now >= nextStoryAt) {
                SampleDirectory.Step s = directory.step(step++);
                out.println();
                out.println("== " + s.headline() + " ==");
                publish(s.events());
                nextStoryAt = now + storyInterval.toMillis();
            }
        }
    }

    private void publish(List<InputEvent> events) {
        for (InputEvent e : events) {
            // Directory sync stamps each change with when it happened; the dashboard shows it as "since".
            Envelope env = new Envelope("demo-" + nextId.incrementAndGet(), "/seatflow/demo", SampleDirectory.TENANT,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            String topic = e instanceof dev.seatflow.events.DirectoryEvent ? "directory.changes" : "licensing.config";
            producer.send(new ProducerRecord<>(topic, SampleDirectory.TENANT.getBytes(StandardCharsets.UTF_8),
                    codec.encodeInput(new InboundEvent(env, e))));
        }
        producer.flush();
    }

    private void show(ConsumerRecord<byte[], byte[]> r, Settings settings) {
        try {
            if (r.topic().equals(settings.assignmentsTopic())) {
                UserLicenseChanged c = codec.decodeOutput(r.value()).data();
                out.printf("%s  %-16s %-9s %-34s <- %s%n", LocalTime.now().format(CLOCK), c.userId(), c.skuId(),
                        c.state() + (c.reason() == null ? "" : " (" + c.reason() + ")"),
                        c.previousState() == null ? "none" : c.previousState());
            } else if (r.value() != null) {
                SeatsRow row = codec.decodeSeats(r.value());
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
        out.printf("   %-10s %-9s %6s %9s %8s %10s %14s%n", "SKU", "status", "seats", "assigned", "waiting",
                "available", "overAllocated");
        for (SeatsRow s : seats.values()) {
            out.printf("   %-10s %-9s %6d %9d %8d %10d %14d%n", s.skuId(), s.status(), s.seats(), s.assigned(),
                    s.waiting(), s.available(), s.overAllocated());
        }
        out.println();
    }

    /** Stops the demo; {@link #run} returns once everything is closed. */
    @Override
    public void close() {
        running = false;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // shutting down: nothing left to tell the user
            }
        }
    }
}
