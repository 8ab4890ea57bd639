package dev.seatflow.events.kafka;

import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.json.EventCodec;

/** Writes {@code licensing.seats} values: plain JSON, so no CloudEvents header. */
public final class SeatsRowSerializer extends CodecSerializer<SeatsRow> {
    public SeatsRowSerializer() {
        super(EventCodec.INSTANCE::encodeSeats, null);
    }
}
