package dev.seatflow.reconciler.core;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A directory group: its direct members (users and subgroups alike, in the order they joined),
 * the groups it is itself a direct member of, and the licenses assigned to it.
 *
 * <p>Who is a member through subgroups is not stored: it is walked when needed ({@link Nesting}).
 * For a licensed group the entitlements are the record of who is a member (each member's
 * entitlement to each of the group's SKUs names the group), which is also what the group's
 * status counts ({@link GroupLicense}).
 */
final class Group implements Member {
    final String id;
    /** Direct members in join order: the order a group license queues them in (rule 3). */
    final LinkedHashSet<Member> members = new LinkedHashSet<>();
    /** How many of {@link #members} are groups: zero for most groups, which keeps their walks flat. */
    int subgroups;
    /** The groups this one is a direct member of. Rare, so made on first use. */
    private Set<Group> parents;
    /** SKU id -> the license, sorted by SKU id. */
    final TreeMap<String, GroupLicense> licenses = new TreeMap<>();
    /**
     * Members waiting (Queued or Blocked) for at least one of this group's SKUs -> for how many:
     * the group status' {@code membersWithLicenseErrors} is its size. Only waiting members are in it.
     */
    final Map<User, Integer> inError = new HashMap<>();

    Group(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    Set<Group> parents() {
        return parents == null ? Set.of() : parents;
    }

    boolean hasParents() {
        return parents != null && !parents.isEmpty();
    }

    /** Adds a direct member at the end of the join order; false when it already was one. */
    boolean addMember(Member m) {
        if (!members.add(m)) {
            return false;
        }
        if (m instanceof Group sub) {
            subgroups++;
            if (sub.parents == null) {
                sub.parents = new HashSet<>(2);
            }
            sub.parents.add(this);
        }
        return true;
    }

    boolean removeMember(Member m) {
        if (!members.remove(m)) {
            return false;
        }
        if (m instanceof Group sub) {
            subgroups--;
            sub.parents.remove(this);
        }
        return true;
    }

    boolean isLicensed() {
        return !licenses.isEmpty();
    }

    /** Nothing refers to this group: it can be forgotten without changing any outcome. */
    boolean isVacant() {
        return members.isEmpty() && licenses.isEmpty() && !hasParents();
    }

    /** A member's entitlement to one of this group's SKUs changed state; keeps {@link #inError} in step. */
    void countError(User user, int delta) {
        inError.merge(user, delta, (a, b) -> a + b == 0 ? null : a + b);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public String toString() {
        return id;
    }
}
