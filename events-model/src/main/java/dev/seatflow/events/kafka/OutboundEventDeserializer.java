package dev.seatflow.events.kafka;

import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.json.EventCodec;

/** Reads {@code licensing.assignments}, as provisioning consumers do. */
public final class OutboundEventDeserializer extends CodecDeserializer<OutboundEvent> {
    public OutboundEventDeserializer() {
        super("licensing.user.license.changed event", EventCodec.INSTANCE::decodeOutput);
    }
}
