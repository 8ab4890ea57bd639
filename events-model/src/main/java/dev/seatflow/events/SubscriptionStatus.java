package dev.seatflow.events;

/** The status of a subscription (SKU), spelled as on the wire. */
public enum SubscriptionStatus {
    Enabled,
    Warning,
    Suspended,
    Deleted;

    /** Whether seats of a subscription in this status may be handed out (rule 2). */
    public boolean canAssignSeats() {
        return this == Enabled || this == Warning;
    }
}
