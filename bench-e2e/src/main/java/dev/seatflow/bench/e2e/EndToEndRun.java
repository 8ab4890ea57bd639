package dev.seatflow.bench.e2e;

import dev.seatflow.kafka.BrokerProcess;
import dev.seatflow.reconciler.shell.ReconcilerService;
import dev.seatflow.reconciler.shell.Settings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One whole bench run, phase by phase, on one deployment:
 * <ol>
 *   <li>heap per membership: the directory loaded into a bare {@code Reconciler}, full GCs around it;</li>
 *   <li>the input: the directory's events published to the input topics before anything reads them;</li>
 *   <li>the reconciler (the real {@link ReconcilerService}) works through it: sustained events/s;</li>
 *   <li>the baseline pipe works through the same input, writing the same number and size of outputs;</li>
 *   <li>restore: the service started again on its changelog, timed until ready;</li>
 *   <li>on the restarted service: latency at 50% of the reconciler's rate (after a warm-up at that
 *       rate), then fan-out.</li>
 * </ol>
 */
final class EndToEndRun {
    /** What a run is asked to do; the defaults are the sizes. */
    record Options(String bootstrapServers, long memberships, int tenants, int partitions, int fanOutMembers,
            Duration latencyWarmUp, Duration latencyDuration, double load, long seed, long commitIntervalMs, Map<String, String> kafka,
            String brokerHeap, Duration patience) {
    }

    private final Options options;
    private final PrintStream log;
    private final long startedAt = System.nanoTime();

