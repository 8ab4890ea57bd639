package dev.seatflow.bench.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one bench run, as a table for people and as JSON for comparing runs. The JSON is
 * a flat object of numbers plus {@code machine}, {@code parameters}, {@code outputs} and
 * {@code targets}; the reconciler-to-baseline ratio is {@code ratio_to_baseline}.
 */
record BenchReport(
        Map<String, Object> machine,
        Map<String, Object> parameters,
        Deployment.Throughput baseline,
        Deployment.Throughput reconciler,
        long membershipEvents,
        List<OutputTally> reconcilerOutputs,
        List<OutputTally> baselineOutputs,
        LatencyProbe.Latency latency,
        FanOutProbe.FanOut fanOut,
        Restore restore,
        HeapProbe.Heap heap) {

    static final double RATIO_TARGET = 0.7;
    static final double P99_TARGET_MS = 250;
    static final double FANOUT_TARGET_MS = 3_000;
    /** Issue 13's figure for 1M memberships (v1's was 10 s). */
    static final double RESTORE_TARGET_MS = 5_000;
    static final double HEAP_TARGET_BYTES = 200;

    /** The service restarted on the changelog: time from start until ready, and what it read. */
    record Restore(long memberships, long changelogRecords, double millis) {
    }

    double ratio() {
        return reconciler.perSecond() / baseline.perSecond();
    }

    double membershipEventsPerSecond() {
        return reconciler.perSecond() * membershipEvents / reconciler.inputRecords();
    }

    static Map<String, Object> machine(String broker) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            m.put("memory_gib", Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024)));
        }
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("bench_max_heap_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("broker", broker);
        return m;
    }

    void print(PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "Seatflow end-to-end bench: %s cores, %s GiB, %s; broker: %s%n", machine.get("cores"),
                machine.get("memory_gib"), machine.get("jdk"), machine.get("broker"));
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"what", "measured", "target", "met"});
        rows.add(new String[] {"baseline pipe: EOS consume->produce, same input, same outputs",
                String.format(Locale.ROOT, "%,.0f events/s", baseline.perSecond()) + cpu(baseline), "", ""});
        rows.add(new String[] {"reconciler end to end (outputs committed and visible)",
                String.format(Locale.ROOT, "%,.0f events/s (%,.0f membership events/s)", reconciler.perSecond(),
                        membershipEventsPerSecond()) + cpu(reconciler), "", ""});
        rows.add(new String[] {"ratio reconciler / baseline", String.format(Locale.ROOT, "%.2f", ratio()),
                ">= " + RATIO_TARGET, met(ratio() >= RATIO_TARGET)});
        rows.add(new String[] {String.format(Locale.ROOT, "latency input -> visible output at %,.0f events/s (%.0f%%)",
                latency.offeredPerSecond(), 100 * latency.offeredPerSecond() / reconciler.perSecond()),
                String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms (warm-up max %.0f ms)",
                        latency.p50Ms(), latency.p99Ms(), latency.maxMs(), latency.warmUpMaxMs()), "p99 <= 250 ms", met(latency.p99Ms() <= P99_TARGET_MS)});
        rows.add(new String[] {String.format(Locale.ROOT, "fan-out: license to a %,d-member group, all outputs visible",
                fanOut.members()), String.format(Locale.ROOT, "%,.0f ms", fanOut.millis()), "<= 3 s",
                met(fanOut.millis() <= FANOUT_TARGET_MS)});
        rows.add(new String[] {String.format(Locale.ROOT, "restore of %,d memberships (%,d changelog records) to ready",
                restore.memberships(), restore.changelogRecords()),
                String.format(Locale.ROOT, "%,.0f ms", restore.millis()), "<= 5 s",
                met(restore.millis() <= RESTORE_TARGET_MS)});
        rows.add(new String[] {String.format(Locale.ROOT, "heap per membership after full GC (%,d memberships, all-in)",
                heap.memberships()), String.format(Locale.ROOT, "%.0f B", heap.bytesPerMembership()), "<= 200 B",
                met(heap.bytesPerMembership() <= HEAP_TARGET_BYTES)});
        table(out, rows);
        out.println();
        List<String[]> outputs = new ArrayList<>();
        outputs.add(new String[] {"records written", "reconciler", "baseline"});
        outputs.add(new String[] {"input records", String.format(Locale.ROOT, "%,d", reconciler.inputRecords()),
                String.format(Locale.ROOT, "%,d", baseline.inputRecords())});
        for (int i = 0; i < reconcilerOutputs.size(); i++) {
            OutputTally r = reconcilerOutputs.get(i);
            OutputTally b = i < baselineOutputs.size() ? baselineOutputs.get(i) : null;
            outputs.add(new String[] {r.role(), describe(r), b == null ? "" : describe(b)});
        }
        table(out, outputs);
    }

    private static String describe(OutputTally t) {
        return String.format(Locale.ROOT, "%,d records, %,.1f MB (%.0f B each)", t.records(),
                (t.keyBytes() + t.valueBytes()) / 1e6, t.averageBytes());
    }

    private static String cpu(Deployment.Throughput t) {
        return t.brokerCpuMicrosPerEvent() < 0
                ? String.format(Locale.ROOT, "; CPU %.1f us/event", t.benchCpuMicrosPerEvent())
                : String.format(Locale.ROOT, "; CPU %.1f + broker %.1f us/event", t.benchCpuMicrosPerEvent(),
                        t.brokerCpuMicrosPerEvent());
    }

    private static String met(boolean met) {
        return met ? "yes" : "NO";
    }

    private static void table(PrintStream out, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder("|");
            for (int i = 0; i < width.length; i++) {
                line.append(' ').append(String.format("%-" + width[i] + "s", rows.get(r)[i])).append(" |");
            }
            out.println(line);
            if (r == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int w : width) {
                    rule.append("-".repeat(w + 2)).append('|');
                }
                out.println(rule);
            }
        }
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("machine", machine);
        m.put("parameters", parameters);
        m.put("input_records", reconciler.inputRecords());
        m.put("membership_events", membershipEvents);
        m.put("baseline_events_per_s", round(baseline.perSecond()));
        m.put("reconciler_events_per_s", round(reconciler.perSecond()));
        m.put("reconciler_membership_events_per_s", round(membershipEventsPerSecond()));
        m.put("ratio_to_baseline", round(ratio(), 3));
        m.put("baseline_cpu_us_per_event", round(baseline.benchCpuMicrosPerEvent(), 2));
        m.put("baseline_broker_cpu_us_per_event", round(baseline.brokerCpuMicrosPerEvent(), 2));
        m.put("reconciler_cpu_us_per_event", round(reconciler.benchCpuMicrosPerEvent(), 2));
        m.put("reconciler_broker_cpu_us_per_event", round(reconciler.brokerCpuMicrosPerEvent(), 2));
        m.put("latency_offered_events_per_s", round(latency.offeredPerSecond()));
        m.put("latency_inputs_sent", latency.sent());
        m.put("latency_inputs_measured", latency.measured());
        m.put("latency_inputs_missing", latency.missing());
        m.put("latency_backlog_at_end", latency.backlogAtEnd());
        m.put("latency_p50_ms", round(latency.p50Ms(), 1));
        m.put("latency_p99_ms", round(latency.p99Ms(), 1));
        m.put("latency_max_ms", round(latency.maxMs(), 1));
        m.put("latency_warm_up_max_ms", round(latency.warmUpMaxMs(), 1));
        m.put("fanout_members", fanOut.members());
        m.put("fanout_outputs", fanOut.outputs());
        m.put("fanout_ms", round(fanOut.millis(), 1));
        m.put("restore_memberships", restore.memberships());
        m.put("restore_changelog_records", restore.changelogRecords());
        m.put("restore_ms", round(restore.millis(), 1));
        m.put("heap_memberships", heap.memberships());
        m.put("heap_retained_bytes", heap.retainedBytes());
        m.put("heap_bytes_per_membership", round(heap.bytesPerMembership(), 1));
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (int i = 0; i < reconcilerOutputs.size(); i++) {
            OutputTally r = reconcilerOutputs.get(i);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("reconciler_records", r.records());
            o.put("reconciler_bytes", r.keyBytes() + r.valueBytes());
            if (i < baselineOutputs.size()) {
                o.put("baseline_records", baselineOutputs.get(i).records());
                o.put("baseline_bytes", baselineOutputs.get(i).keyBytes() + baselineOutputs.get(i).valueBytes());
            }
            outputs.put(r.role(), o);
        }
        m.put("outputs", outputs);
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("ratio_to_baseline", target(">= " + RATIO_TARGET, ratio() >= RATIO_TARGET));
        targets.put("latency_p99_ms", target("<= " + P99_TARGET_MS, latency.p99Ms() <= P99_TARGET_MS));
        targets.put("fanout_ms", target("<= " + FANOUT_TARGET_MS, fanOut.millis() <= FANOUT_TARGET_MS));
        targets.put("restore_ms", target("<= " + RESTORE_TARGET_MS, restore.millis() <= RESTORE_TARGET_MS));
        targets.put("heap_bytes_per_membership", target("<= " + HEAP_TARGET_BYTES,
                heap.bytesPerMembership() <= HEAP_TARGET_BYTES));
        m.put("targets", targets);
        return m;
    }

    private static Map<String, Object> target(String target, boolean met) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("target", target);
        t.put("met", met);
        return t;
    }

    private static double round(double v) {
        return Math.round(v);
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    void writeJson(Path file) throws IOException {
        StringBuilder s = new StringBuilder();
        json(s, toMap(), "");
        s.append('\n');
        Files.writeString(file, s, StandardCharsets.UTF_8);
    }

    private static void json(StringBuilder s, Object v, String indent) {
        if (v instanceof Map<?, ?> map && map.isEmpty()) {
            s.append("{}");
        } else if (v instanceof Map<?, ?> map) {
            s.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                s.append(indent).append("  ");
                string(s, e.getKey().toString());
                s.append(": ");
                json(s, e.getValue(), indent + "  ");
                s.append(++i < map.size() ? ",\n" : "\n");
            }
            s.append(indent).append('}');
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                s.append("null");
            } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                s.append((long) d);
            } else {
                s.append(n);
            }
        } else if (v instanceof Boolean b) {
            s.append(b);
        } else if (v == null) {
            s.append("null");
        } else {
            string(s, v.toString());
        }
    }

    private static void string(StringBuilder s, String v) {
        s.append('"');
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        s.append('"');
    }
}
