package dev.seatflow.reconciler.core;

import dev.seatflow.reconciler.core.StateRecord.SeenBlock;
import it.unimi.dsi.fastutil.objects.Object2LongOpenHashMap;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.TreeMap;

/**
 * The deduplication window of one tenant: the last {@code capacity} distinct {@code source} +
 * {@code id} pairs it accepted. An at-least-once producer that sends an event again within the
 * window cannot apply it twice.
 *
 * <p><b>Durable as a ring of blocks.</b> Accepted events are numbered in order ({@code seq}); block
 * {@code k} holds the events {@code k * blockSize} up to {@code (k + 1) * blockSize - 1} and is
 * written as one {@link SeenBlock} record keyed by its slot {@code k mod slots}. Every accepted event
 * rewrites the record of its block, so a transaction of many events rewrites a few keys (the
 * shell keeps the last record per key), and a new block overwrites the one of the block it evicts:
 * no tombstones, and compaction keeps at most {@code slots} records. With {@code slots =
 * ceil(capacity / blockSize) + 1}, the blocks before the newest one always hold the last
 * {@code capacity} events. Since a block is rewritten by every event, it also carries the tenant's
 * counters as that event left them ({@link #blockRecord}).
 */
final class SeenEvents {
    /** Events per block at most: a record of 32 ids is about 2 KB, and a full transaction of events rewrites 1/32 key per event. */
    static final int BLOCK = 32;

    private final int capacity;
    private final int blockSize;
    /** Per slot, the block record last written (or restored); null while unused. */
    private final SeenBlock[] slots;
    /** The events of the newest block, appended in place: a record's view never sees a later slot change. */
    private EventKey[] current;
    private long currentFirst;
    /**
     * Exactly the window: event -> acceptance sequence. Open addressing, no entry object or boxed
     * sequence. Most look-ups are of an event not in it, which probes until an empty slot, reading
     * every key on the way (each a cache miss): filled at most half, a probe ends after about two
     * slots (at the default 0.75, eight).
     */
    private final Object2LongOpenHashMap<EventKey> window;
    long nextSeq;

    /** Records read back by a restore, until {@link #finishRestore}. */
    private List<SeenBlock> restoredBlocks;
    private TreeMap<Long, EventKey> restoredSingles;

    SeenEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the dedup window must hold at least one event, was " + capacity);
        }
        this.capacity = capacity;
        this.blockSize = Math.min(BLOCK, capacity);
        this.slots = new SeenBlock[(capacity + blockSize - 1) / blockSize + 1];
        this.window = new Object2LongOpenHashMap<>(Math.min(capacity, 1024), 0.5f);
    }

    boolean contains(EventKey event) {
        return window.containsKey(event);
    }

    /** Records an accepted event and evicts the one that leaves the window. */
    void accept(EventKey event) {
        long seq = nextSeq++;
        if (seq >= capacity) {
            EventKey evicted = entry(seq - capacity);
            if (evicted != null) {
                window.removeLong(evicted);
            }
        }
        window.put(event, seq);
        if (seq % blockSize == 0 || current == null) {
            current = new EventKey[blockSize];
            currentFirst = seq;
        }
        current[(int) (seq - currentFirst)] = event;
    }

    /**
     * The changelog record of the newest block, with the counters as the event being applied leaves
     * them: made once the event is applied, so that a restore can take the counters from the newest
     * block instead of a record of their own that every event would rewrite.
     */
    SeenBlock blockRecord(long nextPosition, long nextJoin) {
        long last = nextSeq - 1;
        SeenBlock record = new SeenBlock(slot(last), currentFirst, new Filled(current, (int) (last - currentFirst + 1)),
                nextPosition, nextJoin);
        slots[record.slot()] = record;
        return record;
    }

    private int slot(long seq) {
        return (int) ((seq / blockSize) % slots.length);
    }

    /** The event accepted as {@code seq}, or null when no block holds it. */
    private EventKey entry(long seq) {
        SeenBlock block = slots[slot(seq)];
        if (block == null || seq < block.firstSeq() || seq >= block.firstSeq() + block.events().size()) {
            return null;
        }
        return block.events().get((int) (seq - block.firstSeq()));
    }

    /** Every block record the window needs, for a snapshot. */
    List<SeenBlock> records() {
        List<SeenBlock> records = new ArrayList<>(slots.length);
        for (SeenBlock b : slots) {
            if (b != null) {
                records.add(b);
            }
        }
        return records;
    }

    // ---- restore ------------------------------------------------------------------------------

    /** Restore: block records arrive in any order; {@link #finishRestore} rebuilds the window. */
    void restore(SeenBlock block) {
        if (restoredBlocks == null) {
            restoredBlocks = new ArrayList<>();
        }
        restoredBlocks.add(block);
    }

    /** Restore of a window entry written one record per event, before blocks existed. */
    void restore(EventKey event, long seq) {
        if (restoredSingles == null) {
            restoredSingles = new TreeMap<>();
        }
        restoredSingles.put(seq, event);
    }

    /**
     * Rebuilds the window from whatever was restored (blocks, single entries of older changelogs,
     * or both; another capacity or block size than today's too): the last {@code capacity} known
     * events, and the blocks as today's layout keys them. Records of this layout are kept as they
     * are, so a restored window writes and snapshots exactly what the live one would.
     */
    void finishRestore() {
        TreeMap<Long, EventKey> known = restoredSingles == null ? new TreeMap<>() : restoredSingles;
        if (restoredBlocks != null) {
            for (SeenBlock b : restoredBlocks) {
                for (int i = 0; i < b.events().size(); i++) {
                    known.put(b.firstSeq() + i, b.events().get(i));
                }
                if (ofThisLayout(b) && (slots[b.slot()] == null || slots[b.slot()].firstSeq() < b.firstSeq())) {
                    slots[b.slot()] = b;
                }
            }
        }
        if (!known.isEmpty()) {
            nextSeq = Math.max(nextSeq, known.lastKey() + 1);
        }
        long windowStart = Math.max(0, nextSeq - capacity);
        // Each block of the window as a record of this layout: the restored one when it holds every
        // known event of the block that is in the window, else one made from the known events
        // (an older changelog, another capacity): from the first known one of the block in the
        // window, without a gap.
        if (nextSeq > 0) {
            for (long k = windowStart / blockSize; k <= (nextSeq - 1) / blockSize; k++) {
                int slot = (int) (k % slots.length);
                Long firstKnown = known.ceilingKey(Math.max(k * blockSize, windowStart));
                if (firstKnown == null || firstKnown >= (k + 1) * blockSize) {
                    continue;
                }
                long first = firstKnown;
                long end = first;
                while (end < (k + 1) * blockSize && known.containsKey(end)) {
                    end++;
                }
                SeenBlock have = slots[slot];
                if (have != null && have.firstSeq() / blockSize == k && have.firstSeq() <= first
                        && have.firstSeq() + have.events().size() >= end) {
                    continue;
                }
                slots[slot] = new SeenBlock(slot, first, List.copyOf(known.subMap(first, end).values()), 0, 0);
            }
        }
        // The window is what the records hold of it, so that every event in it is found again when
        // it is evicted (one that no record holds would stay forever).
        for (SeenBlock b : slots) {
            if (b == null) {
                continue;
            }
            for (int i = 0; i < b.events().size(); i++) {
                long seq = b.firstSeq() + i;
                if (seq >= windowStart && seq < nextSeq) {
                    window.put(b.events().get(i), seq);
                }
            }
        }
        // The newest block, if not full, goes on filling in place.
        long last = nextSeq - 1;
        SeenBlock newest = last < 0 ? null : slots[slot(last)];
        if (newest != null && (nextSeq % blockSize) != 0 && newest.firstSeq() + newest.events().size() == nextSeq) {
            current = newest.events().toArray(new EventKey[blockSize]);
            currentFirst = newest.firstSeq();
        } else {
            // The next event starts a block (unaligned when events are missing: it ends where its
            // block ends). A record of that block with a gap before the newest event (no changelog
            // of either layout has one) would be overwritten, and its events never evicted: drop it.
            if (newest != null && nextSeq % blockSize != 0 && newest.firstSeq() / blockSize == last / blockSize) {
                newest.events().forEach(window::removeLong);
                slots[slot(last)] = null;
            }
            current = null;
        }
        restoredBlocks = null;
        restoredSingles = null;
    }

    /** A record this window would have written: its events within one block, under that block's slot. */
    private boolean ofThisLayout(SeenBlock b) {
        long first = b.firstSeq();
        int n = b.events().size();
        return n > 0 && n <= blockSize && first / blockSize == (first + n - 1) / blockSize && b.slot() == slot(first);
    }

    int size() {
        return window.size();
    }

    /**
     * The first {@code size} events of a block: a read-only view of the array the block is filled in.
     * Those events never change, so the view is as good as a copy, without copying on every event.
     */
    private static final class Filled extends AbstractList<EventKey> implements RandomAccess {
        private final EventKey[] events;
        private final int size;

        Filled(EventKey[] events, int size) {
            this.events = events;
            this.size = size;
        }

        @Override
        public EventKey get(int index) {
            Objects.checkIndex(index, size);
            return events[index];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