    EndToEndRun(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    BenchReport run() throws Exception {
        progress("generating a directory of ~%,d memberships in %d tenants", options.memberships(), options.tenants());
        SyntheticDirectory directory = SyntheticDirectory.generate(options.seed(), options.memberships(),
                options.tenants(), options.partitions());
        progress("%,d users, %,d memberships, %,d input events; measuring heap per membership", directory.users,
                directory.memberships, directory.inputEvents());
        HeapProbe.Heap heap = HeapProbe.run(directory);
        progress("heap: %,d bytes retained, %.1f B per membership", heap.retainedBytes(), heap.bytesPerMembership());

        BrokerProcess broker = null;
        Path brokerData = null;
        String bootstrap = options.bootstrapServers();
        String brokerKind = "configured cluster " + bootstrap;
        if (bootstrap == null || bootstrap.isBlank()) {
            Path brokerLog = Files.createTempFile("seatflow-bench-broker-", ".log");
            brokerData = Files.createTempDirectory("seatflow-bench-broker-");
            progress("starting a single-node KRaft broker in its own JVM (-Xmx%s, log %s)", options.brokerHeap(),
                    brokerLog);
            broker = BrokerProcess.start(brokerData, brokerLog, options.brokerHeap(), Map.of());
            bootstrap = broker.bootstrapServers();
            brokerKind = "single-node KRaft broker, own JVM (pid " + broker.pid() + ") on this box";
        }
        try (Deployment d = new Deployment(bootstrap, "bench-" + UUID.randomUUID().toString().substring(0, 8),
                options.partitions(), options.kafka())) {
            CpuMeter cpu = new CpuMeter(broker == null ? java.util.Optional.empty()
                    : ProcessHandle.of(broker.pid()));
            return measure(directory, heap, d, brokerKind, cpu);
        } finally {
            if (broker != null) {
                broker.close();
                org.apache.kafka.common.utils.Utils.delete(brokerData.toFile());
            }
        }
    }

    private BenchReport measure(SyntheticDirectory directory, HeapProbe.Heap heap, Deployment d, String brokerKind,
            CpuMeter cpu)
            throws Exception {
        d.createTopics();
        progress("publishing %,d input events to %s.{directory,licensing}", directory.inputEvents(), d.name);
        try (InputPublisher publisher = new InputPublisher(d, 20)) {
            // Licensing first in timestamp order: licenses exist before members join, so every
            // membership of a license group is granted one by one, as it is when a directory grows.
            long ts = System.currentTimeMillis();
            directory.forEachLicensingEvent(e -> publisher.send(e, ts));
            directory.forEachDirectoryEvent(e -> publisher.send(e, ts + 1));
            publisher.flush();
        }

        // The input of both pipes; the latency churn is appended after it, and the baseline stops here.
        Map<org.apache.kafka.common.TopicPartition, Long> inputEnd = d.inputEndOffsets();
        Settings settings = d.settings("bench", options.commitIntervalMs());
        String appId = d.applicationId();
        List<String> reconcilerOutputs = Deployment.OUTPUTS.stream().map(d::topic).toList();
        // Each timed phase starts on a collected heap, as a fresh process would: the baseline must not
        // pay for the garbage the reconciler left behind, nor a restore for the stopped instance's state.
        HeapProbe.settledUsedHeap();
        progress("reconciler: working through the input");
        Deployment.Throughput reconciler;
        List<OutputTally> tallies = new ArrayList<>();
        CpuMeter.Reading reconcilerStart = cpu.read();
        try (ReconcilerService service = new ReconcilerService(settings).start()) {
            reconciler = d.awaitDrained(appId, reconcilerOutputs, service::isAlive, options.patience(), cpu,
                    reconcilerStart, inputEnd.values().stream().mapToLong(Long::longValue).sum());
            progress("reconciler: %,.0f events/s (%,d events in %.1f s); CPU per event: %.1f us reconciler JVM, "
                    + "%.1f us broker", reconciler.perSecond(), reconciler.events(), reconciler.nanos() / 1e9,
                    reconciler.benchCpuMicrosPerEvent(), reconciler.brokerCpuMicrosPerEvent());
            for (String role : Deployment.OUTPUTS) {
                tallies.add(OutputTally.read(d, role, d.topic(role)));
            }
            OutputTally rejected = OutputTally.read(d, Deployment.REJECTED, d.topic(Deployment.REJECTED));
            if (rejected.records() > 0) {
                throw new IllegalStateException(rejected.records() + " bench inputs were dead-lettered: a bench bug");
            }
            progress("reconciler wrote %s", tallies.stream().map(t -> String.format(Locale.ROOT, "%s %,d",
                    t.role(), t.records())).toList());

        }

        HeapProbe.settledUsedHeap();
        progress("baseline pipe: the same input, the same outputs, no reconciliation");
        Deployment.Throughput baseline;
        BaselinePipe pipe = new BaselinePipe(d, tallies, inputEnd, options.commitIntervalMs());
        try {
            CpuMeter.Reading baselineStart = cpu.read();
            pipe.start();
            baseline = d.awaitDrained(pipe.group(), Deployment.OUTPUTS.stream().map(d::baselineTopic).toList(),
                    pipe::isAlive, options.patience(), cpu, baselineStart, reconciler.inputRecords());
        } finally {
            pipe.close();
        }
        if (pipe.failure() != null) {
            throw new IllegalStateException("the baseline pipe failed", pipe.failure());
        }
        progress("baseline: %,.0f events/s (%,d events in %.1f s); CPU per event: %.1f us pipe JVM, %.1f us broker",
                baseline.perSecond(), baseline.events(), baseline.nanos() / 1e9, baseline.benchCpuMicrosPerEvent(),
                baseline.brokerCpuMicrosPerEvent());
        List<OutputTally> baselineTallies = new ArrayList<>();
        for (String role : Deployment.OUTPUTS) {
            baselineTallies.add(OutputTally.read(d, role, d.baselineTopic(role)));
        }

        HeapProbe.settledUsedHeap();
        progress("restore: the reconciler restarts on its changelog");
        long restoreStart = System.nanoTime();
        try (ReconcilerService service = new ReconcilerService(settings).start()) {
            Waiting.until(options.patience(), "the restarted reconciler to be ready",
                    () -> {
                        if (!service.isAlive()) {
                            throw new IllegalStateException("the restarted reconciler stopped");
                        }
                        return service.status().isReady()
                                && service.status().assignedPartitions().size() == d.partitions;
                    });
            BenchReport.Restore restore = new BenchReport.Restore(directory.memberships,
                    service.status().restoredRecords(), (System.nanoTime() - restoreStart) / 1e6);
            progress("restore: %,d changelog records in %,.0f ms", restore.changelogRecords(), restore.millis());

            // Latency on the restarted service once it has settled: for 10 to 20 s after a restore of a
            // million memberships the collector is still clearing the restore's garbage (LatencyProbe).
            double offered = options.load() * reconciler.perSecond();
            progress("latency: churn offered at %,.0f events/s, %d s warm-up, then %d s measured", offered,
                    options.latencyWarmUp().toSeconds(), options.latencyDuration().toSeconds());
            LatencyProbe.Latency latency = LatencyProbe.run(d, appId, directory, offered, options.latencyWarmUp(),
                    options.latencyDuration());
            progress("latency: p50 %.0f ms, p99 %.0f ms, max %.0f ms over %,d inputs (%,d missing), warm-up max %.0f ms; "
                    + "%,d inputs not committed yet when the last was sent", latency.p50Ms(), latency.p99Ms(),
                    latency.maxMs(), latency.measured(), latency.missing(), latency.warmUpMaxMs(),
                    latency.backlogAtEnd());

            progress("fan-out: a group of %,d members, then one license on it", options.fanOutMembers());
            FanOutProbe.FanOut fanOut = FanOutProbe.run(d, appId, options.fanOutMembers(), options.seed(),
                    options.patience());
            progress("fan-out: %,d outputs visible in %,.0f ms", fanOut.outputs(), fanOut.millis());

            return new BenchReport(BenchReport.machine(brokerKind), parameters(), baseline, reconciler,
                    directory.memberships, tallies, baselineTallies, latency, fanOut, restore, heap);
        }
    }

    private Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("memberships", options.memberships());
        p.put("tenants", options.tenants());
        p.put("partitions", options.partitions());
        p.put("fanout_members", options.fanOutMembers());
        p.put("latency_warm_up_seconds", options.latencyWarmUp().toSeconds());
        p.put("latency_seconds", options.latencyDuration().toSeconds());
        p.put("load", options.load());
        p.put("seed", options.seed());
        p.put("commit_interval_ms", options.commitIntervalMs());
        p.put("kafka", new LinkedHashMap<>(options.kafka()));
        return p;
    }

    private void progress(String format, Object... args) {
        log.printf(Locale.ROOT, "[bench %6.1f s] %s%n", (System.nanoTime() - startedAt) / 1e9,
                String.format(Locale.ROOT, format, args));
    }
}
