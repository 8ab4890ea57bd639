package dev.seatflow.events;

import java.util.Objects;

/**
 * v2: the {@code data} of a {@code licensing.seats.alert.changed} event: a SKU's alert level
 * changed, with the seats-row figures it was computed from. {@code lowSeatsThreshold} is null
 * when the subscription has none.
 */
public record SeatAlertChanged(
        String skuId,
        AlertLevel level,
        AlertLevel previousLevel,
        int seats,
        int assigned,
        int queued,
        int available,
        Integer lowSeatsThreshold) {

    public SeatAlertChanged {
        Objects.requireNonNull(skuId, "skuId");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(previousLevel, "previousLevel");
        if (level == previousLevel) {
            throw new IllegalArgumentException("an alert event changes the level, but both are " + level);
        }
    }
}
