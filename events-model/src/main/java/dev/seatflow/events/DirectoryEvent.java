package dev.seatflow.events;

import java.util.Objects;

/** Events on the {@code directory.changes} topic, published by directory sync. */
public sealed interface DirectoryEvent extends InputEvent {

    /** A user was created or changed. A null usage location means none. */
    record UserUpserted(String userId, String usageLocation, UserType userType) implements DirectoryEvent {
        public UserUpserted {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(userType, "userType");
        }
    }

    record UserDeleted(String userId) implements DirectoryEvent {
        public UserDeleted {
            Objects.requireNonNull(userId, "userId");
        }
    }

    record GroupMemberAdded(String groupId, String userId) implements DirectoryEvent {
        public GroupMemberAdded {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(userId, "userId");
        }
    }

    record GroupMemberRemoved(String groupId, String userId) implements DirectoryEvent {
        public GroupMemberRemoved {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(userId, "userId");
        }
    }

    record GroupDeleted(String groupId) implements DirectoryEvent {
        public GroupDeleted {
            Objects.requireNonNull(groupId, "groupId");
        }
    }

    /** v2: the group {@code subgroupId} becomes a direct member of {@code groupId} (nested groups). */
    record GroupSubgroupAdded(String groupId, String subgroupId) implements DirectoryEvent {
        public GroupSubgroupAdded {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(subgroupId, "subgroupId");
        }
    }

    /** v2: the group {@code subgroupId} is no longer a direct member of {@code groupId}. */
    record GroupSubgroupRemoved(String groupId, String subgroupId) implements DirectoryEvent {
        public GroupSubgroupRemoved {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(subgroupId, "subgroupId");
        }
    }
}
