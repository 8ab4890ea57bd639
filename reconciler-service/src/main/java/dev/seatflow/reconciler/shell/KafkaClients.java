package dev.seatflow.reconciler.shell;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Where the loop gets its clients: Kafka's own in production ({@link #of}), Kafka's {@code MockConsumer} and
 * {@code MockProducer} in the loop's unit tests. A producer comes new for every {@link #producer()} call: after a
 * fencing or a commit timeout the loop closes the old one and asks for another with the same transactional id.
 */
interface KafkaClients {
    Consumer<byte[], byte[]> consumer();

    Consumer<byte[], byte[]> restoreConsumer();

    /** Not yet initialised: the caller runs {@code initTransactions()}. */
    Producer<byte[], byte[]> producer();

    static KafkaClients of(Settings settings) {
        return new KafkaClients() {
            @Override
            public Consumer<byte[], byte[]> consumer() {
                return new KafkaConsumer<>(ClientConfigs.consumer(settings));
            }

            @Override
            public Consumer<byte[], byte[]> restoreConsumer() {
                return new KafkaConsumer<>(ClientConfigs.restoreConsumer(settings));
            }

            @Override
            public Producer<byte[], byte[]> producer() {
                return new KafkaProducer<>(ClientConfigs.producer(settings));
            }
        };
    }
}
