package dev.seatflow.events;

/** Why an entitled user does not hold a seat, spelled as on the wire. */
public enum Reason {
    /** No usage location and no tenant default. Blocked. */
    UsageLocationRequired,
    /** A guest whose only sources are groups. Blocked. */
    GuestUser,
    /** The subscription is Suspended or Deleted. Blocked. */
    SubscriptionInactive,
    /** Licensable, but every seat is taken. Queued. */
    SeatsExhausted;

    /** The state a user waiting for this reason is in. */
    public LicenseState waitingState() {
        return this == SeatsExhausted ? LicenseState.Queued : LicenseState.Blocked;
    }
}
