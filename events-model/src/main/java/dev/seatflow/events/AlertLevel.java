package dev.seatflow.events;

/**
 * v2: a SKU's seat alert level, spelled as on the wire. The core derives it from the SKU's seats
 * row after every event, the first that applies in declaration order.
 */
public enum AlertLevel {
    /** More seats held than owned ({@code assigned > seats}). */
    OverAllocated,
    /** Someone waits for a seat ({@code queued > 0}). */
    Exhausted,
    /** An active subscription with {@code available <= lowSeatsThreshold}. */
    Low,
    /** None of the above; also the level of a SKU without a row. */
    Ok
}
