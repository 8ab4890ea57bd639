package dev.seatflow.reconciler.shell;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per interval saying what the service did in it, so a healthy service shows in its log without a
 * line per event (per transaction there is a DEBUG line). The numbers come from {@link ServiceStatus}, on a daemon
 * thread of its own: the loop never waits for the log.
 *
 * <pre>
 * summary 60.0s: consumed=1200 rejected=0 produced=3400 commits=48 meanCommitMs=3.1 lag=0 partitions=[0, 1, 2] ready=true
 * </pre>
 *
 * Counts are for the interval; {@code lag} is the records behind the end of the inputs now, summed over the assigned
 * partitions. In JSON logs each number is also a key-value pair of the event ({@code kvpList}).
 */
public final class SummaryLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SummaryLog.class);

    private final ServiceStatus status;
    private final ScheduledExecutorService timer;
    private Totals last;
    private long lastNanos;

    /** Counters at one moment; a summary is the difference of two. */
    record Totals(long consumed, long rejected, long produced, long commits, long commitNanos) {
        static Totals of(ServiceStatus s) {
            return new Totals(s.consumed(), s.rejected(), s.produced(), s.commits(), s.commitNanos());
        }
    }

    SummaryLog(ServiceStatus status, long nowNanos) {
        this(status, nowNanos, null);
    }

    private SummaryLog(ServiceStatus status, long nowNanos, ScheduledExecutorService timer) {
        this.status = status;
        this.timer = timer;
        this.last = Totals.of(status);
        this.lastNanos = nowNanos;
    }

    /** Logs a summary every {@code intervalMs} until closed; 0 logs none. */
    public static SummaryLog start(ServiceStatus status, long intervalMs) {
        if (intervalMs <= 0) {
            return new SummaryLog(status, System.nanoTime(), null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "seatflow-summary");
            t.setDaemon(true);
            return t;
        });
        SummaryLog summary = new SummaryLog(status, System.nanoTime(), timer);
        timer.scheduleAtFixedRate(summary::logSummary, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        return summary;
    }

    private void logSummary() {
        try {
            Totals now = Totals.of(status);
            long nanos = System.nanoTime();
            long lag = lag();
            String line = summarize(now, nanos, lag);
            Totals d = difference(now);
            log.atInfo().setMessage(line)
                    .addKeyValue("consumed", d.consumed()).addKeyValue("rejected", d.rejected())
                    .addKeyValue("produced", d.produced()).addKeyValue("commits", d.commits())
                    .addKeyValue("meanCommitMs", Math.round(meanCommitMs(d) * 10) / 10.0).addKeyValue("lag", lag)
                    .addKeyValue("partitions", status.assignedPartitions().size())
                    .addKeyValue("ready", status.isReady()).log();
            advance(now, nanos);
        } catch (RuntimeException e) {
            // A summary is never worth stopping the timer (and every later summary) for.
            log.debug("summary failed: {}", e.toString());
        }
    }

    /** The summary line of the interval from the last summary to now; the next one starts from now. */
    String summarize(long nowNanos) {
        Totals now = Totals.of(status);
        String line = summarize(now, nowNanos, lag());
        advance(now, nowNanos);
        return line;
    }

    private String summarize(Totals now, long nowNanos, long lag) {
        Totals d = difference(now);
        return String.format(Locale.ROOT,
                "summary %.1fs: consumed=%d rejected=%d produced=%d commits=%d meanCommitMs=%.1f lag=%d partitions=%s "
                        + "ready=%s", (nowNanos - lastNanos) / 1e9, d.consumed(), d.rejected(), d.produced(),
                d.commits(), meanCommitMs(d), lag, status.assignedPartitions().stream().sorted().toList(),
                status.isReady());
    }

    private Totals difference(Totals now) {
        return new Totals(now.consumed() - last.consumed(), now.rejected() - last.rejected(),
                now.produced() - last.produced(), now.commits() - last.commits(), now.commitNanos() - last.commitNanos());
    }

    private void advance(Totals now, long nowNanos) {
        last = now;
        lastNanos = nowNanos;
    }

    private static double meanCommitMs(Totals d) {
        return d.commits() == 0 ? 0 : d.commitNanos() / 1e6 / d.commits();
    }

    private long lag() {
        return status.lag().values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
