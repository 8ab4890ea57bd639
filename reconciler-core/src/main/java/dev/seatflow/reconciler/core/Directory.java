package dev.seatflow.reconciler.core;

import dev.seatflow.events.UserType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The directory's events and what they do to entitlements: users, memberships and, contract v2,
 * nested groups (rule 1 and "Nested groups"). A change of direct links asks which groups a user
 * now reaches ({@link Nesting}); joining grants the licensed ones' SKUs, leaving revokes only what
 * no other path still gives, and a pool that names one of them may change the user's pool.
 */
final class Directory {
    private final Tenant t;

    Directory(Tenant t) {
        this.t = t;
    }

    void userUpserted(String userId, String usageLocation, UserType type) {
        User user = t.users.computeIfAbsent(userId, User::new);
        List<Entitlement> waiting = Tenant.waitingOf(user);
        t.touchAll(waiting);
        user.upserted = true;
        user.usageLocation = usageLocation;
        user.type = type;
        t.changes.changelog.add(new StateRecord.UserAttributes(userId, usageLocation, type));
        t.seating.refileAll(waiting);
    }

    /** Rule 4 and Details: a deleted user loses every entitlement, membership and attribute. */
    void userDeleted(String userId) {
        User user = t.users.get(userId);
        if (user == null) {
            return;
        }
        for (Entitlement e : List.copyOf(user.entitlements.values())) {
            t.changes.touch(e, t.defaultUsageLocation);
            t.endEntitlement(e);
        }
        for (Group group : Tenant.sortedById(user.groups)) {
            unlinkMember(group, user);
            t.forgetIfVacant(group);
        }
        if (user.upserted) {
            t.changes.changelog.add(new StateRecord.UserForgotten(userId));
        }
        t.users.remove(userId);
    }

    // ---- directory: memberships (rule 1, "Nested groups") -------------------------------------

    void memberAdded(String groupId, String userId) {
        Group group = t.groups.computeIfAbsent(groupId, Group::new);
        User user = t.users.computeIfAbsent(userId, User::new);
        if (!group.addMember(user)) {
            return; // already a direct member: its join order stays
        }
        user.groups.add(group);
        t.changes.changelog.add(new StateRecord.Membership(groupId, userId, t.nextJoin++));
        if (!group.hasParents()) {
            // Not nested, as most groups: the group alone, and usually it has no license and no pool.
            if (group.isLicensed()) {
                grantFrom(user, group);
            }
            if (t.poolsByGroup.containsKey(group.id)) {
                t.seating.repool(user, null);
            }
            return;
        }
        Set<Group> joined = Nesting.withAncestors(group);
        joined(user, Tenant.licensedById(joined), t.hasPooled(joined));
    }

    void memberRemoved(String groupId, String userId) {
        Group group = t.groups.get(groupId);
        User user = group == null ? null : t.users.get(userId);
        if (user == null || !group.members.contains(user)) {
            return; // a direct link that does not exist: no change, even for a member through a subgroup
        }
        if (group.subgroups == 0 && !group.hasParents()) {
            unlinkMember(group, user);
            // Flat, as most groups are: the user is certainly no longer a member, and of nothing else.
            for (String skuId : group.licenses.keySet()) {
                t.revokeFromGroup(user, skuId, group);
            }
            if (t.poolsByGroup.containsKey(group.id)) {
                t.seating.repool(user, null);
            }
        } else {
            Set<Group> mayHaveLeft = Nesting.withAncestors(group);
            unlinkMember(group, user);
            if (t.hasLicensedOrPooled(mayHaveLeft)) {
                left(user, mayHaveLeft);
            }
        }
        t.forgetIfVacant(user);
        t.forgetIfVacant(group);
    }

    void subgroupAdded(String groupId, String subgroupId) {
        if (groupId.equals(subgroupId)) {
            return; // a group in itself t.changes nothing
        }
        Group group = t.groups.computeIfAbsent(groupId, Group::new);
        Group sub = t.groups.computeIfAbsent(subgroupId, Group::new);
        if (!group.addMember(sub)) {
            return;
        }
        t.changes.changelog.add(new StateRecord.SubgroupLink(groupId, subgroupId, t.nextJoin++));
        Set<Group> joined = Nesting.withAncestors(group);
        List<Group> licensed = Tenant.licensedById(joined);
        boolean pooled = t.hasPooled(joined);
        if (!licensed.isEmpty() || pooled) {
            // Positions in the subgroup's member order: the group the event names.
            for (User member : Nesting.memberOrder(sub)) {
                joined(member, licensed, pooled);
            }
        }
    }

