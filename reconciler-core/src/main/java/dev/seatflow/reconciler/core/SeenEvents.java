package dev.seatflow.reconciler.core;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deduplication window of one tenant: the last {@code capacity} distinct {@code source} +
 * {@code id} pairs it accepted, oldest first. An at-least-once producer that sends an event again
 * within the window cannot apply it twice.
 */
final class SeenEvents {
    private final int capacity;
    /** event -> acceptance sequence, in acceptance order. */
    private final LinkedHashMap<EventId, Long> window = new LinkedHashMap<>();
    long nextSeq;

    SeenEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the dedup window must hold at least one event, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** What identifies an event (CloudEvents): its source and id. */
    record EventId(String source, String id) {
    }

    boolean contains(EventId event) {
        return window.containsKey(event);
    }

    /** Records an accepted event and evicts the oldest beyond capacity; its record takes the evicted one's slot. */
    void accept(EventId event, List<StateRecord> changelog) {
        long seq = nextSeq++;
        window.put(event, seq);
        changelog.add(record(event, seq));
        Iterator<EventId> oldest = window.keySet().iterator();
        while (window.size() > capacity) {
            oldest.next();
            oldest.remove();
        }
    }

    /** The changelog record of a window entry: entry {@code seq} lives in slot {@code seq mod capacity}. */
    StateRecord.SeenEvent record(EventId event, long seq) {
        return new StateRecord.SeenEvent((int) (seq % capacity), event.source(), event.id(), seq);
    }

    /** Restore: records arrive in any order; {@link #finishRestore} puts them in acceptance order. */
    void restore(EventId event, long seq) {
        window.put(event, seq);
    }

    void finishRestore() {
        List<Map.Entry<EventId, Long>> entries = List.copyOf(window.entrySet());
        window.clear();
        entries.stream()
                .sorted(Map.Entry.comparingByValue())
                .forEach(e -> window.put(e.getKey(), e.getValue()));
        // A shrunken window after a configuration change applies on restore too (and the records of
        // the slots beyond it are never overwritten again: at most the old capacity, ignored here).
        Iterator<EventId> oldest = window.keySet().iterator();
        while (window.size() > capacity) {
            oldest.next();
            oldest.remove();
        }
    }

    /** The window, oldest first: event key -> acceptance sequence. */
    Map<EventId, Long> entries() {
        return java.util.Collections.unmodifiableMap(window);
    }

    int size() {
        return window.size();
    }
}
