package dev.seatflow.events;

import java.util.List;
import java.util.Objects;

/** Events on the {@code licensing.config} topic, published by license administration. */
public sealed interface LicensingEvent extends InputEvent {

    /**
     * A subscription (SKU) with its prepaid seats; {@code servicePlans} is informational only.
     * {@code lowSeatsThreshold} (v2) is null for none; every upsert replaces it.
     */
    record SubscriptionUpserted(String skuId, int seats, SubscriptionStatus status, List<String> servicePlans,
            Integer lowSeatsThreshold) implements LicensingEvent {
        public SubscriptionUpserted {
            Objects.requireNonNull(skuId, "skuId");
            Objects.requireNonNull(status, "status");
            if (seats < 0) {
                throw new IllegalArgumentException("seats must be >= 0, was " + seats);
            }
            if (lowSeatsThreshold != null && lowSeatsThreshold < 0) {
                throw new IllegalArgumentException("lowSeatsThreshold must be >= 0, was " + lowSeatsThreshold);
            }
            servicePlans = List.copyOf(servicePlans == null ? List.of() : servicePlans);
        }

        /** A v1 subscription: no low-seats threshold. */
        public SubscriptionUpserted(String skuId, int seats, SubscriptionStatus status, List<String> servicePlans) {
            this(skuId, seats, status, servicePlans, null);
        }
    }

    record GroupLicenseAssigned(String groupId, String skuId, List<String> disabledPlans) implements LicensingEvent {
        public GroupLicenseAssigned {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(skuId, "skuId");
            disabledPlans = List.copyOf(disabledPlans == null ? List.of() : disabledPlans);
        }
    }

    record GroupLicenseRemoved(String groupId, String skuId) implements LicensingEvent {
        public GroupLicenseRemoved {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(skuId, "skuId");
        }
    }

    /** A direct assignment of a SKU to one user. */
    record UserLicenseAssigned(String userId, String skuId, List<String> disabledPlans) implements LicensingEvent {
        public UserLicenseAssigned {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(skuId, "skuId");
            disabledPlans = List.copyOf(disabledPlans == null ? List.of() : disabledPlans);
        }
    }

    record UserLicenseRemoved(String userId, String skuId) implements LicensingEvent {
        public UserLicenseRemoved {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(skuId, "skuId");
        }
    }

    /** Tenant-wide settings; a null default usage location means none. */
    record TenantSettingsUpserted(String defaultUsageLocation) implements LicensingEvent {
    }

    /** Re-derive the state of one user, or of the whole tenant when {@code userId} is null. */
    record ReprocessRequested(String userId) implements LicensingEvent {
    }

    /**
     * v2: creates or replaces the seat pool {@code poolId}: {@code seats} of the SKU reserved for the
     * members of {@code groupId}; with {@code borrow} false they are also all its users may take.
     */
    record PoolUpserted(String poolId, String skuId, String groupId, int seats, boolean borrow)
            implements LicensingEvent {
        public PoolUpserted {
            Objects.requireNonNull(poolId, "poolId");
            Objects.requireNonNull(skuId, "skuId");
            Objects.requireNonNull(groupId, "groupId");
            if (seats < 0) {
                throw new IllegalArgumentException("seats must be >= 0, was " + seats);
            }
        }
    }

    /** v2: deletes the seat pool {@code poolId}; an absent pool is no change. */
    record PoolRemoved(String poolId) implements LicensingEvent {
        public PoolRemoved {
            Objects.requireNonNull(poolId, "poolId");
        }
    }
}
