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
    /** event key -> acceptance sequence, in acceptance order. */
    private final LinkedHashMap<String, Long> window = new LinkedHashMap<>();
    long nextSeq;

    SeenEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the dedup window must hold at least one event, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * The key of an event: the length prefix keeps ("a/b", "c") and ("a", "b/c") apart.
     */
    static String keyOf(String source, String id) {
        return source.length() + ":" + source + id;
    }

    boolean contains(String key) {
        return window.containsKey(key);
    }

    /** Records an accepted event and evicts the oldest beyond capacity, describing both as records. */
    void accept(String key, List<StateRecord> changelog) {
        long seq = nextSeq++;
        window.put(key, seq);
        changelog.add(new StateRecord.SeenEvent(key, seq));
        Iterator<Map.Entry<String, Long>> oldest = window.entrySet().iterator();
        while (window.size() > capacity) {
            String evicted = oldest.next().getKey();
            oldest.remove();
            changelog.add(new StateRecord.SeenEventEvicted(evicted));
        }
    }

    /** Restore: records arrive in any order; {@link #finishRestore} puts them in acceptance order. */
    void restore(String key, long seq) {
        window.put(key, seq);
    }

    void forget(String key) {
        window.remove(key);
    }

    void finishRestore() {
        List<Map.Entry<String, Long>> entries = List.copyOf(window.entrySet());
        window.clear();
        entries.stream()
                .sorted(Map.Entry.comparingByValue())
                .forEach(e -> window.put(e.getKey(), e.getValue()));
        // A shrunken window after a configuration change applies on restore too.
        Iterator<String> oldest = window.keySet().iterator();
        while (window.size() > capacity) {
            oldest.next();
            oldest.remove();
        }
    }

    /** The window, oldest first: event key -> acceptance sequence. */
    Map<String, Long> entries() {
        return java.util.Collections.unmodifiableMap(window);
    }

    int size() {
        return window.size();
    }
}
