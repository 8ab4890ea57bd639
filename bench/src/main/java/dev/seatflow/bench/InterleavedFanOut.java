package dev.seatflow.bench;

import static dev.seatflow.bench.Interleaving.median;
import static dev.seatflow.bench.Interleaving.option;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Before/after of the three 100,000-member fan-outs in one process, as {@link InterleavedChurn} does
 * for the churn: two builds' jars side by side, each in a class loader of its own, taking turns
 * shot by shot (a fresh tenant for every shot, built outside the measurement, then one full GC).
 * Each shot is timed in wall time and in the applying thread's CPU time, which a busy machine
 * disturbs much less (it leaves out the GC threads' work: read it next to the wall time).
 *
 * <pre>java -Xmx6g -cp bench/target/benchmarks.jar dev.seatflow.bench.InterleavedFanOut BEFORE.jar AFTER.jar \
 *     [which=group|subgroup|pools] [shots=10] [warmup=3]</pre>
 */
public final class InterleavedFanOut {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private InterleavedFanOut() {
    }

    public static void main(String[] args) throws Exception {
        String which = option(args, "which", "group");
        int shots = Integer.parseInt(option(args, "shots", "10"));
        int warmup = Integer.parseInt(option(args, "warmup", "3"));
        FanOut a = new FanOut(Path.of(args[0]), which);
        FanOut b = new FanOut(Path.of(args[1]), which);
        double[][] ms = new double[6][shots];
        for (int i = -warmup; i < shots; i++) {
            double[] x;
            double[] y;
            if ((i & 1) == 0) {
                x = a.shot();
                y = b.shot();
            } else {
                y = b.shot();
                x = a.shot();
            }
            if (i >= 0) {
                ms[0][i] = x[0];
                ms[1][i] = y[0];
                ms[2][i] = y[0] / x[0];
                ms[3][i] = x[1];
                ms[4][i] = y[1];
                ms[5][i] = y[1] / x[1];
                System.out.printf("shot %2d  wall: before %7.1f ms  after %7.1f ms  ratio %.2f   CPU: %7.1f ms  %7.1f ms  ratio %.2f%n",
                        i, x[0], y[0], y[0] / x[0], x[1], y[1], y[1] / x[1]);
            }
        }
        System.out.printf("%s fan-out, median wall: before %.1f ms, after %.1f ms, ratio %.2f (of pairs)%n", which,
                median(ms[0]), median(ms[1]), median(ms[2]));
        System.out.printf("%s fan-out, median CPU:  before %.1f ms, after %.1f ms, ratio %.2f (of pairs)%n", which,
                median(ms[3]), median(ms[4]), median(ms[5]));
    }

    /** One build's fan-out benchmark (its JMH state and methods), driven through reflection. */
    private static final class FanOut {
        private final String which;
        private final Object bench;
        private Object state;
        private final Class<?> type;
        private final ClassLoader loader;

        FanOut(Path jar, String which) throws Exception {
            this.which = which;
            loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            type = loader.loadClass(switch (which) {
                case "group" -> FanOutBenchmark.class.getName();
                case "subgroup" -> NestedGroupsBenchmark.SubgroupFanOut.class.getName();
                case "pools" -> SeatPoolsBenchmark.class.getName();
                default -> throw new IllegalArgumentException("which=group|subgroup|pools, not " + which);
            });
            bench = type.getConstructor().newInstance();
            type.getMethod("prepare").invoke(bench);
        }

        /** One fan-out on a fresh tenant: {wall ms, thread CPU ms}. */
        double[] shot() throws Exception {
            Runnable apply;
            Runnable check;
            if (which.equals("pools")) {
                Class<?> unlicensed = loader.loadClass(SeatPoolsBenchmark.Unlicensed.class.getName());
                state = unlicensed.getConstructor().newInstance();
                unlicensed.getMethod("noLicenseYet", type).invoke(state, bench);
                apply = () -> call(type, bench, "fanOutWithPools", state);
                check = () -> call(unlicensed.getSuperclass(), state, "check");
            } else {
                type.getMethod("freshTenant").invoke(bench);
                String op = which.equals("group") ? "assignGroupLicense" : "teamJoinsLicensedDepartment";
                apply = () -> call(type, bench, op);
                check = () -> call(type, bench, "check");
            }
            long cpu = CPU.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            apply.run();
            double wallMs = (System.nanoTime() - wall) / 1e6;
            double cpuMs = (CPU.getCurrentThreadCpuTime() - cpu) / 1e6;
            check.run();
            return new double[] {wallMs, cpuMs};
        }

        private static void call(Class<?> type, Object target, String method, Object... args) {
            try {
                for (var m : type.getDeclaredMethods()) {
                    if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                        m.setAccessible(true);
                        m.invoke(target, args);
                        return;
                    }
                }
                throw new NoSuchMethodException(method);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
