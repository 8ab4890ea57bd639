package dev.seatflow.scim.directory;

import java.util.Objects;

/**
 * One record of the gateway's resource store (a compacted topic): what a request changed. A null payload is
 * a tombstone. The service works out these records for a request; {@link TenantDirectory#apply} replays them,
 * live after the transaction that holds them commits, and on restore: one path for both.
 */
public sealed interface StoreRecord {

    String tenant();

    record UserRow(String tenant, String id, StoredUser user) implements StoreRecord {
        public UserRow {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(id, "id");
        }

        public static UserRow of(String tenant, StoredUser user) {
            return new UserRow(tenant, user.id(), user);
        }

        public static UserRow deleted(String tenant, String id) {
            return new UserRow(tenant, id, null);
        }
    }

    record GroupRow(String tenant, String id, StoredGroup group) implements StoreRecord {
        public GroupRow {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(id, "id");
        }

        public static GroupRow of(String tenant, StoredGroup group) {
            return new GroupRow(tenant, group.id(), group);
        }

        public static GroupRow deleted(String tenant, String id) {
            return new GroupRow(tenant, id, null);
        }
    }

    /** {@code memberId} is a direct member of {@code groupId}; {@code type} null: it no longer is. */
    record MemberRow(String tenant, String groupId, String memberId, MemberType type) implements StoreRecord {
        public MemberRow {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(memberId, "memberId");
        }
    }
}
