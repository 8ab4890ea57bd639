package dev.seatflow.reconciler.core;

import dev.seatflow.events.LicenseEntry;
import dev.seatflow.events.LicenseState;
import dev.seatflow.events.Reason;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.UserType;
import java.util.List;

/**
 * Why a user does or does not have a SKU, in the terms of the contract's rules: the sources that
 * entitle it (rule 1), its state and reason (rule 2), its place in line (rule 3), and the user and
 * subscription facts those depend on. An operator's answer, derived from the state, never stored.
 *
 * @param state null when the user is not entitled (it has no entry for the SKU)
 * @param position 1-based place among the SKU's waiting users, or null when not waiting
 * @param queuedAhead waiting users ahead that are licensable now, so get a seat first; null when not waiting
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
        boolean direct,
        List<String> disabledPlans,
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

    static Explanation of(Tenant tenant, String userId, String skuId) {
        User user = tenant.users.get(userId);
        SeatPool pool = tenant.pools.get(skuId);
        SeatsRow seats = pool == null ? null : pool.row(tenant.id).orElse(null);
        UserFacts facts = user == null
                ? new UserFacts(false, UserType.Member, null, tenant.defaultUsageLocation, List.of())
                : new UserFacts(user.upserted, user.type, user.usageLocation, tenant.defaultUsageLocation,
                        user.groups.stream().map(g -> g.id).sorted().toList());
        Entitlement e = user == null ? null : user.entitlements.get(skuId);
        if (e == null) {
            return new Explanation(tenant.id, userId, skuId, null, null, List.of(), false, List.of(), null, null, null,
                    facts, seats, notEntitled(userId, skuId, facts));
        }
        LicenseEntry view = e.view(tenant.defaultUsageLocation);
        Integer position = null;
        Integer queuedAhead = null;
        if (!e.holdsSeat) {
            SeatPool.Ahead ahead = e.pool.ahead(e);
            position = ahead.waiting() + 1;
            queuedAhead = ahead.queued();
        }
        return new Explanation(tenant.id, userId, skuId, view.state(), view.reason(), view.assignedByGroups(),
                view.direct(), view.disabledPlans(), position, queuedAhead, e.since, facts, seats,
                entitled(userId, skuId, view, position, queuedAhead, seats));
    }

    private static String notEntitled(String userId, String skuId, UserFacts facts) {
        String groups = facts.memberOf().isEmpty() ? "it is in no group"
                : "none of its groups (" + String.join(", ", facts.memberOf()) + ") has " + skuId + " assigned";
        return userId + " does not have " + skuId + ": it is not entitled to it — " + groups
                + " and " + skuId + " is not assigned to it directly.";
    }

    private static String entitled(String userId, String skuId, LicenseEntry view, Integer position,
            Integer queuedAhead, SeatsRow seats) {
        String sources = sources(view);
        if (view.state() == LicenseState.Assigned) {
            return userId + " holds a seat of " + skuId + ", " + sources + ".";
        }
        String line = "it is number " + position + " in line";
        String why = switch (view.reason()) {
            case SeatsExhausted -> "all " + seats.seats() + " seats are taken (" + seats.assigned() + " assigned); "
                    + line + (queuedAhead == 0 ? " and gets the next seat that frees up"
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

    private static String sources(LicenseEntry view) {
        String groups = view.assignedByGroups().isEmpty() ? ""
                : "licensed by group" + (view.assignedByGroups().size() == 1 ? " " : "s ")
                        + String.join(", ", view.assignedByGroups());
        if (!view.direct()) {
            return groups;
        }
        return groups.isEmpty() ? "assigned directly" : groups + " and assigned directly";
    }
}
