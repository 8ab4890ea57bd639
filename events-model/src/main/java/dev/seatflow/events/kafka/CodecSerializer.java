package dev.seatflow.events.kafka;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a value with {@link dev.seatflow.events.json.EventCodec}. Null stays null, so a tombstone
 * can be produced. When {@code contentType} is set, the headers overload replaces any
 * {@code content-type} header with it, so a reused header set never carries two.
 */
abstract class CodecSerializer<T> implements Serializer<T> {

    private final Function<T, byte[]> encoder;
    private final byte[] contentType;

    CodecSerializer(Function<T, byte[]> encoder, String contentType) {
        this.encoder = encoder;
        this.contentType = contentType == null ? null : contentType.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : encoder.apply(data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        if (data != null && contentType != null) {
            headers.remove(CloudEventsHeaders.CONTENT_TYPE_HEADER);
            headers.add(CloudEventsHeaders.CONTENT_TYPE_HEADER, contentType);
        }
        return serialize(topic, data);
    }
}
