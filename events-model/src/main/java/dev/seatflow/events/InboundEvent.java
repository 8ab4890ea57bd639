package dev.seatflow.events;

import java.util.Objects;

/** One input CloudEvent: its envelope and its typed {@code data}. */
public record InboundEvent(Envelope envelope, InputEvent data) {
    public InboundEvent {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(data, "data");
    }

    public String tenantId() {
        return envelope.tenantId();
    }
}
