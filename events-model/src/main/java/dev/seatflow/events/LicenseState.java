package dev.seatflow.events;

/** A user's state for one SKU, spelled as on the wire. */
public enum LicenseState {
    Assigned,
    Queued,
    Blocked,
    /** Only ever in a change event: the user lost its entitlement and no longer has an entry. */
    Removed;

    /** Queued and Blocked users wait for a seat and keep their position. */
    public boolean isWaiting() {
        return this == Queued || this == Blocked;
    }
}
