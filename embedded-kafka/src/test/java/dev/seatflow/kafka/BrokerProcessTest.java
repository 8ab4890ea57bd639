package dev.seatflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A broker in a process of its own: paused it does not answer, resumed it does, killed and restarted it remembers. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BrokerProcessTest {

    @Test
    void aPausedBrokerIsSilentAndAKilledOneComesBackWithItsTopicsOnTheSamePort(@TempDir Path dir) throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(dir.resolve("data"), dir.resolve("broker.log"), "256m", Map.of());
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000))) {
            admin.createTopics(List.of(new NewTopic("kept", Optional.of(2), Optional.empty()))).all().get();

            broker.pause();
            assertThatThrownBy(() -> admin.listTopics().names().get(3, TimeUnit.SECONDS))
                    .as("a stopped broker does not answer").isInstanceOf(java.util.concurrent.TimeoutException.class);
            broker.resume();
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kept");

            String before = broker.bootstrapServers();
            broker.kill();
            broker.restart();
            assertThat(broker.bootstrapServers()).isEqualTo(before);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).as("its data survived").contains("kept");
        }
    }
}