    void subgroupRemoved(String groupId, String subgroupId) {
        Group group = t.groups.get(groupId);
        Group sub = t.groups.get(subgroupId);
        if (group == null || sub == null || !group.members.contains(sub)) {
            return;
        }
        Set<Group> mayHaveLeft = Nesting.withAncestors(group);
        group.removeMember(sub);
        t.changes.changelog.add(new StateRecord.SubgroupLinkEnded(groupId, subgroupId));
        if (t.hasLicensedOrPooled(mayHaveLeft)) {
            for (User member : Nesting.memberOrder(sub)) {
                left(member, mayHaveLeft);
            }
        }
        t.forgetIfVacant(group);
        t.forgetIfVacant(sub);
    }

    /**
     * Deleting a group removes its licenses and its direct links: its members, its subgroups (which
     * stay groups of their own) and its place in other t.groups. Its id may come back empty; pools
     * that name it stay.
     */
    void groupDeleted(String groupId) {
        Group group = t.groups.get(groupId);
        if (group == null) {
            return;
        }
        List<User> members = Nesting.memberOrder(group);
        for (String skuId : List.copyOf(group.licenses.keySet())) {
            for (User member : members) {
                t.revokeFromGroup(member, skuId, group);
            }
            group.licenses.remove(skuId);
            t.changes.changelog.add(new StateRecord.GroupLicenseEnded(groupId, skuId));
            t.changes.groupMayHaveChanged(groupId);
        }
        Set<Group> mayHaveLeft = Nesting.withAncestors(group);
        List<Group> neighbours = new ArrayList<>(Tenant.sortedById(group.parents()));
        for (Group parent : neighbours) {
            parent.removeMember(group);
            t.changes.changelog.add(new StateRecord.SubgroupLinkEnded(parent.id, groupId));
        }
        for (Member m : List.copyOf(group.members)) {
            if (m instanceof User u) {
                unlinkMember(group, u);
            } else if (m instanceof Group sub) {
                group.removeMember(sub);
                t.changes.changelog.add(new StateRecord.SubgroupLinkEnded(groupId, sub.id));
                neighbours.add(sub);
            }
        }
        t.groups.remove(groupId);
        if (t.hasLicensedOrPooled(mayHaveLeft)) {
            for (User member : members) {
                left(member, mayHaveLeft);
            }
        }
        for (User member : members) {
            t.forgetIfVacant(member);
        }
        neighbours.forEach(t::forgetIfVacant);
    }

    /**
     * The user has just become a member of some groups (or was one already through another path):
     * each licensed one grants its SKUs, and when a pool names one of them the user may now have a
     * pool it did not have.
     */
    private void joined(User user, List<Group> licensed, boolean pooled) {
        for (Group g : licensed) {
            grantFrom(user, g);
        }
        if (pooled) {
            t.seating.repool(user, null);
        }
    }

    /** Each of the group's SKUs, in id order, for a user who is now a member of it. */
    private void grantFrom(User user, Group group) {
        for (String skuId : group.licenses.keySet()) {
            t.grantFromGroup(user, skuId, group);
        }
    }

    /**
     * The user may have stopped being a member of some of these groups: a member along several
     * paths stays one until the last path goes, so it loses only those it no longer reaches.
     */
    private void left(User user, Set<Group> mayHaveLeft) {
        Set<Group> reached = Nesting.groupsOf(user);
        for (Entitlement e : List.copyOf(user.entitlements.values())) {
            for (Group g : e.groups()) {
                if (mayHaveLeft.contains(g) && !reached.contains(g)) {
                    t.revokeFromGroup(user, e.skuId(), g);
                }
            }
        }
        if (t.hasPooled(mayHaveLeft)) {
            t.seating.repool(user, reached);
        }
    }

    private void unlinkMember(Group group, User user) {
        group.removeMember(user);
        user.groups.remove(group);
        t.changes.changelog.add(new StateRecord.MembershipEnded(group.id, user.id));
    }
}
