package dev.seatflow.reconciler.core;

import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserType;
import java.util.List;

/**
 * The reconciler's durable state as keyed records, for a compacted changelog. Every mutation the
 * core makes is described by one of these, and {@link Reconciler#restore} rebuilds the very same
 * state from them, so live and restored state cannot drift apart.
 *
 * <p>Records implementing {@link Tombstone} delete their key. Keys are unique within a tenant.
 */
public sealed interface StateRecord {

    /** The record's key within its tenant. */
    String key();

    /** A record that deletes its key. */
    sealed interface Tombstone extends StateRecord {
    }

    record UserAttributes(String userId, String usageLocation, UserType userType) implements StateRecord {
        public String key() {
            return "user/" + userId;
        }
    }

    record UserForgotten(String userId) implements Tombstone {
        public String key() {
            return "user/" + userId;
        }
    }

    /** {@code joinOrder} rebuilds the member order a restored group queues its members in. */
    record Membership(String groupId, String userId, long joinOrder) implements StateRecord {
        public String key() {
            return "member/" + groupId.length() + ":" + groupId + "/" + userId;
        }
    }

    record MembershipEnded(String groupId, String userId) implements Tombstone {
        public String key() {
            return "member/" + groupId.length() + ":" + groupId + "/" + userId;
        }
    }

    /** v2: a direct subgroup link; {@code joinOrder} shares the counter of {@link Membership}. */
    record SubgroupLink(String groupId, String subgroupId, long joinOrder) implements StateRecord {
        public String key() {
            return "subgroup/" + groupId.length() + ":" + groupId + "/" + subgroupId;
        }
    }

    record SubgroupLinkEnded(String groupId, String subgroupId) implements Tombstone {
        public String key() {
            return "subgroup/" + groupId.length() + ":" + groupId + "/" + subgroupId;
        }
    }

    record GroupLicenseRecord(String groupId, String skuId, List<String> disabledPlans) implements StateRecord {
        public String key() {
            return "group-license/" + groupId.length() + ":" + groupId + "/" + skuId;
        }
    }

    record GroupLicenseEnded(String groupId, String skuId) implements Tombstone {
        public String key() {
            return "group-license/" + groupId.length() + ":" + groupId + "/" + skuId;
        }
    }

    /** {@code lowSeatsThreshold} (v2) is null for none, also in records written before it existed. */
    record SubscriptionRecord(String skuId, int seats, SubscriptionStatus status, List<String> servicePlans,
            Integer lowSeatsThreshold) implements StateRecord {
        public String key() {
            return "subscription/" + skuId;
        }
    }

    /** v2: a seat pool. The pool each user counts against is derived from memberships, never stored. */
    record PoolRecord(String poolId, String skuId, String groupId, int seats, boolean borrow) implements StateRecord {
        public String key() {
            return "pool/" + poolId;
        }
    }

    record PoolRemoved(String poolId) implements Tombstone {
        public String key() {
            return "pool/" + poolId;
        }
    }

    /**
     * {@code directPlans} is null when the SKU is not directly assigned; {@code since} is the time of
     * the event that began the entitlement, or null (also in records written before it existed).
     */
    record EntitlementRecord(String userId, String skuId, long position, boolean holdsSeat, List<String> directPlans,
            String since) implements StateRecord {
        public String key() {
            return "entitlement/" + userId.length() + ":" + userId + "/" + skuId;
        }
    }

    record EntitlementEnded(String userId, String skuId) implements Tombstone {
        public String key() {
            return "entitlement/" + userId.length() + ":" + userId + "/" + skuId;
        }
    }

    /** Tenant settings and the counters that order positions, joins and the dedup window. */
    record TenantRecord(String defaultUsageLocation, long nextPosition, long nextJoin, long nextSeen)
            implements StateRecord {
        public String key() {
            return "tenant";
        }
    }

    /**
     * An accepted event's {@code source} + {@code id}, in the order {@code seq} it was accepted. The
     * window is a ring of {@code slot}s: a newly accepted event overwrites the record of the one it
     * evicts, so deduplication costs one changelog record per event and no tombstones.
     */
    record SeenEvent(int slot, String source, String id, long seq) implements StateRecord {
        public String key() {
            return "seen/" + slot;
        }
    }
}
