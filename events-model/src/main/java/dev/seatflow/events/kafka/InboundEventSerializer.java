package dev.seatflow.events.kafka;

import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.json.EventCodec;

/** Writes input CloudEvents, as directory sync and license administration publish them. */
public final class InboundEventSerializer extends CodecSerializer<InboundEvent> {
    public InboundEventSerializer() {
        super(EventCodec.INSTANCE::encodeInput, CloudEventsHeaders.CONTENT_TYPE);
    }
}
