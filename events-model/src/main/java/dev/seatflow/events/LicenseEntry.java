package dev.seatflow.events;

import java.util.List;
import java.util.Objects;

/** One SKU in a {@code licensing.user-licenses} value: never Removed. */
public record LicenseEntry(
        String skuId,
        LicenseState state,
        Reason reason,
        List<String> disabledPlans,
        List<String> assignedByGroups,
        boolean direct) {

    public LicenseEntry {
        Objects.requireNonNull(skuId, "skuId");
        Objects.requireNonNull(state, "state");
        if (state == LicenseState.Removed) {
            throw new IllegalArgumentException("a user-licenses entry is never Removed");
        }
        disabledPlans = List.copyOf(disabledPlans);
        assignedByGroups = List.copyOf(assignedByGroups);
    }
}
