package dev.seatflow.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line a new user meets: whole sentences, described arguments, errors that name the way out. */
class MainTest {

    @Test
    void theVersionIsTheProjectsVersion() {
        RunCommandTest.Run run = RunCommandTest.run("--version");

        assertThat(run.status()).isZero();
        assertThat(run.stdout().trim()).isEqualTo("seatflow reconciler " + System.getProperty("project.version"))
                .doesNotContain("dev").doesNotContain("unknown");
    }

    @Test
    void anUnknownCommandIsAnErrorNamingTheCommandsEvenWithHelp() {
        for (String[] args : new String[][] {{"frobnicate"}, {"frobnicate", "--help"}, {"--help", "frobnicate"}}) {
            RunCommandTest.Run run = RunCommandTest.run(args);

            assertThat(run.status()).as(String.join(" ", args)).isEqualTo(Main.USAGE);
            assertThat(run.stderr()).startsWith("unknown command 'frobnicate': the commands are run, replay, explain, "
                    + "demo, bench, scim, help");
        }
    }

    @Test
    void everyCommandIsListedWithAWholeSentence() {
        String help = RunCommandTest.run("--help").stdout();

        CommandLine cli = new CommandLine(new Main());
        cli.getSubcommands().forEach((name, sub) -> {
            var usage = sub.getCommandSpec().usageMessage();
            // What picocli lists: the header's first line if there is one, else the description's.
            String summary = usage.header().length > 0 ? usage.header()[0] : usage.description()[0];
            assertThat(summary).as(name).endsWith(".");
            assertThat(help.replaceAll("\\s+", " ")).as(name).contains(summary);
        });
    }

    @Test
    void everyArgumentAndOptionIsDescribed() {
        new CommandLine(new Main()).getSubcommands().forEach((name, sub) -> {
            sub.getCommandSpec().positionalParameters().forEach(p ->
                    assertThat(p.description()).as(name + " " + p.paramLabel()).isNotEmpty());
            sub.getCommandSpec().options().forEach(o ->
                    assertThat(o.description()).as(name + " " + o.longestName()).isNotEmpty());
        });
    }
}
