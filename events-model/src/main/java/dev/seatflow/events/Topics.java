package dev.seatflow.events;

/** Default topic names of the contract. Deployments may rename them in configuration. */
public final class Topics {
    public static final String DIRECTORY_CHANGES = "directory.changes";
    public static final String LICENSING_CONFIG = "licensing.config";
    public static final String ASSIGNMENTS = "licensing.assignments";
    public static final String USER_LICENSES = "licensing.user-licenses";
    public static final String SEATS = "licensing.seats";
    public static final String REJECTED = "licensing.rejected";
    /** v2: per-group licensing status (compacted). */
    public static final String GROUP_STATUS = "licensing.group-status";
    /** v2: {@code licensing.seats.alert.changed} events. */
    public static final String ALERTS = "licensing.alerts";

    private Topics() {
    }
}
