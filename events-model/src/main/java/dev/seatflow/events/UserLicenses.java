package dev.seatflow.events;

import java.util.List;
import java.util.Objects;

/**
 * The value of the compacted {@code licensing.user-licenses} topic (key {@code tenant/user}): every
 * entry the user has, sorted by SKU id. A user with no entry is a tombstone, not an empty list.
 */
public record UserLicenses(String tenantId, String userId, List<LicenseEntry> licenses) {
    public UserLicenses {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        licenses = List.copyOf(licenses);
    }

    public String key() {
        return tenantId + "/" + userId;
    }
}
