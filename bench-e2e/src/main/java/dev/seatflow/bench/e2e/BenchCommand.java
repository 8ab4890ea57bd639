package dev.seatflow.bench.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench}: the reconciler end to end next to Kafka's own ceiling, one table of figures. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        subcommands = ReplayBenchCommand.class,
        description = {
            "Measure the reconciler end to end next to a plain exactly-once pipe on the same input.",
            "Measures sustained events/s and the ratio to the pipe, latency at 50%% load, fan-out to a large group, "
                + "restore of the state after a restart, and heap per membership.",
            "Starts a single-node broker in a JVM of its own unless --bootstrap-servers is given. Prints a table; "
                + "--json also writes the figures.",
            "`bench replay` times replay --state against a parse-only pass over the same input instead."
        })
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "A Kafka cluster to use instead of starting a broker.")
    String bootstrapServers;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
    Path json;

    @Option(names = "--memberships", defaultValue = "1000000",
            description = "Memberships in the synthetic directory (default ${DEFAULT-VALUE}).")
    long memberships;

    @Option(names = "--tenants", defaultValue = "6", description = "Tenants it is spread over (default ${DEFAULT-VALUE}).")
    int tenants;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions per topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--fanout-members", defaultValue = "100000",
            description = "Members of the group the fan-out license goes to (default ${DEFAULT-VALUE}).")
    int fanOutMembers;

    @Option(names = "--latency-seconds", defaultValue = "20",
            description = "How long load is offered for the latency figures (default ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--latency-warm-up-seconds", defaultValue = "25",
            description = "Load offered at the same rate before the latency is measured (default ${DEFAULT-VALUE}).")
    int latencyWarmUpSeconds;

    @Option(names = "--load", defaultValue = "0.5",
            description = "Offered load for the latency figures, as a share of the measured maximum (default ${DEFAULT-VALUE}).")
    double load;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic directory (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--commit-interval-ms", defaultValue = "100",
            description = "Transaction commit interval of the reconciler and the baseline (default ${DEFAULT-VALUE}).")
    long commitIntervalMs;

    @Option(names = "--kafka", paramLabel = "KEY=VALUE",
            description = "A Kafka client setting for the reconciler, the baseline and the bench clients alike (repeatable).")
    Map<String, String> kafka = new LinkedHashMap<>();

    @Option(names = "--broker-heap", defaultValue = "2g",
            description = "Heap of the broker JVM the bench starts (default ${DEFAULT-VALUE}).")
    String brokerHeap;

    @Override
    public Integer call() throws Exception {
        EndToEndRun.Options options = new EndToEndRun.Options(bootstrapServers, memberships, tenants, partitions,
                fanOutMembers, Duration.ofSeconds(latencyWarmUpSeconds), Duration.ofSeconds(latencySeconds), load, seed, commitIntervalMs, kafka, brokerHeap,
                Duration.ofMinutes(15));
        BenchReport report = new EndToEndRun(options, System.err).run();
        report.print(System.out);
        if (json != null) {
            report.writeJson(json);
            System.out.println();
            System.out.println("JSON: " + json.toAbsolutePath());
        }
        return 0;
    }
}
