package dev.seatflow.events.kafka;

import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.json.EventCodec;

/** Writes {@code licensing.user.license.changed} CloudEvents. */
public final class OutboundEventSerializer extends CodecSerializer<OutboundEvent> {
    public OutboundEventSerializer() {
        super(EventCodec.INSTANCE::encodeOutput, CloudEventsHeaders.CONTENT_TYPE);
    }
}
