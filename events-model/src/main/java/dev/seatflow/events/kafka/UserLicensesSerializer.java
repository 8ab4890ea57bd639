package dev.seatflow.events.kafka;

import dev.seatflow.events.UserLicenses;
import dev.seatflow.events.json.EventCodec;

/** Writes {@code licensing.user-licenses} values: plain JSON, so no CloudEvents header. */
public final class UserLicensesSerializer extends CodecSerializer<UserLicenses> {
    public UserLicensesSerializer() {
        super(EventCodec.INSTANCE::encodeUserLicenses, null);
    }
}
