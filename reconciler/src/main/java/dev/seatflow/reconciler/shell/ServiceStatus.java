package dev.seatflow.reconciler.shell;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/** What the loop reports about itself, read by health checks, metrics and tests from other threads. */
public final class ServiceStatus {
    final AtomicLong consumed = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong produced = new AtomicLong();
    final AtomicLong commits = new AtomicLong();
    final AtomicLong committedEvents = new AtomicLong();
    final AtomicLong commitNanos = new AtomicLong();
    final AtomicLong restoredRecords = new AtomicLong();
    private volatile boolean ready;
    private volatile Set<Integer> assigned = Set.of();

    public boolean isReady() {
        return ready;
    }

    void setReady(boolean ready) {
        this.ready = ready;
    }

    void setAssigned(Set<Integer> partitions) {
        this.assigned = Set.copyOf(new TreeSet<>(partitions));
    }

    void committed(int events, long nanos) {
        commits.incrementAndGet();
        committedEvents.addAndGet(events);
        commitNanos.addAndGet(nanos);
    }

    void restoredRecords(long n) {
        restoredRecords.set(n);
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

    public long commits() {
        return commits.get();
    }

    public long committedEvents() {
        return committedEvents.get();
    }
}
