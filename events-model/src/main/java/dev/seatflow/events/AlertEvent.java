package dev.seatflow.events;

import java.util.Objects;

/**
 * v2: one {@code licensing.seats.alert.changed} CloudEvent on {@code licensing.alerts}.
 * {@code subject} is the SKU id and {@code causationId} the {@code id} of the input event whose
 * application changed the level.
 *
 * <p>Built by {@link #causedBy}: the {@code id} is derived like a license change's, from the
 * tenant, the cause's {@code source} and {@code id}, and the SKU, with an empty user id in the
 * user's place (no user has an empty id), so it never equals a change event's id.
 */
public record AlertEvent(String id, String tenantId, String time, String causationId, SeatAlertChanged data) {

    public AlertEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(data, "data");
    }

    public static AlertEvent causedBy(Envelope cause, SeatAlertChanged data) {
        return new AlertEvent(
                OutboundEvent.deriveId(cause.tenantId(), cause.source(), cause.id(), "", data.skuId()),
                cause.tenantId(),
                cause.time(),
                cause.id(),
                data);
    }

    public String subject() {
        return data.skuId();
    }
}
