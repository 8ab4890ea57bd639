package dev.seatflow.reconciler.core;

import dev.seatflow.events.LicenseEntry;
import dev.seatflow.events.LicenseState;
import dev.seatflow.events.Reason;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.UserType;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a user does or does not have a SKU, in the terms of the contract's rules: the sources that
 * entitle it and the path by which it is a member of each (rule 1, nested groups), its state and
 * reason (rule 2), its pool and place in line (rule 3, seat pools), and the user and subscription
 * facts those depend on. An operator's answer, derived from the state, never stored.
 *
 * @param state null when the user is not entitled (it has no entry for the SKU)
 * @param memberships for each granting group, the groups through which the user is a member of it
 * @param poolId the user's seat pool for the SKU, or null when it has none (or is not entitled)
 * @param position 1-based place among the SKU's waiting users, or null when not waiting
 * @param queuedAhead Queued users ahead of it that compete for a seat it could take; null when not waiting
 * @param since the time of the event that entitled the user, or null
 * @param seats the SKU's seats row, or null when the SKU has none
 * @param summary the answer as one sentence
 */
public record Explanation(
        String tenantId,
        String userId,
        String skuId,
        LicenseState state,
        Reason reason,
        List<String> assignedByGroups,
        List<MembershipPath> memberships,
        boolean direct,
        List<String> disabledPlans,
        String poolId,
        Integer position,
        Integer queuedAhead,
        String since,
        UserFacts user,
        SeatsRow seats,
        String summary) {

    /**
     * @param known false when the user was never upserted (or was deleted): a Member with no usage location
     * @param usageLocation the user's own usage location, or null
     * @param defaultUsageLocation the tenant's default, used when the user has none
     * @param memberOf the groups the user is a direct member of, sorted
     */
    public record UserFacts(boolean known, UserType userType, String usageLocation, String defaultUsageLocation,
            List<String> memberOf) {
    }

    /**
     * How the user is a member of a granting group.
     *
     * @param through the groups from one the user is a direct member of up to {@code groupId}, which is
     *     the last; a single element when it is a direct member
     */
    public record MembershipPath(String groupId, List<String> through) {
        /** {@code u -> team -> department}. */
        String path(String userId) {
            return userId + " -> " + String.join(" -> ", through);
        }
    }

    static Explanation of(Tenant tenant, String userId, String skuId) {
        User user = tenant.users.get(userId);
        Subscription sku = tenant.skus.get(skuId);
        SeatsRow seats = sku == null ? null : sku.row(tenant.id).orElse(null);
        UserFacts facts = user == null
                ? new UserFacts(false, UserType.Member, null, tenant.defaultUsageLocation, List.of())
                : new UserFacts(user.upserted, user.type, user.usageLocation, tenant.defaultUsageLocation,
                        user.groups.stream().map(g -> g.id).sorted().toList());
        Entitlement e = user == null ? null : user.entitlements.get(skuId);
        if (e == null) {
            return new Explanation(tenant.id, userId, skuId, null, null, List.of(), List.of(), false, List.of(), null,
                    null, null, null, facts, seats, notEntitled(userId, skuId, facts));
        }
        LicenseEntry view = e.view(tenant.defaultUsageLocation);
        List<MembershipPath> memberships = new ArrayList<>();
        for (Group g : e.groups()) {
            memberships.add(new MembershipPath(g.id, Nesting.path(user, g).stream().map(x -> x.id).toList()));
        }
        Integer position = null;
        Integer queuedAhead = null;
        if (!e.holdsSeat) {
            Subscription.Ahead ahead = e.sku.ahead(e);
            position = ahead.waiting() + 1;
            queuedAhead = ahead.queued();
        }
        String poolId = e.pool == null ? null : e.pool.poolId;
        return new Explanation(tenant.id, userId, skuId, view.state(), view.reason(), view.assignedByGroups(),
                memberships, view.direct(), view.disabledPlans(), poolId, position, queuedAhead, e.since, facts, seats,
                entitled(userId, skuId, e, view, memberships, position, queuedAhead, seats));
    }

    private static String notEntitled(String userId, String skuId, UserFacts facts) {
        String groups = facts.memberOf().isEmpty() ? "it is in no group"
                : "none of its groups (" + String.join(", ", facts.memberOf()) + ") has " + skuId + " assigned";
        return userId + " does not have " + skuId + ": it is not entitled to it — " + groups
                + " and " + skuId + " is not assigned to it directly.";
    }

    private static String entitled(String userId, String skuId, Entitlement e, LicenseEntry view,
            List<MembershipPath> memberships, Integer position, Integer queuedAhead, SeatsRow seats) {
        String sources = sources(userId, view, memberships);
        if (view.state() == LicenseState.Assigned) {
            return userId + " holds a seat of " + skuId + ", " + sources + ".";
        }
        String line = "it is number " + position + " in line";
        String why = switch (view.reason()) {
            case SeatsExhausted -> seatsTaken(e, seats) + "; " + line + (queuedAhead == 0
                    ? " and gets the next seat " + (e.pool == null ? "that frees up" : "open to it")
                    : ", and " + queuedAhead + " licensable user" + (queuedAhead == 1 ? " is" : "s are")
                            + " served before it");
            case UsageLocationRequired -> "it has no usage location and the tenant has no default"
                    + "; once it has one, it keeps its place (" + line + ")";
            case GuestUser -> "it is a guest, and guests get licenses only by direct assignment, not from groups ("
                    + line + ")";
            case SubscriptionInactive -> "the subscription is "
                    + (seats.status() == null ? "inactive" : seats.status().name())
                    + "; it gets a seat in turn once the subscription is active again (" + line + ")";
        };
        return userId + " is " + view.state() + " for " + skuId + " (" + view.reason() + "), " + sources + ": "
                + why + ".";
    }

    /** Which seats stand in the way of a Queued user ("Seat pools"). */
    private static String seatsTaken(Entitlement e, SeatsRow seats) {
        Subscription sku = e.sku;
        String all = "all " + seats.seats() + " seats are taken (" + seats.assigned() + " assigned)";
        if (sku.assigned() >= sku.seats) {
            return all;
        }
        SeatPool pool = e.pool;
        String shared = "the shared seats are taken (" + sku.sharedSeats() + " of the " + seats.seats()
                + " are not reserved for a pool)";
        if (pool == null) {
            return shared;
        }
        String poolFull = "its pool " + pool.poolId + " has all " + pool.seats + " of its seats taken";
        if (!pool.borrow) {
            return poolFull + " and may not borrow";
        }
        if (sku.isOpenTo(e)) {
            return "a seat is open to it and is handed out in turn";
        }
        return poolFull + ", and " + shared;
    }

    private static String sources(String userId, LicenseEntry view, List<MembershipPath> memberships) {
        List<String> groups = new ArrayList<>();
        for (MembershipPath m : memberships) {
            groups.add(m.through().size() == 1 ? m.groupId() : m.groupId() + " (" + m.path(userId) + ")");
        }
        String byGroups = groups.isEmpty() ? ""
                : "licensed by group" + (groups.size() == 1 ? " " : "s ") + String.join(", ", groups);
        if (!view.direct()) {
            return byGroups;
        }
        return byGroups.isEmpty() ? "assigned directly" : byGroups + " and assigned directly";
    }
}
