package dev.seatflow.bench.e2e;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency from input to visible output at a fixed offered rate: a membership churn over the
 * loaded directory (each membership in turn removed, then added back) is published at a steady
 * rate, and a read_committed consumer of {@code licensing.assignments} notes when the first change
 * event of each input becomes visible.
 *
 * <p>An input's clock starts when it is handed to the producer (an upper bound on its append time),
 * and stops when the watcher's poll returns its first output. Only inputs that touch a license have
 * outputs, ~12% of the churn; all of them are measured, except during a warm-up at the same rate
 * first (the report gives the warm-up's worst latency too): the bench runs this on the service it
 * has just restarted, and for the first 10 to 20 s after a restore of a million memberships the
 * collector is still clearing the restore's garbage while the reconciler catches up.
 */
final class LatencyProbe {
    /**
     * {@code sent}, {@code measured} and the percentiles are of the measured period, after the
     * warm-up; {@code warmUpMaxMs} is the worst latency during the warm-up; {@code backlogAtEnd}:
     * inputs sent but not yet committed when the last one was sent (0 if keeping up).
     */
    record Latency(double offeredPerSecond, long sent, long measured, long missing, double p50Ms, double p99Ms,
            double maxMs, double warmUpMaxMs, long backlogAtEnd) {
    }

    private LatencyProbe() {
    }

    @SuppressWarnings("try") // the watcher watches while the block runs; closing it is the point
    static Latency run(Deployment d, String reconcilerGroup, SyntheticDirectory directory, double perSecond,
            Duration warmUp, Duration duration) throws Exception {
        int warmUpInputs = (int) (perSecond * warmUp.toNanos() / 1e9);
        int total = warmUpInputs + (int) Math.max(1, perSecond * duration.toNanos() / 1e9);
        AtomicLongArray sentAt = new AtomicLongArray(total);
        AtomicLongArray latency = new AtomicLongArray(total);
        long expected = 0;
        long backlog;
        long committedBefore = d.committed(reconcilerGroup);
        try (OutputWatcher watcher = new OutputWatcher(d, (cause, now) -> {
                    if (cause.startsWith("c-")) {
                        int n = Integer.parseInt(cause, 2, cause.length(), 10);
                        if (n < total && sentAt.get(n) != 0) {
                            latency.compareAndSet(n, 0, Math.max(1, now - sentAt.get(n)));
                        }
                    }
                });
                InputPublisher publisher = new InputPublisher(d, 0)) {
            long start = System.nanoTime();
            int sent = 0;
            while (sent < total) {
                long due = Math.min(total, (long) ((System.nanoTime() - start) * perSecond / 1e9) + 1);
                while (sent < due) {
                    if (directory.churnTouchesLicense(sent)) {
                        sentAt.set(sent, System.nanoTime());
                        expected++;
                    }
                    publisher.send(directory.churn(sent), System.currentTimeMillis());
                    sent++;
                }
                LockSupport.parkNanos(200_000);
            }
            publisher.flush();
            backlog = total - (d.committed(reconcilerGroup) - committedBefore);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && seen(latency) < expected) {
                Thread.sleep(20);
            }
        }
        String dump = System.getProperty("seatflow.bench.latency.dump");
        if (dump != null) { // diagnostics: when each measured input was sent (ms into the run) and its latency
            StringBuilder lines = new StringBuilder();
            long first = sentAt.length() > warmUpInputs ? sentAt.get(warmUpInputs) : 0;
            for (int i = 0; i < total; i++) {
                if (latency.get(i) > 0) {
                    lines.append((sentAt.get(i) - first) / 1_000_000).append(' ').append(latency.get(i) / 1_000_000)
                            .append('\n');
                }
            }
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(dump), lines);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        long warmUpMax = 0;
        for (int i = 0; i < warmUpInputs; i++) {
            warmUpMax = Math.max(warmUpMax, latency.get(i));
        }
        long[] measured = new long[total - warmUpInputs];
        int m = 0;
        long missing = 0;
        for (int i = warmUpInputs; i < total; i++) {
            if (latency.get(i) > 0) {
                measured[m++] = latency.get(i);
            } else if (sentAt.get(i) != 0) {
                missing++;
            }
        }
        long[] sorted = Arrays.copyOf(measured, m);
        Arrays.sort(sorted);
        return new Latency(perSecond, total - warmUpInputs, m, missing, percentileMs(sorted, 0.50),
                percentileMs(sorted, 0.99), m == 0 ? Double.NaN : sorted[m - 1] / 1e6, warmUpMax / 1e6, backlog);
    }

    private static long seen(AtomicLongArray latency) {
        long n = 0;
        for (int i = 0; i < latency.length(); i++) {
            if (latency.get(i) > 0) {
                n++;
            }
        }
        return n;
    }

    /** Nearest-rank percentile. */
    static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
