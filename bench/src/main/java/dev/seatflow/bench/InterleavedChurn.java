package dev.seatflow.bench;

import static dev.seatflow.bench.Interleaving.median;
import static dev.seatflow.bench.Interleaving.option;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Before/after of {@link MembershipChurnBenchmark} in one process, for a machine whose load drifts:
 * two builds of this module's jar (say the base commit's and this one's) are loaded side by side,
 * each in a class loader of its own, each builds its tenant, and then they take turns, one slice
 * of {@code sliceMs} each, for {@code slices} rounds. Both are measured under the same load, so the
 * ratio of each pair of neighbouring slices is meaningful even when the absolute figures are not.
 *
 * <pre>java -Xmx6g -cp bench/target/benchmarks.jar dev.seatflow.bench.InterleavedChurn BEFORE.jar AFTER.jar \
 *     [workload=mixed] [slices=20] [sliceMs=1000] [warmupSlices=5]</pre>
 *
 * <p>Prints every slice, then the median events/s of each and the median of the pairwise ratios
 * AFTER/BEFORE, in wall time and in the benchmark thread's CPU time (events per CPU second of the
 * applying thread: on a machine shared with other builds that figure moves less, but it leaves out
 * the work of the GC threads, so read it next to the wall-time one). JMH stays the reference for one
 * build; this is for comparing two.
 */
public final class InterleavedChurn {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private InterleavedChurn() {
    }

    public static void main(String[] args) throws Exception {
        Path before = Path.of(args[0]);
        Path after = Path.of(args[1]);
        String workload = option(args, "workload", "mixed");
        int slices = Integer.parseInt(option(args, "slices", "20"));
        long sliceNs = Long.parseLong(option(args, "sliceMs", "1000")) * 1_000_000L;
        int warmup = Integer.parseInt(option(args, "warmupSlices", "5"));
        Churn a = new Churn(before, workload);
        Churn b = new Churn(after, workload);
        double[][] wall = new double[3][slices];
        double[][] cpu = new double[3][slices];
        for (int i = -warmup; i < slices; i++) {
            // Alternate which goes first, so neither always follows the other's garbage.
            double[] x;
            double[] y;
            if ((i & 1) == 0) {
                x = a.run(sliceNs);
                y = b.run(sliceNs);
            } else {
                y = b.run(sliceNs);
                x = a.run(sliceNs);
            }
            if (i >= 0) {
                wall[0][i] = x[0];
                wall[1][i] = y[0];
                wall[2][i] = y[0] / x[0];
                cpu[0][i] = x[1];
                cpu[1][i] = y[1];
                cpu[2][i] = y[1] / x[1];
                System.out.printf("slice %2d  before %,10.0f/s  after %,10.0f/s  ratio %.2f   per CPU s: %,10.0f  %,10.0f"
                        + "  ratio %.2f%n", i, x[0], y[0], y[0] / x[0], x[1], y[1], y[1] / x[1]);
            }
        }
        System.out.printf("median (wall): before %,.0f events/s, after %,.0f events/s, ratio after/before %.2f (of pairs)%n",
                median(wall[0]), median(wall[1]), median(wall[2]));
        System.out.printf("median (CPU):  before %,.0f events/s, after %,.0f events/s, ratio after/before %.2f (of pairs)%n",
                median(cpu[0]), median(cpu[1]), median(cpu[2]));
    }

    /** One build's churn benchmark, driven through reflection in its own class loader. */
    private static final class Churn {
        private final Object bench;
        private final Method op;
        private final List<Object> sink = new ArrayList<>(1);

        Churn(Path jar, String workload) throws Exception {
            URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> type = loader.loadClass(MembershipChurnBenchmark.class.getName());
            bench = type.getConstructor().newInstance();
            type.getField("workload").set(bench, workload);
            type.getField("idMode").set(bench, "fresh");
            type.getField("users").setInt(bench, 100_000);
            type.getMethod("setUp").invoke(bench);
            op = type.getMethod("membershipEvent");
        }

        /** Events per second over one slice: per second of wall time, and per CPU second of this thread. */
        double[] run(long sliceNs) throws Exception {
            long cpuStart = CPU.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long end = start + sliceNs;
            long n = 0;
            long now;
            do {
                for (int i = 0; i < 256; i++) {
                    sink.add(op.invoke(bench));
                    sink.clear();
                }
                n += 256;
                now = System.nanoTime();
            } while (now < end);
            long cpu = CPU.getCurrentThreadCpuTime() - cpuStart;
            return new double[] {n * 1e9 / (now - start), n * 1e9 / cpu};
        }
    }
}
