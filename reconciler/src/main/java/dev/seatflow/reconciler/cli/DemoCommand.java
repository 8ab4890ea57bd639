package dev.seatflow.reconciler.cli;

import dev.seatflow.reconciler.demo.Demo;
import dev.seatflow.reconciler.shell.Settings;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: the reconciler live, with an in-process broker when no cluster is configured. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Show the reconciler live on a sample tenant, with a Kafka broker of its own.",
            "Starts an in-process Kafka broker (or uses KAFKA_BOOTSTRAP_SERVERS, with topics and an application id of "
                + "the demo's own, prefixed seatflow-demo.), runs the reconciler, publishes a sample tenant and a "
                + "story, and prints each step's change events and the seats once they are committed.",
            "Runs until stopped (Ctrl-C or SIGTERM)."
        })
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "4",
            description = "Seconds to pause after a step's outputs are shown, before the next step (default ${DEFAULT-VALUE}).")
    int intervalSeconds;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "-1",
            description = "Stop after N steps of the story; by default it runs until stopped.")
    int steps;

    @Override
    public Integer call() throws Exception {
        Demo demo = new Demo(System.out, Duration.ofSeconds(Math.max(0, intervalSeconds)), steps, System.getenv());
        Signals.onStop(demo::close);
        try {
            demo.run();
            return 0;
        } catch (Settings.ConfigException e) {
            System.err.println("seatflow: " + e.getMessage());
            return Main.USAGE;
        } catch (RuntimeException e) {
            // Cannot reach the cluster, refused credentials...: the one sentence, as run says it.
            System.err.println("seatflow: the demo cannot go on: " + e.getMessage());
            return 1;
        }
    }
}
