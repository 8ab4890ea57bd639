package dev.seatflow.events.kafka;

import dev.seatflow.events.AlertEvent;
import dev.seatflow.events.json.EventCodec;

/** v2: reads {@code licensing.alerts}, as chat bots, ticketing bridges and dashboards do. */
public final class AlertEventDeserializer extends CodecDeserializer<AlertEvent> {
    public AlertEventDeserializer() {
        super("licensing.seats.alert.changed event", EventCodec.INSTANCE::decodeAlert);
    }
}
