package dev.seatflow.reconciler.core;

import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.Envelope;
import dev.seatflow.events.GroupStatus;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.InputEvent;
import dev.seatflow.events.LicenseEntry;
import dev.seatflow.events.LicensingEvent;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.PoolSeats;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserLicenseChanged;
import dev.seatflow.events.UserType;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A fluent fixture for one tenant: each verb publishes an input event to a fresh {@link Reconciler}
 * and keeps the decision, so a test reads as the story of a directory. States are spelled compactly:
 * {@code "Assigned"}, {@code "Queued:SeatsExhausted"}, {@code "Blocked:GuestUser"}, or {@code "none"}.
 */
final class Scenario {
    private final Reconciler reconciler;
    private final String tenant;
    private int nextId;
    private String time;
    private Decision last;

    private Scenario(Reconciler reconciler, String tenant) {
        this.reconciler = reconciler;
        this.tenant = tenant;
    }

    static Scenario tenant(String tenant) {
        return new Scenario(new Reconciler(), tenant);
    }

    static Scenario tenant() {
        return tenant("contoso");
    }

    /** Another tenant on the same reconciler. */
    Scenario otherTenant(String other) {
        return new Scenario(reconciler, other);
    }

    Reconciler reconciler() {
        return reconciler;
    }

    // ---- directory sync -----------------------------------------------------------------------

    Scenario user(String userId, String usageLocation) {
        return publish(new DirectoryEvent.UserUpserted(userId, usageLocation, UserType.Member));
    }

    Scenario guest(String userId, String usageLocation) {
        return publish(new DirectoryEvent.UserUpserted(userId, usageLocation, UserType.Guest));
    }

    /** Users with a usage location, so that only seats decide. */
    Scenario users(String... userIds) {
        for (String u : userIds) {
            user(u, "US");
        }
        return this;
    }

    Scenario userDeleted(String userId) {
        return publish(new DirectoryEvent.UserDeleted(userId));
    }

    Scenario join(String groupId, String... userIds) {
        for (String u : userIds) {
            publish(new DirectoryEvent.GroupMemberAdded(groupId, u));
        }
        return this;
    }

    Scenario leave(String groupId, String userId) {
        return publish(new DirectoryEvent.GroupMemberRemoved(groupId, userId));
    }

    Scenario groupDeleted(String groupId) {
        return publish(new DirectoryEvent.GroupDeleted(groupId));
    }

    /** v2: each subgroup, in turn, becomes a direct member of the group. */
    Scenario nest(String groupId, String... subgroupIds) {
        for (String sub : subgroupIds) {
            publish(new DirectoryEvent.GroupSubgroupAdded(groupId, sub));
        }
        return this;
    }

    Scenario unnest(String groupId, String subgroupId) {
        return publish(new DirectoryEvent.GroupSubgroupRemoved(groupId, subgroupId));
    }

    // ---- license administration ---------------------------------------------------------------

    Scenario subscription(String skuId, int seats) {
        return subscription(skuId, seats, SubscriptionStatus.Enabled);
    }

    Scenario subscription(String skuId, int seats, SubscriptionStatus status) {
        return publish(new LicensingEvent.SubscriptionUpserted(skuId, seats, status, List.of()));
    }

    /** v2: a subscription with a low-seats threshold. */
    Scenario subscription(String skuId, int seats, Integer lowSeatsThreshold) {
        return publish(new LicensingEvent.SubscriptionUpserted(skuId, seats, SubscriptionStatus.Enabled, List.of(),
                lowSeatsThreshold));
    }

    /** v2: a seat pool that may borrow shared seats. */
    Scenario pool(String poolId, String skuId, String groupId, int seats) {
        return pool(poolId, skuId, groupId, seats, true);
    }

    Scenario pool(String poolId, String skuId, String groupId, int seats, boolean borrow) {
        return publish(new LicensingEvent.PoolUpserted(poolId, skuId, groupId, seats, borrow));
    }

    Scenario poolRemoved(String poolId) {
        return publish(new LicensingEvent.PoolRemoved(poolId));
    }

