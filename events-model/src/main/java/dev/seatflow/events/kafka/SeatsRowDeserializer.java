package dev.seatflow.events.kafka;

import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.json.EventCodec;

/** Reads {@code licensing.seats} values. */
public final class SeatsRowDeserializer extends CodecDeserializer<SeatsRow> {
    public SeatsRowDeserializer() {
        super("seats value", EventCodec.INSTANCE::decodeSeats);
    }
}
