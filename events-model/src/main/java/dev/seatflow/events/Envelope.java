package dev.seatflow.events;

import java.util.Objects;

/**
 * The CloudEvents 1.0 context attributes Seatflow reads from an input event.
 *
 * <p>{@code source} + {@code id} identify an event (CloudEvents' rule), which is what the
 * reconciler deduplicates on. {@code time} is kept as the producer's RFC 3339 text, or null.
 */
public record Envelope(String id, String source, String tenantId, String time) {
    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(tenantId, "tenantId");
    }
}