    Scenario groupLicense(String groupId, String skuId, String... disabledPlans) {
        return publish(new LicensingEvent.GroupLicenseAssigned(groupId, skuId, List.of(disabledPlans)));
    }

    Scenario groupLicenseRemoved(String groupId, String skuId) {
        return publish(new LicensingEvent.GroupLicenseRemoved(groupId, skuId));
    }

    Scenario directLicense(String userId, String skuId, String... disabledPlans) {
        return publish(new LicensingEvent.UserLicenseAssigned(userId, skuId, List.of(disabledPlans)));
    }

    Scenario directLicenseRemoved(String userId, String skuId) {
        return publish(new LicensingEvent.UserLicenseRemoved(userId, skuId));
    }

    Scenario defaultUsageLocation(String location) {
        return publish(new LicensingEvent.TenantSettingsUpserted(location));
    }

    Scenario reprocess(String userIdOrNull) {
        return publish(new LicensingEvent.ReprocessRequested(userIdOrNull));
    }

    /** Stamps the events that follow with this {@code time} (null by default). */
    Scenario at(String time) {
        this.time = time;
        return this;
    }

    Scenario publish(InputEvent data) {
        return publish("/test", "e-" + (++nextId), data);
    }

    Scenario publish(String source, String id, InputEvent data) {
        last = reconciler.apply(new InboundEvent(new Envelope(id, source, tenant, time), data));
        return this;
    }

    // ---- what happened ------------------------------------------------------------------------

    Decision lastDecision() {
        return last;
    }

    /** The last event's outputs as {@code "user sku Previous->State[:Reason]"}, in emission order. */
    List<String> changes() {
        return last.outputs().stream().map(OutboundEvent::data).map(Scenario::describe).collect(Collectors.toList());
    }

    /** The last event's alert events as {@code "SKU Previous->Level"}. */
    List<String> alerts() {
        return last.alerts().stream().map(a -> a.data().skuId() + " " + a.data().previousLevel() + "->" + a.data().level())
                .collect(Collectors.toList());
    }

    List<UserLicenseChanged> changeEvents() {
        return last.outputs().stream().map(OutboundEvent::data).collect(Collectors.toList());
    }

    private static String describe(UserLicenseChanged c) {
        return c.userId() + " " + c.skuId() + " " + (c.previousState() == null ? "none" : c.previousState()) + "->"
                + c.state() + (c.reason() == null ? "" : ":" + c.reason());
    }

    String state(String userId, String skuId) {
        return entry(userId, skuId).map(e -> e.state() + (e.reason() == null ? "" : ":" + e.reason())).orElse("none");
    }

    /** The state of each user, in the order given, e.g. to read off a queue. */
    List<String> states(String skuId, String... userIds) {
        return Arrays.stream(userIds).map(u -> u + "=" + state(u, skuId)).collect(Collectors.toList());
    }

    java.util.Optional<LicenseEntry> entry(String userId, String skuId) {
        return reconciler.userLicenses(tenant, userId)
                .flatMap(ul -> ul.licenses().stream().filter(e -> e.skuId().equals(skuId)).findFirst());
    }

    SeatsRow seats(String skuId) {
        return reconciler.seats(tenant, skuId).orElseThrow(() -> new AssertionError("no seats row for " + skuId));
    }

    /** v2: the group's status row, or null when it has none (a tombstone). */
    GroupStatus groupStatus(String groupId) {
        return reconciler.groupStatus(tenant, groupId).orElse(null);
    }

    /** v2: a pool's part of the SKU's seats row. */
    PoolSeats pool(String skuId, String poolId) {
        return seats(skuId).pools().stream().filter(p -> p.poolId().equals(poolId)).findFirst()
                .orElseThrow(() -> new AssertionError("no pool " + poolId + " in " + seats(skuId)));
    }

    List<Waiter> queue(String skuId) {
        return reconciler.queue(tenant, skuId, Integer.MAX_VALUE);
    }

    Explanation explain(String userId, String skuId) {
        return reconciler.explain(tenant, userId, skuId);
    }

    boolean hasSeatsRow(String skuId) {
        return reconciler.seats(tenant, skuId).isPresent();
    }
}
