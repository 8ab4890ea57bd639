package dev.seatflow.reconciler.core;

import it.unimi.dsi.fastutil.longs.Long2ObjectRBTreeMap;
import java.util.Comparator;
import java.util.Iterator;

/**
 * Waiting users in position order (rule 3). A SKU keeps one per seat pool, one for users without a
 * pool and one for blocked users, so serving looks at a few queue heads, never at every waiter.
 *
 * <p>Keyed by the position itself (positions are unique in a tenant): a search compares the
 * longs in the tree's nodes and never reads an entitlement, which halves the cache misses of a
 * walk down a tree of 100,000 waiters.
 */
final class WaitQueue implements Iterable<Entitlement> {
    static final Comparator<Entitlement> BY_POSITION = Comparator.comparingLong(e -> e.position);

    private final Long2ObjectRBTreeMap<Entitlement> waiting = new Long2ObjectRBTreeMap<>();

    void add(Entitlement e) {
        waiting.put(e.position, e);
    }

    void remove(Entitlement e) {
        waiting.remove(e.position);
    }

    /** The first in line, or null. The tree keeps its first entry: no walk from the root (serving asks often). */
    Entitlement first() {
        return waiting.isEmpty() ? null : waiting.long2ObjectEntrySet().first().getValue();
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    int size() {
        return waiting.size();
    }

    /** How many came before {@code e} (which need not be in this queue). */
    int ahead(Entitlement e) {
        return waiting.headMap(e.position).size();
    }

    @Override
    public Iterator<Entitlement> iterator() {
        return waiting.values().iterator();
    }
}
