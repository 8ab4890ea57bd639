package dev.seatflow.events.kafka;

import dev.seatflow.events.json.InvalidEventException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads a value with {@link dev.seatflow.events.json.EventCodec}; a tombstone (null) reads as null. */
abstract class CodecDeserializer<T> implements Deserializer<T> {

    interface Decoder<T> {
        T decode(byte[] json) throws InvalidEventException;
    }

    private final String what;
    private final Decoder<T> decoder;

    CodecDeserializer(String what, Decoder<T> decoder) {
        this.what = what;
        this.decoder = decoder;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return decoder.decode(data);
        } catch (InvalidEventException e) {
            throw new SerializationException("invalid " + what + " on topic " + topic + ": " + e.getMessage(), e);
        }
    }
}
