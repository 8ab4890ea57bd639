package dev.seatflow.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every CloudEvents {@code type} of the contract, the topic it travels on and its Java record. */
public enum EventType {
    USER_UPSERTED("directory.user.upserted", Topics.DIRECTORY_CHANGES, DirectoryEvent.UserUpserted.class),
    USER_DELETED("directory.user.deleted", Topics.DIRECTORY_CHANGES, DirectoryEvent.UserDeleted.class),
    GROUP_MEMBER_ADDED("directory.group.member.added", Topics.DIRECTORY_CHANGES, DirectoryEvent.GroupMemberAdded.class),
    GROUP_MEMBER_REMOVED("directory.group.member.removed", Topics.DIRECTORY_CHANGES, DirectoryEvent.GroupMemberRemoved.class),
    GROUP_DELETED("directory.group.deleted", Topics.DIRECTORY_CHANGES, DirectoryEvent.GroupDeleted.class),
    GROUP_SUBGROUP_ADDED("directory.group.subgroup.added", Topics.DIRECTORY_CHANGES, DirectoryEvent.GroupSubgroupAdded.class),
    GROUP_SUBGROUP_REMOVED("directory.group.subgroup.removed", Topics.DIRECTORY_CHANGES, DirectoryEvent.GroupSubgroupRemoved.class),

    SUBSCRIPTION_UPSERTED("licensing.subscription.upserted", Topics.LICENSING_CONFIG, LicensingEvent.SubscriptionUpserted.class),
    GROUP_LICENSE_ASSIGNED("licensing.group.license.assigned", Topics.LICENSING_CONFIG, LicensingEvent.GroupLicenseAssigned.class),
    GROUP_LICENSE_REMOVED("licensing.group.license.removed", Topics.LICENSING_CONFIG, LicensingEvent.GroupLicenseRemoved.class),
    USER_LICENSE_ASSIGNED("licensing.user.license.assigned", Topics.LICENSING_CONFIG, LicensingEvent.UserLicenseAssigned.class),
    USER_LICENSE_REMOVED("licensing.user.license.removed", Topics.LICENSING_CONFIG, LicensingEvent.UserLicenseRemoved.class),
    TENANT_SETTINGS_UPSERTED("licensing.tenant.settings.upserted", Topics.LICENSING_CONFIG, LicensingEvent.TenantSettingsUpserted.class),
    REPROCESS_REQUESTED("licensing.reprocess.requested", Topics.LICENSING_CONFIG, LicensingEvent.ReprocessRequested.class),
    POOL_UPSERTED("licensing.pool.upserted", Topics.LICENSING_CONFIG, LicensingEvent.PoolUpserted.class),
    POOL_REMOVED("licensing.pool.removed", Topics.LICENSING_CONFIG, LicensingEvent.PoolRemoved.class),

    USER_LICENSE_CHANGED("licensing.user.license.changed", Topics.ASSIGNMENTS, UserLicenseChanged.class),
    SEATS_ALERT_CHANGED("licensing.seats.alert.changed", Topics.ALERTS, SeatAlertChanged.class);

    private static final Map<String, EventType> BY_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::javaType, Function.identity()));

    private final String type;
    private final String topic;
    private final Class<?> javaType;

    EventType(String type, String topic, Class<?> javaType) {
        this.type = type;
        this.topic = topic;
        this.javaType = javaType;
    }

    public String type() {
        return type;
    }

    /** The default name of the topic this event travels on. */
    public String topic() {
        return topic;
    }

    public Class<?> javaType() {
        return javaType;
    }

    public static Optional<EventType> fromType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static EventType of(Object data) {
        EventType t = BY_CLASS.get(data.getClass());
        if (t == null) {
            throw new IllegalArgumentException("not an event of the contract: " + data.getClass().getName());
        }
        return t;
    }
}
