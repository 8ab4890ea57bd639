package dev.seatflow.testkit;

import dev.seatflow.kafka.EmbeddedKafka;
import dev.seatflow.testkit.logging.TestLogs;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides integration tests with one real Kafka broker per test run, shared by all test classes, and injects it
 * as a {@link KafkaCluster} parameter. Usually applied through {@link WithKafka}.
 *
 * <p>The broker is chosen once, on first use, and closed when the run ends:
 * <ol>
 *   <li>an <b>external</b> cluster if the environment variable {@value #BOOTSTRAP_ENV} is set (PLAINTEXT, no
 *       authentication; it is only used, never stopped);</li>
 *   <li>else <b>Testcontainers</b>' Kafka ({@value #DEFAULT_IMAGE}, or the image named by system property
 *       {@value #IMAGE_PROPERTY} / environment variable {@value #IMAGE_ENV}) if Testcontainers finds Docker;</li>
 *   <li>else an <b>in-process</b> single-node KRaft broker ({@link EmbeddedKafka}).</li>
 * </ol>
 * System property {@value #KIND_PROPERTY} or environment variable {@value #KIND_ENV} ({@code external},
 * {@code testcontainers} or {@code in-process}) forces a choice, for example {@code in-process} to skip the
 * Docker check on a machine that has Docker.
 *
 * <p>The broker starts in {@code beforeAll} of the first test class that uses the extension, so its start-up time
 * does not count against any test's timeout.
 */
public class KafkaExtension implements BeforeAllCallback, ParameterResolver {

    static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    static final String KIND_PROPERTY = "seatflow.testkit.kafka";
    static final String KIND_ENV = "SEATFLOW_TESTKIT_KAFKA";
    static final String IMAGE_PROPERTY = "seatflow.testkit.kafka.image";
    static final String IMAGE_ENV = "SEATFLOW_TESTKIT_KAFKA_IMAGE";
    static final String DEFAULT_IMAGE = "apache/kafka:4.1.0";

    private static final Logger log = LoggerFactory.getLogger(KafkaExtension.class);
    private static final Namespace NAMESPACE = Namespace.create(KafkaExtension.class);
    private static final Duration DOCKER_CHECK_TIMEOUT = Duration.ofSeconds(20);

    /** The run's broker, starting it if this is the first use. For other extensions. */
    public static KafkaCluster cluster(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedKafka.class, type -> provision(), SharedKafka.class);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return cluster(extensionContext);
    }

    private static SharedKafka provision() {
        long began = System.nanoTime();
        // The broker's threads log into target/test-logs/kafka-broker.log, not into the first test class's file.
        java.util.concurrent.atomic.AtomicReference<Broker> started = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failed = new java.util.concurrent.atomic.AtomicReference<>();
        TestLogs.runAs(TestLogs.BROKER, () -> {
            try {
                started.set(startBroker());
            } catch (RuntimeException e) {
                failed.set(e);
            }
        });
        if (failed.get() != null) {
            throw failed.get();
        }
        Broker broker = started.get();
        SharedKafka cluster = SharedKafka.connect(broker);
        log.info("Kafka for tests: {} at {}, {} (ready in {} ms)", broker.kind(), broker.bootstrapServers(),
                broker.description(), Duration.ofNanos(System.nanoTime() - began).toMillis());
        return cluster;
    }

    private static Broker startBroker() {
        String forced = setting(KIND_PROPERTY, KIND_ENV);
        String external = System.getenv(BOOTSTRAP_ENV);
        boolean haveExternal = external != null && !external.isBlank();
        if (forced != null) {
            switch (forced.toLowerCase(Locale.ROOT)) {
                case Broker.EXTERNAL:
                    if (!haveExternal) {
                        throw new ExtensionConfigurationException(
                                KIND_PROPERTY + "=external but " + BOOTSTRAP_ENV + " is not set");
                    }
                    return external(external);
                case Broker.TESTCONTAINERS:
                    return TestcontainersKafka.start(image());
                case Broker.IN_PROCESS:
                    return inProcess("forced by " + KIND_PROPERTY);
                default:
                    throw new ExtensionConfigurationException(KIND_PROPERTY + " / " + KIND_ENV + " must be one of "
                            + "external, testcontainers, in-process; was '" + forced + "'");
            }
        }
        if (haveExternal) {
            return external(external);
        }
        long checking = System.nanoTime();
        boolean docker = dockerAvailable();
        long checkMs = Duration.ofNanos(System.nanoTime() - checking).toMillis();
        if (!docker) {
            return inProcess("no Docker (checked in " + checkMs + " ms)");
        }
        String image = image();
        try {
            return TestcontainersKafka.start(image);
        } catch (RuntimeException | LinkageError e) {
            log.warn("Docker is available but the Kafka container ({}) did not start; using the in-process broker",
                    image, e);
            return inProcess("container failed to start");
        }
    }

    private static boolean dockerAvailable() {
        if (!DockerSocket.mayExist()) {
            return false; // asking Testcontainers would only log an ERROR saying there is none
        }
        try {
            return TestcontainersKafka.dockerAvailable(DOCKER_CHECK_TIMEOUT);
        } catch (RuntimeException | LinkageError e) { // e.g. Testcontainers excluded from the classpath
            log.debug("Cannot check for Docker", e);
            return false;
        }
    }

    private static Broker external(String bootstrapServers) {
        return new Broker(Broker.EXTERNAL, bootstrapServers.trim(), "from " + BOOTSTRAP_ENV, () -> { });
    }

    private static Broker inProcess(String why) {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        return new Broker(Broker.IN_PROCESS, kafka.bootstrapServers(), "single-node KRaft in this JVM, " + why,
                kafka::close);
    }

    private static String image() {
        String image = setting(IMAGE_PROPERTY, IMAGE_ENV);
        return image != null ? image : DEFAULT_IMAGE;
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }
}
