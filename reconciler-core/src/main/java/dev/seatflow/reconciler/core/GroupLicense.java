package dev.seatflow.reconciler.core;

import dev.seatflow.events.LicenseState;
import java.util.List;

/**
 * One SKU assigned to a group: its disabled plans, and how many of the group's members are in
 * each state for that SKU (Group status, v2). The counts follow the members' entitlements: every
 * member's entitlement to the SKU names the group, so the three add up to the group's members.
 */
final class GroupLicense {
    List<String> disabledPlans;
    int assigned;
    int queued;
    int blocked;

    GroupLicense(List<String> disabledPlans) {
        this.disabledPlans = disabledPlans;
    }

    void count(LicenseState state, int delta) {
        switch (state) {
            case Assigned -> assigned += delta;
            case Queued -> queued += delta;
            case Blocked -> blocked += delta;
            case Removed -> throw new IllegalArgumentException("a member's entitlement is never Removed");
        }
    }

    int members() {
        return assigned + queued + blocked;
    }
}
