package dev.seatflow.events.kafka;

import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.json.EventCodec;

/** Reads input CloudEvents of {@code directory.changes} and {@code licensing.config}. */
public final class InboundEventDeserializer extends CodecDeserializer<InboundEvent> {
    public InboundEventDeserializer() {
        super("input event", EventCodec.INSTANCE::decodeInput);
    }
}
