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
        commandListHeading = "%nCommands (reconciler COMMAND --help describes each):%n",
        subcommands = {RunCommand.class, ReplayCommand.class, ExplainCommand.class, DemoCommand.class,
            BenchCommand.class, ScimCommand.class, CommandLine.HelpCommand.class})
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
        CommandLine cli = new CommandLine(new Main());
        String command = firstCommand(args);
        if (command != null && !cli.getSubcommands().containsKey(command)) {
            // Checked before parsing: picocli would print the general help, and exit 0, for "reconciler frob --help".
            cli.getErr().println("unknown command '" + command + "': the commands are "
                    + String.join(", ", cli.getSubcommands().keySet()) + " (reconciler --help describes them)");
            return USAGE;
        }
        return cli
                .setExitCodeExceptionMapper(e -> USAGE)
                .setParameterExceptionHandler((e, a) -> {
                    e.getCommandLine().getErr().println(e.getMessage());
                    e.getCommandLine().usage(e.getCommandLine().getErr());
                    return USAGE;
                })
                .execute(args);
    }

    /** The first argument that is not an option: the command's name. */
    private static String firstCommand(String... args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    /** The Maven project's version, written into {@code seatflow-version.properties} when the jar is built. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties p = new java.util.Properties();
            try (java.io.InputStream in = Main.class.getResourceAsStream("/seatflow-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"seatflow reconciler " + p.getProperty("version", "(version unknown: not built "
                    + "by Maven)")};
        }
    }
}
