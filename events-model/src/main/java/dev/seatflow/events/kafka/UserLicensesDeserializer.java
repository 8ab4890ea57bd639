package dev.seatflow.events.kafka;

import dev.seatflow.events.UserLicenses;
import dev.seatflow.events.json.EventCodec;

/** Reads {@code licensing.user-licenses}; a tombstone (the user has no entry left) reads as null. */
public final class UserLicensesDeserializer extends CodecDeserializer<UserLicenses> {
    public UserLicensesDeserializer() {
        super("user-licenses value", EventCodec.INSTANCE::decodeUserLicenses);
    }
}
