package dev.seatflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@WithKafka
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KafkaExtensionTest {

    private static KafkaCluster fromBeforeAll;

    @BeforeAll
    static void rememberCluster(KafkaCluster kafka) {
        fromBeforeAll = kafka;
        SameBrokerEverywhere.check(kafka);
    }

    @Test
    void injectsAWorkingCluster(KafkaCluster kafka) throws Exception {
        assertThat(kafka.kind()).isIn("external", "testcontainers", "in-process");
        assertThat(kafka.bootstrapServers()).isNotBlank();
        assertThat(kafka).isSameAs(fromBeforeAll);

        String topic = kafka.uniqueName("extension-test");
        kafka.createTopics(3, topic);
        TopicDescription description = kafka.admin().describeTopics(List.of(topic)).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(topic);
        assertThat(description.partitions()).hasSize(3);

        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerConfig())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, i, bytes("k" + i), bytes("v" + i))).get(30, TimeUnit.SECONDS);
            }
        }

        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(kafka.consumerConfig(kafka.uniqueName("extension-test-group")))) {
            consumer.subscribe(Set.of(topic));
            Eventually.await(Duration.ofSeconds(30), "3 records in " + topic, () -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    values.add(new String(record.value(), StandardCharsets.UTF_8));
                }
                return values.size() >= 3;
            });
        }
        assertThat(values).containsExactlyInAnyOrder("v0", "v1", "v2");
    }

    @Test
    void sharedAdminSurvivesATestClosingIt(KafkaCluster kafka) throws Exception {
        kafka.admin().close();
        assertThat(kafka.admin().describeCluster().clusterId().get(30, TimeUnit.SECONDS)).isNotBlank();
    }

    @Test
    void namesAreUniqueAndLegal(KafkaCluster kafka) {
        String a = kafka.uniqueName("orders");
        String b = kafka.uniqueName("orders");
        assertThat(a).startsWith("orders-").isNotEqualTo(b);
        assertThat(kafka.uniqueName("my topic/1")).matches("my-topic-1-[a-z0-9]{6}-\\d+");
    }

    @Test
    void creatingAnExistingTopicFails(KafkaCluster kafka) {
        String topic = kafka.uniqueName("twice");
        kafka.createTopics(1, topic);
        assertThatThrownBy(() -> kafka.createTopics(1, topic)).hasMessageContaining(topic);
    }

    @Test
    void configsAreFreshMutableMaps(KafkaCluster kafka) {
        Map<String, Object> producer = kafka.producerConfig();
        producer.put("acks", "all");
        assertThat(kafka.producerConfig()).doesNotContainKey("acks")
                .containsEntry("bootstrap.servers", kafka.bootstrapServers());
        assertThat(kafka.consumerConfig("g")).containsEntry("group.id", "g")
                .containsEntry("auto.offset.reset", "earliest");
    }

    @Nested
    class InANestedClass {
        @Test
        void theSameClusterIsInjected(KafkaCluster kafka) {
            assertThat(kafka).isSameAs(fromBeforeAll);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
