package dev.seatflow.reconciler.cli;

import dev.seatflow.reconciler.demo.Demo;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: the reconciler live, with an in-process broker when no cluster is configured. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Start an in-process Kafka broker (unless KAFKA_BOOTSTRAP_SERVERS is set), run the reconciler,",
            "publish a sample tenant and a live story, and print the assignments and seats as they change.",
            "Runs until stopped (Ctrl-C or SIGTERM)."
        })
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "4",
            description = "Seconds between story steps (default ${DEFAULT-VALUE}).")
    int intervalSeconds;

    @Override
    public Integer call() throws Exception {
        Demo demo = new Demo(System.out, Duration.ofSeconds(Math.max(1, intervalSeconds)));
        Signals.onStop(demo::close);
        demo.run(System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
        return 0;
    }
}
