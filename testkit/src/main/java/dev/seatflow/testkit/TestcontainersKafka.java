package dev.seatflow.testkit;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Everything that touches Testcontainers (and so docker-java) lives here, so that nothing loads those classes
 * unless this class is used, and a classpath without Testcontainers only loses this option.
 */
final class TestcontainersKafka {

    private TestcontainersKafka() {
    }

    /**
     * Whether Testcontainers finds a working Docker. Never throws, and gives up after {@code timeout} (without
     * Docker, Testcontainers answers in well under a second; this only guards against a Docker socket that hangs).
     */
    static boolean dockerAvailable(Duration timeout) {
        FutureTask<Boolean> check = new FutureTask<>(() -> DockerClientFactory.instance().isDockerAvailable());
        Thread thread = new Thread(check, "testkit-docker-check");
        thread.setDaemon(true);
        thread.start();
        try {
            return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException | LinkageError e) {
            check.cancel(true);
            return false;
        }
    }

    static Broker start(String image) {
        KafkaContainer container = new KafkaContainer(image)
                // Same behaviour as the in-process broker: topics exist only if a test creates them.
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        container.start();
        return new Broker(Broker.TESTCONTAINERS, container.getBootstrapServers(),
                "Testcontainers " + image, container::stop);
    }
}
