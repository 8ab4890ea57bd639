package dev.seatflow.reconciler.shell;

import dev.seatflow.events.AlertEvent;
import dev.seatflow.events.GroupStatus;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.reconciler.core.Waiter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the loop reports about itself, read by health checks, metrics and tests from other threads. */
public final class ServiceStatus {
    final AtomicLong consumed = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong produced = new AtomicLong();
    final AtomicLong alerts = new AtomicLong();
    final AtomicLong commits = new AtomicLong();
    final AtomicLong committedEvents = new AtomicLong();
    final AtomicLong commitNanos = new AtomicLong();
    final AtomicLong restoredRecords = new AtomicLong();
    /** How long without an answer from Kafka the service stays ready. */
    public static final long CONTACT_WINDOW_MS = 5_000;
    private volatile Phase phase = Phase.STARTING;
    private volatile long lastContactNanos = System.nanoTime();
    /** tenant/sku -> the committed row and how many of its waiters are queued. */
    private final Map<String, SkuSnapshot> skus = new ConcurrentHashMap<>();
    /** tenant/group -> the committed group-status row (v2). */
    private final Map<String, GroupSnapshot> groups = new ConcurrentHashMap<>();
    /** "topic-partition" -> records behind the end, as the consumer last saw it. */
    private final Map<String, Long> lag = new ConcurrentHashMap<>();

    /** The newest committed change events, newest last; bounded, for the dashboard. */
    private final Deque<OutboundEvent> latest = new ArrayDeque<>();
    /** The newest committed alert events, newest last; bounded, for the dashboard. */
    private final Deque<AlertEvent> latestAlerts = new ArrayDeque<>();
    private volatile String instanceId = "";

    /** How many change events {@link #latest()} keeps. */
    public static final int LATEST = 50;
    /** How many waiting users a {@link SkuSnapshot} lists. */
    public static final int QUEUE_SHOWN = 100;

    /**
     * A SKU's committed seats row, with its waiting users split into queued and blocked, and the
     * first {@link #QUEUE_SHOWN} of them in line.
     */
    public record SkuSnapshot(int partition, SeatsRow row, int queued, List<Waiter> queue) {
        public int blocked() {
            return row.waiting() - queued;
        }
    }

    /** A group's committed status row (v2), and the partition whose instance reports it. */
    public record GroupSnapshot(int partition, GroupStatus row) {
    }

    public String instanceId() {
        return instanceId;
    }

    void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    /** Keeps the newest of a committed transaction's change events, oldest first. */
    void outputsCommitted(List<OutboundEvent> outputs) {
        synchronized (latest) {
            for (OutboundEvent o : outputs) {
                latest.addLast(o);
                if (latest.size() > LATEST) {
                    latest.removeFirst();
                }
            }
        }
    }

    /** Keeps the newest of a committed transaction's alert events, oldest first. */
    void alertsCommitted(List<AlertEvent> committed) {
        synchronized (latestAlerts) {
            for (AlertEvent a : committed) {
                latestAlerts.addLast(a);
                if (latestAlerts.size() > LATEST) {
                    latestAlerts.removeFirst();
                }
            }
        }
    }

    /** The newest committed alert events, newest first. */
    public List<AlertEvent> latestAlerts() {
        synchronized (latestAlerts) {
            List<AlertEvent> newestFirst = new ArrayList<>(latestAlerts);
            Collections.reverse(newestFirst);
            return newestFirst;
        }
    }

    /** The newest committed change events, newest first. */
    public List<OutboundEvent> latest() {
        synchronized (latest) {
            List<OutboundEvent> newestFirst = new ArrayList<>(latest);
            Collections.reverse(newestFirst);
            return newestFirst;
        }
    }
    private volatile Set<Integer> assigned = Set.of();

    /** What the loop is doing. Only {@link Phase#RUNNING} can be ready. */
    public enum Phase {
        STARTING("starting"),
        RESTORING("restoring state from the changelog"),
        RUNNING("running"),
        RECOVERING("recovering: rolling back to the last commit"),
        STOPPED("stopped");

        private final String description;

        Phase(String description) {
            this.description = description;
        }
    }

    /**
     * Ready: running, and Kafka answered within the last {@value #CONTACT_WINDOW_MS} ms (a commit, a fetch with
     * records, or the loop's own check when idle). Computed when asked, so a loop blocked on a broker that has gone
     * away turns not-ready by itself.
     */
    public boolean isReady() {
        return notReadyBecause() == null;
    }

    /** Why the service is not ready, in words, or null when it is. */
    public String notReadyBecause() {
        Phase p = phase;
        if (p != Phase.RUNNING) {
            return p.description;
        }
        long silentMs = (System.nanoTime() - lastContactNanos) / 1_000_000;
        return silentMs < CONTACT_WINDOW_MS ? null : "no answer from Kafka for " + silentMs / 1000 + " s";
    }

    public Phase phase() {
        return phase;
    }

    void phase(Phase phase) {
        this.phase = phase;
    }

    /** Kafka answered just now. */
    void contact() {
        lastContactNanos = System.nanoTime();
    }

    /** Milliseconds since Kafka last answered. */
    long sinceContactMs() {
        return (System.nanoTime() - lastContactNanos) / 1_000_000;
    }

    void setAssigned(Set<Integer> partitions) {
        this.assigned = Collections.unmodifiableSortedSet(new TreeSet<>(partitions));
    }

    void committed(int events, long nanos) {
        commits.incrementAndGet();
        committedEvents.addAndGet(events);
        commitNanos.addAndGet(nanos);
    }

    void restoredRecords(long n) {
        restoredRecords.set(n);
    }

    void seatsCommitted(String key, SkuSnapshot snapshot) {
        if (snapshot == null) {
            skus.remove(key);
        } else {
            skus.put(key, snapshot);
        }
    }

    void groupCommitted(String key, GroupSnapshot snapshot) {
        if (snapshot == null) {
            groups.remove(key);
        } else {
            groups.put(key, snapshot);
        }
    }

    void lag(String topicPartition, long records) {
        lag.put(topicPartition, records);
    }

    void forgetPartitions(Set<Integer> partitions) {
        lag.keySet().removeIf(tp -> partitions.contains(Integer.parseInt(tp.substring(tp.lastIndexOf('-') + 1))));
        skus.values().removeIf(s -> partitions.contains(s.partition())); // their new owner reports them now
        groups.values().removeIf(g -> partitions.contains(g.partition()));
    }

    public Map<String, SkuSnapshot> skus() {
        return Map.copyOf(skus);
    }

    public Map<String, GroupSnapshot> groups() {
        return Map.copyOf(groups);
    }

    public Map<String, Long> lag() {
        return Map.copyOf(lag);
    }

    public long restoredRecords() {
        return restoredRecords.get();
    }

    public long commitNanos() {
        return commitNanos.get();
    }

    public Set<Integer> assignedPartitions() {
        return assigned;
    }

    public long consumed() {
        return consumed.get();
    }

    public long rejected() {
        return rejected.get();
    }

    public long produced() {
        return produced.get();
    }

    /** Alert events produced (v2). */
    public long alertsProduced() {
        return alerts.get();
    }

    public long commits() {
        return commits.get();
    }

    public long committedEvents() {
        return committedEvents.get();
    }
}
