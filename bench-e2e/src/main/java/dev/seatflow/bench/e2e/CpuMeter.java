package dev.seatflow.bench.e2e;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;

/**
 * CPU time used by this JVM and by the broker's, read together: over a phase, the two against
 * the wall clock times the cores say whether the box is saturated and who spends it.
 */
final class CpuMeter {
    private final Optional<ProcessHandle> broker;

    CpuMeter(Optional<ProcessHandle> broker) {
        this.broker = broker;
    }

    record Reading(long wallNanos, long benchCpuNanos, long brokerCpuNanos) {
        Reading minus(Reading earlier) {
            return new Reading(wallNanos - earlier.wallNanos, benchCpuNanos - earlier.benchCpuNanos,
                    brokerCpuNanos < 0 || earlier.brokerCpuNanos < 0 ? -1 : brokerCpuNanos - earlier.brokerCpuNanos);
        }
    }

    Reading read() {
        long own = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        long brokerCpu = broker.flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(-1L);
        return new Reading(System.nanoTime(), own, brokerCpu);
    }
}
