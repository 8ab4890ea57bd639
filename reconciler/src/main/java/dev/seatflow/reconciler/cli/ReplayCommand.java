package dev.seatflow.reconciler.cli;

import dev.seatflow.events.GroupStatus;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.UserLicenses;
import dev.seatflow.events.json.EventCodec;
import dev.seatflow.reconciler.core.Decision;
import dev.seatflow.reconciler.core.Reconciler;
import dev.seatflow.reconciler.shell.InputAdmission;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Applies the core to a file of input events without Kafka, exactly as the live service would.
 * Also the "what would happen if" tool: an export plus a proposed change, and read the outputs.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Apply a file of input events without Kafka, exactly as the live service would.",
            "Prints the licensing.user.license.changed events they cause, one JSON line each, or with --state the "
                + "final licensing.user-licenses, licensing.seats and licensing.group-status values.",
            "Exit status: 0 every line applied, 1 some lines rejected, 2 unreadable input or wrong arguments."
        })
final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE",
            description = "Input events as JSON lines (CloudEvents), or - to read them from stdin.")
    String file;

    @Option(names = "--state", description = "Print the final licensing.user-licenses, licensing.seats and licensing.group-status values instead.")
    boolean state;

    @Option(names = "--dedup-window", paramLabel = "N", defaultValue = "" + Reconciler.DEFAULT_DEDUP_WINDOW,
            description = "Distinct source+id pairs remembered per tenant (default ${DEFAULT-VALUE}).")
    int dedupWindow;

    @Override
    public Integer call() {
        if (dedupWindow < 1) {
            System.err.println("--dedup-window must be at least 1");
            return Main.USAGE;
        }
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(
                new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16), false);
        try (BufferedReader in = open()) {
            Replay replay = new Replay(new Reconciler(dedupWindow), out, state);
            replay.run(in);
            out.flush();
            return replay.rejected() == 0 ? 0 : 1;
        } catch (NoSuchFileException e) {
            System.err.println("cannot read " + file + ": no such file");
            return Main.USAGE;
        } catch (IOException | UncheckedIOException e) {
            out.flush();
            System.err.println("cannot read " + file + ": " + e.getMessage());
            return Main.USAGE;
        }
    }

    private BufferedReader open() throws IOException {
        if ("-".equals(file)) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
        }
        return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
    }

    /** The replay loop itself, separate from argument handling so tests can drive it. */
    static final class Replay {
        private final Reconciler reconciler;
        private final PrintWriter out;
        private final boolean printState;
        private int rejected;

        Replay(Reconciler reconciler, PrintWriter out, boolean printState) {
            this.reconciler = reconciler;
            this.out = out;
            this.printState = printState;
        }

        void run(BufferedReader in) throws IOException {
            EventCodec codec = EventCodec.INSTANCE;
            String line;
            long lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                InputAdmission.Admission admission = InputAdmission.decode(line.getBytes(StandardCharsets.UTF_8));
                if (admission instanceof InputAdmission.Rejected rejected) {
                    reject(lineNumber, rejected.reason());
                    continue;
                }
                Decision decision = reconciler.apply(((InputAdmission.Accepted) admission).event());
                if (!printState) {
                    for (OutboundEvent o : decision.outputs()) {
                        out.println(codec.toJsonLine(o));
                    }
                }
            }
            if (printState) {
                for (UserLicenses u : reconciler.userLicenses()) {
                    out.println(codec.toJsonLine(u));
                }
                for (SeatsRow s : reconciler.seats()) {
                    out.println(codec.toJsonLine(s));
                }
                for (GroupStatus g : reconciler.groupStatuses()) {
                    out.println(codec.toJsonLine(g));
                }
            }
        }

        private void reject(long lineNumber, String reason) {
            rejected++;
            out.flush(); // keep stdout and stderr in step for a reader watching both
            System.err.println("line " + lineNumber + ": rejected: " + reason);
        }

        int rejected() {
            return rejected;
        }
    }
}
