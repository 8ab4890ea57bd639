package dev.seatflow.events.kafka;

import dev.seatflow.events.GroupStatus;
import dev.seatflow.events.json.EventCodec;

/** v2: reads {@code licensing.group-status}; a tombstone (the group has no license left) reads as null. */
public final class GroupStatusDeserializer extends CodecDeserializer<GroupStatus> {
    public GroupStatusDeserializer() {
        super("group-status value", EventCodec.INSTANCE::decodeGroupStatus);
    }
}
