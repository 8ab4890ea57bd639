package dev.seatflow.reconciler.core;

import dev.seatflow.events.UserType;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/** A directory user as the reconciler knows it: attributes, direct memberships and entitlements by SKU. */
final class User implements Member {
    final String id;
    /** False for a user never upserted (or deleted since): then it is a Member with no usage location. */
    boolean upserted;
    String usageLocation;
    UserType type = UserType.Member;
    /** The groups this user is a direct member of; the groups above them come from {@link Nesting}. */
    final Set<Group> groups = new HashSet<>(4);
    /** Sorted by SKU id, so every walk over a user's entitlements has one deterministic order. */
    final TreeMap<String, Entitlement> entitlements = new TreeMap<>();

    User(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** Nothing refers to this user any more: it can be forgotten without changing any outcome. */
    boolean isVacant() {
        return !upserted && groups.isEmpty() && entitlements.isEmpty();
    }

    @Override
    public String toString() {
        return id;
    }
}
