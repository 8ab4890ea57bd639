package dev.seatflow.reconciler.core;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeMap;

/** A directory group: members in join order and the licenses assigned to it. */
final class Group {
    final String id;
    /** Join order is the order in which a group license queues its members (rule 3). */
    final LinkedHashSet<User> members = new LinkedHashSet<>();
    /** SKU id -> disabledPlans, sorted by SKU id. */
    final TreeMap<String, List<String>> licenses = new TreeMap<>();

    Group(String id) {
        this.id = id;
    }

    boolean isVacant() {
        return members.isEmpty() && licenses.isEmpty();
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
