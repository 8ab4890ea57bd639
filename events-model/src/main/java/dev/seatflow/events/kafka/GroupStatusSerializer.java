package dev.seatflow.events.kafka;

import dev.seatflow.events.GroupStatus;
import dev.seatflow.events.json.EventCodec;

/** v2: writes {@code licensing.group-status} values: plain JSON, so no CloudEvents header. */
public final class GroupStatusSerializer extends CodecSerializer<GroupStatus> {
    public GroupStatusSerializer() {
        super(EventCodec.INSTANCE::encodeGroupStatus, null);
    }
}
