package dev.seatflow.reconciler.core;

import java.util.Objects;

/**
 * What identifies an input event (CloudEvents): its {@code source} and {@code id}. The same id from
 * another source is another event. The dedup window holds these ({@link StateRecord.SeenBlock}).
 *
 * <p>A value class rather than a record only to keep its hash: the window evicts an event accepted
 * thousands of events ago, and a record would recompute the hash from both strings, two more
 * cache misses on every event.
 */
public final class EventKey {
    private final String source;
    private final String id;
    private final int hash;

    public EventKey(String source, String id) {
        this.source = source;
        this.id = id;
        this.hash = 31 * Objects.hashCode(source) + Objects.hashCode(id);
    }

    public String source() {
        return source;
    }

    public String id() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof EventKey k && hash == k.hash && Objects.equals(id, k.id)
                && Objects.equals(source, k.source));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "EventKey[source=" + source + ", id=" + id + "]";
    }
}
