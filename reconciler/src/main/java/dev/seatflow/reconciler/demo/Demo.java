package dev.seatflow.reconciler.demo;

import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.Envelope;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.InputEvent;
import dev.seatflow.events.Topics;
import dev.seatflow.events.json.EventCodec;
import dev.seatflow.kafka.EmbeddedKafka;
import dev.seatflow.reconciler.ops.OpsServer;
import dev.seatflow.reconciler.shell.ReconcilerService;
import dev.seatflow.reconciler.shell.Settings;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code demo}: Seatflow live in one command. Starts an in-process broker unless a cluster is configured, runs the
 * real service, publishes a sample tenant and a story, and prints what a provisioning consumer and an ops
 * dashboard would see: each step's change events and the seats table, once the step's outputs are committed.
 *
 * <p>It never touches a real deployment's data: its topics and application id are its own ({@value #PREFIX}...),
 * also on a cluster given by {@code KAFKA_BOOTSTRAP_SERVERS}.
 */
public final class Demo implements AutoCloseable {
    static final String PREFIX = "seatflow-demo.";

    private final PrintStream out;
    private final Duration pause;
    private final int steps;
    private final String prefix;
    private final Map<String, String> env;
    private final EventCodec codec = EventCodec.INSTANCE;
    private final SampleDirectory directory = new SampleDirectory();
    private final AtomicLong nextId = new AtomicLong();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private EmbeddedKafka broker;
    private ReconcilerService service;
    private OpsServer http;
    private AutoCloseable scim; // the SCIM gateway (DemoScim), when it started
    private KafkaProducer<byte[], byte[]> producer;
    private DemoViewer viewer;

    /**
     * @param pause how long to let a reader take in a step's outputs before the next step
     * @param steps story steps to tell before returning; -1: until {@link #close()}
     * @param env the environment: {@code KAFKA_*} settings (a cluster to use, its security) and {@code SEATFLOW_*}
     */
    public Demo(PrintStream out, Duration pause, int steps, Map<String, String> env) {
        this(out, pause, steps, env, PREFIX);
    }

    Demo(PrintStream out, Duration pause, int steps, Map<String, String> env, String prefix) {
        this.out = out;
        this.pause = pause;
        this.steps = steps;
        this.env = env;
        this.prefix = prefix;
    }

    /** Runs until {@link #close()} (SIGTERM) is called or the steps are told, then shuts everything down in order. */
    public void run() throws InterruptedException {
        try {
            show();
        } finally {
            closeQuietly(scim);
            closeQuietly(http);
            closeQuietly(viewer);
            closeQuietly(producer);
            closeQuietly(service);
            closeQuietly(broker);
            out.println("Stopped.");
        }
    }

    private void show() throws InterruptedException {
        Map<String, String> demoEnv = new HashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("KAFKA_") || k.startsWith("SEATFLOW_")) { // the demo's own ids and topics win below
                demoEnv.put(k, v);
            }
        });
        String configured = demoEnv.get("KAFKA_BOOTSTRAP_SERVERS");
        if (configured == null || configured.isBlank()) {
            out.println("Starting an in-process Kafka broker (set KAFKA_BOOTSTRAP_SERVERS to use your own cluster)...");
            broker = EmbeddedKafka.start();
            demoEnv.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        }
        Settings settings = Settings.from(demoSettings(demoEnv));
        out.println("Kafka at " + settings.bootstrapServers() + (broker == null ? ": the demo uses topics and an "
                + "application id of its own (" + prefix + "*, " + settings.applicationId() + "), never your "
                + "deployment's." : ".") + " Starting the reconciler...");
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
        scim = DemoScim.start(settings, SampleDirectory.TENANT, out);
        Map<String, Object> client = settings.kafkaClientProperties();
        client.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        client.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(client);
        viewer = new DemoViewer(settings, out);

        out.println();
        out.println("== Publishing tenant '" + SampleDirectory.TENANT + "': " + directory.people.size()
                + " people; all-staff, design, and engineering made of two teams; SKUs with too few seats ==");
        publish(directory.initialEvents(), settings);
        viewer.showCommitted();
        for (long step = 0; (steps < 0 || step < steps) && !stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
                step++) {
            SampleDirectory.Step s = directory.step(step);
            out.println();
            out.println("== " + s.headline() + " ==");
            publish(s.events(), settings);
            viewer.showCommitted();
        }
    }

    /** The demo's own application id, instance and topics, whatever the environment says about them. */
    private Map<String, String> demoSettings(Map<String, String> demoEnv) {
        Map<String, String> s = new HashMap<>(demoEnv);
        s.put("SEATFLOW_APPLICATION_ID", prefix.substring(0, prefix.length() - 1));
        s.put("SEATFLOW_INSTANCE_ID", "demo");
        s.put("SEATFLOW_PARTITIONS", "3");
        s.putIfAbsent("SEATFLOW_HTTP_PORT", "8080");
        s.put("SEATFLOW_TOPIC_DIRECTORY", prefix + Topics.DIRECTORY_CHANGES);
        s.put("SEATFLOW_TOPIC_LICENSING", prefix + Topics.LICENSING_CONFIG);
        s.put("SEATFLOW_TOPIC_ASSIGNMENTS", prefix + Topics.ASSIGNMENTS);
        s.put("SEATFLOW_TOPIC_USER_LICENSES", prefix + Topics.USER_LICENSES);
        s.put("SEATFLOW_TOPIC_SEATS", prefix + Topics.SEATS);
        s.put("SEATFLOW_TOPIC_REJECTED", prefix + Topics.REJECTED);
        s.put("SEATFLOW_TOPIC_GROUP_STATUS", prefix + Topics.GROUP_STATUS);
        s.put("SEATFLOW_TOPIC_ALERTS", prefix + Topics.ALERTS);
        s.put("SEATFLOW_TOPIC_CHANGELOG", prefix + "state-changelog");
        return s;
    }

    /** Publishes the events and returns once the broker has them all. */
    private void publish(List<InputEvent> events, Settings settings) {
        for (InputEvent e : events) {
            // Directory sync stamps each change with when it happened; the dashboard shows it as "since".
            Envelope env = new Envelope("demo-" + run + "-" + nextId.incrementAndGet(), "/seatflow/demo",
                    SampleDirectory.TENANT, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            String topic = e instanceof DirectoryEvent ? settings.directoryTopic() : settings.licensingTopic();
            producer.send(new ProducerRecord<>(topic, SampleDirectory.TENANT.getBytes(StandardCharsets.UTF_8),
                    codec.encodeInput(new InboundEvent(env, e))));
        }
        producer.flush();
    }

    /** Stops the demo; {@link #run} returns once everything is closed. */
    @Override
    public void close() {
        stopped.countDown();
        DemoViewer v = viewer;
        if (v != null) {
            v.stop();
        }
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
