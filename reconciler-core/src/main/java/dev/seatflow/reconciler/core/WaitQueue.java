package dev.seatflow.reconciler.core;

import java.util.Comparator;
import java.util.Iterator;
import java.util.TreeSet;

/**
 * Waiting users in position order (rule 3). A SKU keeps one per seat pool and one for users
 * without a pool, so serving looks at a few queue heads, never at every waiter.
 */
final class WaitQueue implements Iterable<Entitlement> {
    static final Comparator<Entitlement> BY_POSITION = Comparator.comparingLong(e -> e.position);

    private final TreeSet<Entitlement> waiting = new TreeSet<>(BY_POSITION);

    void add(Entitlement e) {
        waiting.add(e);
    }

    void remove(Entitlement e) {
        waiting.remove(e);
    }

    /** The first in line, or null. */
    Entitlement first() {
        return waiting.isEmpty() ? null : waiting.first();
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    int size() {
        return waiting.size();
    }

    /** How many came before {@code e} (which need not be in this queue). */
    int ahead(Entitlement e) {
        return waiting.headSet(e, false).size();
    }

    @Override
    public Iterator<Entitlement> iterator() {
        return waiting.iterator();
    }
}
