package dev.seatflow.events;

import java.util.List;
import java.util.Objects;

/**
 * v2: the value of the compacted {@code licensing.group-status} topic (key {@code tenant/group}),
 * present while the group has at least one license. {@code members} counts the users who are
 * members directly or through subgroups; {@code membersWithLicenseErrors} those Queued or Blocked
 * for at least one of the group's SKUs. {@code licenses} is sorted by SKU id.
 */
public record GroupStatus(
        String tenantId,
        String groupId,
        int members,
        int membersWithLicenseErrors,
        List<License> licenses) {

    public GroupStatus {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(groupId, "groupId");
        licenses = List.copyOf(licenses);
    }

    /**
     * One SKU assigned to the group: its {@code disabledPlans} (sorted), and how many of the
     * group's members are in each state for it, whatever other sources they have.
     */
    public record License(String skuId, List<String> disabledPlans, int assigned, int queued, int blocked) {
        public License {
            Objects.requireNonNull(skuId, "skuId");
            disabledPlans = List.copyOf(disabledPlans);
        }
    }

    public String key() {
        return tenantId + "/" + groupId;
    }
}
