package dev.seatflow.reconciler.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contract's "Nested groups" (v2) as walks over the direct links: who the members of a group
 * are and in which order, and which groups a user is a member of. Cycles are allowed, so every walk
 * keeps a visited set; none recurses, so a chain of any depth walks in constant stack.
 */
final class Nesting {
    private Nesting() {
    }

    /**
     * The group's users in member order: one depth-first walk with a single set of visited groups,
     * starting at the group (which counts as visited); direct members in join order, users and
     * subgroups alike; a user listed where it is first reached; an unvisited subgroup walked in place.
     */
    static List<User> memberOrder(Group group) {
        if (group.subgroups == 0) {
            // Flat: the direct members are the members, each once.
            List<User> users = new ArrayList<>(group.members.size());
            for (Member m : group.members) {
                users.add((User) m);
            }
            return users;
        }
        List<User> users = new ArrayList<>();
        Set<User> listed = new HashSet<>();
        Set<Group> visited = new HashSet<>();
        visited.add(group);
        ArrayDeque<Iterator<Member>> walk = new ArrayDeque<>();
        walk.push(group.members.iterator());
        while (!walk.isEmpty()) {
            Iterator<Member> it = walk.peek();
            if (!it.hasNext()) {
                walk.pop();
                continue;
            }
            Member m = it.next();
            if (m instanceof User u) {
                if (listed.add(u)) {
                    users.add(u);
                }
            } else if (m instanceof Group sub && visited.add(sub)) {
                walk.push(sub.members.iterator());
            }
        }
        return users;
    }

    /** The groups themselves and every group they are members of, directly or through others. */
    static Set<Group> withAncestors(Collection<Group> groups) {
        Set<Group> reached = new LinkedHashSet<>(groups);
        ArrayDeque<Group> todo = null;
        for (Group g : groups) {
            if (g.hasParents()) {
                if (todo == null) {
                    todo = new ArrayDeque<>();
                }
                todo.add(g);
            }
        }
        while (todo != null && !todo.isEmpty()) {
            for (Group parent : todo.poll().parents()) {
                if (reached.add(parent) && parent.hasParents()) {
                    todo.add(parent);
                }
            }
        }
        return reached;
    }

    static Set<Group> withAncestors(Group group) {
        return group.hasParents() ? withAncestors(List.of(group)) : Set.of(group);
    }

    /** Every group the user is a member of, directly or through subgroups. */
    static Set<Group> groupsOf(User user) {
        return withAncestors(user.groups);
    }

    /**
     * One way the user is a member of the group, as the chain of groups from one the user is a
     * direct member of up to {@code group} (a single element when it is a direct member); empty when
     * it is not a member. The shortest chain, ties broken by group id, so the answer is stable.
     */
    static List<Group> path(User user, Group group) {
        Map<Group, Group> childOf = new HashMap<>();
        ArrayDeque<Group> todo = new ArrayDeque<>();
        user.groups.stream().sorted((a, b) -> a.id.compareTo(b.id)).forEach(g -> {
            childOf.put(g, null);
            todo.add(g);
        });
        while (!todo.isEmpty()) {
            Group g = todo.poll();
            if (g == group) {
                List<Group> chain = new ArrayList<>();
                for (Group step = g; step != null; step = childOf.get(step)) {
                    chain.add(0, step);
                }
                return chain;
            }
            g.parents().stream().sorted((a, b) -> a.id.compareTo(b.id)).forEach(p -> {
                if (!childOf.containsKey(p)) {
                    childOf.put(p, g);
                    todo.add(p);
                }
            });
        }
        return List.of();
    }
}
