package dev.seatflow.reconciler.shell;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Where an input record is: stable across rollbacks, so a record can be recognised when it is read again. */
record RecordId(String topic, int partition, long offset) {

    static RecordId of(ConsumerRecord<?, ?> r) {
        return new RecordId(r.topic(), r.partition(), r.offset());
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
