package dev.seatflow.reconciler.cli;

import dev.seatflow.bench.e2e.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar reconciler.jar <command>}: the one entry point of Seatflow's reconciler. */
@Command(
        name = "reconciler",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Seatflow: group-based licensing reconciler on Apache Kafka.",
        subcommands = {RunCommand.class, ReplayCommand.class, ExplainCommand.class, DemoCommand.class,
            BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    /** Exit status for wrong arguments or unreadable input (replay's contract). */
    public static final int USAGE = 2;

    public static void main(String[] args) {
        int status = 1;
        try {
            status = run(args);
        } catch (Throwable t) {
            // An Error escapes picocli; exit anyway, or an in-process broker's threads keep the JVM alive.
            t.printStackTrace();
        } finally {
            System.exit(status);
        }
    }

    static int run(String... args) {
        return new CommandLine(new Main())
                .setExitCodeExceptionMapper(e -> USAGE)
                .setParameterExceptionHandler((e, a) -> {
                    e.getCommandLine().getErr().println(e.getMessage());
                    e.getCommandLine().usage(e.getCommandLine().getErr());
                    return USAGE;
                })
                .execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"seatflow reconciler " + (v == null ? "dev" : v)};
        }
    }
}
