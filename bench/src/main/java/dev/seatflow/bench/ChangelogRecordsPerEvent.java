package dev.seatflow.bench;

import dev.seatflow.events.Envelope;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.InputEvent;
import dev.seatflow.reconciler.core.Decision;
import dev.seatflow.reconciler.core.Reconciler;
import dev.seatflow.reconciler.core.StateRecord;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * Durability cost of membership churn: how many changelog records the core writes per input event,
 * on the closed churn cycle of {@link MembershipChurnBenchmark} (same tenant, same seed).
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.seatflow.bench.ChangelogRecordsPerEvent [mixed|licensed] [events]</pre>
 *
 * <p>Two counts: the records of every {@link Decision#changelog()} (what the core hands the
 * shell per event), and what the shell writes: it keeps only the last record per key within a
 * transaction ({@code TransactionBatch}), so for transactions of T consecutive events the figure is
 * the number of distinct keys per transaction, summed, over the events. T = 1 is one transaction per
 * event (an idle service); the loop commits every 100 ms, so under load a transaction holds
 * thousands of events. Records are also counted by kind.
 */
public final class ChangelogRecordsPerEvent {
    private static final int[] TRANSACTION_SIZES = {1, 10, 100, 1_000};

    private ChangelogRecordsPerEvent() {
    }

    public static void main(String[] args) {
        String workload = args.length > 0 ? args[0] : "mixed";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        SyntheticTenant tenant = SyntheticTenant.standard(MembershipChurnBenchmark.SEED);
        Random rnd = new Random(MembershipChurnBenchmark.SEED + 1);
        long[] shuffled = tenant.shuffledMemberships(rnd);
        long[] population = "licensed".equals(workload)
                ? LongStream.of(shuffled).filter(tenant::isLicensed).toArray()
                : shuffled;
        int m = Math.min("licensed".equals(workload) ? 100_000 : 500_000, population.length / 2);
        int lag = Math.min(10_000, m / 10);
        long[] p = java.util.Arrays.copyOf(population, m);
        Set<Long> absent = new HashSet<>();
        for (int j = m - lag; j < m; j++) {
            absent.add(p[j]);
        }
        Reconciler reconciler = SyntheticTenant.apply(new Reconciler(), tenant.buildEvents(true, shuffled, absent));
        InputEvent[] data = new InputEvent[2 * m];
        for (int j = 0; j < m; j++) {
            data[2 * j] = tenant.removed(p[j]);
            data[2 * j + 1] = tenant.added(p[Math.floorMod(j - lag, m)]);
        }

        long records = 0;
        long[] perTransaction = new long[TRANSACTION_SIZES.length];
        @SuppressWarnings("unchecked")
        Set<String>[] keys = new Set[TRANSACTION_SIZES.length];
        for (int t = 0; t < keys.length; t++) {
            keys[t] = new HashSet<>();
        }
        Map<String, Long> byKind = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            InboundEvent e = new InboundEvent(new Envelope("churn-" + i, SyntheticTenant.SOURCE, SyntheticTenant.TENANT,
                    null), data[i % data.length]);
            Decision d = reconciler.apply(e);
            records += d.changelog().size();
            for (StateRecord r : d.changelog()) {
                byKind.merge(r.getClass().getSimpleName(), 1L, Long::sum);
                String key = r.key();
                for (Set<String> k : keys) {
                    k.add(key);
                }
            }
            for (int t = 0; t < TRANSACTION_SIZES.length; t++) {
                if ((i + 1) % TRANSACTION_SIZES[t] == 0 || i + 1 == count) {
                    perTransaction[t] += keys[t].size();
                    keys[t].clear();
                }
            }
        }
        System.out.printf("%s churn, %,d events (fresh ids)%n", workload, count);
        System.out.printf("records per event, as decided:          %.3f%n", (double) records / count);
        for (int t = 0; t < TRANSACTION_SIZES.length; t++) {
            System.out.printf("records per event, transactions of %,5d: %.3f%n", TRANSACTION_SIZES[t],
                    (double) perTransaction[t] / count);
        }
        byKind.forEach((kind, n) -> System.out.printf("  %-20s %.3f per event%n", kind, (double) n / count));
    }
}
