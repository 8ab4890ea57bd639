package dev.seatflow.events;

import java.util.List;
import java.util.Objects;

/**
 * The {@code data} of a {@code licensing.user.license.changed} event: a user's status for one SKU
 * after an input event changed it. {@code reason} is null exactly when {@code state} is Assigned
 * or Removed; the lists are sorted.
 */
public record UserLicenseChanged(
        String userId,
        String skuId,
        LicenseState state,
        LicenseState previousState,
        Reason reason,
        List<String> disabledPlans,
        List<String> assignedByGroups,
        boolean direct) {

    public UserLicenseChanged {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(skuId, "skuId");
        Objects.requireNonNull(state, "state");
        disabledPlans = List.copyOf(disabledPlans);
        assignedByGroups = List.copyOf(assignedByGroups);
        boolean needsReason = state == LicenseState.Queued || state == LicenseState.Blocked;
        if (needsReason != (reason != null)) {
            throw new IllegalArgumentException("state " + state + " with reason " + reason);
        }
        if (reason != null && reason.waitingState() != state) {
            throw new IllegalArgumentException("reason " + reason + " does not go with state " + state);
        }
    }
}
