package dev.seatflow.reconciler.core;

/** A direct member of a group: a user, or (v2, nested groups) another group. */
sealed interface Member permits User, Group {
    String id();
}
