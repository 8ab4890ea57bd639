package dev.seatflow.reconciler.core;

import dev.seatflow.events.Reason;
import dev.seatflow.events.UserType;

/**
 * Rule 2: why an entitled user without a seat cannot be licensed, first reason first.
 *
 * <p>The reasons split in two. {@link #userReason} depends only on the user and its sources, and
 * decides whether the user is even a candidate for a seat; {@link #reason} adds what the
 * subscription says. Keeping the user part separate lets a {@link Subscription} file its waiters once
 * and serve the licensable ones without looking at the others.
 */
final class Eligibility {
    private Eligibility() {
    }

    /** UsageLocationRequired, then GuestUser, or null when the user itself is licensable. */
    static Reason userReason(User user, Entitlement entitlement, String defaultUsageLocation) {
        if (user.usageLocation == null && defaultUsageLocation == null) {
            return Reason.UsageLocationRequired;
        }
        if (user.type == UserType.Guest && !entitlement.isDirect()) {
            return Reason.GuestUser;
        }
        return null;
    }

    /** The full rule-2 reason for a user that does not hold a seat. */
    static Reason reason(Reason userReason, Subscription sku) {
        if (userReason != null) {
            return userReason;
        }
        return sku.isActive() ? Reason.SeatsExhausted : Reason.SubscriptionInactive;
    }
}
