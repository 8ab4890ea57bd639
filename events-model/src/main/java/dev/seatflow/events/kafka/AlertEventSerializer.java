package dev.seatflow.events.kafka;

import dev.seatflow.events.AlertEvent;
import dev.seatflow.events.json.EventCodec;

/** v2: writes {@code licensing.seats.alert.changed} CloudEvents. */
public final class AlertEventSerializer extends CodecSerializer<AlertEvent> {
    public AlertEventSerializer() {
        super(EventCodec.INSTANCE::encodeAlert, CloudEventsHeaders.CONTENT_TYPE);
    }
}
