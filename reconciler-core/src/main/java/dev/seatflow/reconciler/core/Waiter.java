package dev.seatflow.reconciler.core;

import dev.seatflow.events.LicenseState;
import dev.seatflow.events.Reason;

/**
 * A user waiting for a seat of one SKU, as a queue view shows it.
 *
 * @param position 1-based place in line among all waiting users, Queued and Blocked (rule 3)
 * @param since the time of the event that entitled the user, or null when that event had none
 * @param poolId the user's seat pool for the SKU (v2), or null when it has none
 */
public record Waiter(int position, String userId, LicenseState state, Reason reason, String since, String poolId) {
}
