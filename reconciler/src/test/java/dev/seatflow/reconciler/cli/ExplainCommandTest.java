package dev.seatflow.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.json.EventCodec;
import dev.seatflow.testkit.events.Events;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain}: an operator asks why a user is where it is. */
class ExplainCommandTest {

    private static Path directoryWithOneSeat(Path dir) throws Exception {
        Events t = Events.tenant("contoso").at("2026-11-28T09:00:00Z");
        List<InboundEvent> events = List.of(t.subscription("E3", 1), t.groupLicenseAssigned("sales", "E3"),
                t.member("ann", "US"), t.member("bob", "US"), t.memberAdded("sales", "ann"),
                t.memberAdded("sales", "bob"));
        return Files.writeString(dir.resolve("events.jsonl"), events.stream()
                .map(e -> new String(EventCodec.INSTANCE.encodeInput(e), StandardCharsets.UTF_8))
                .collect(Collectors.joining("\n")));
    }

    @Test
    void queuedUserIsExplainedFromAFileOfEvents(@TempDir Path dir) throws Exception {
        Run run = run("explain", "contoso", "bob", "E3", "--events", directoryWithOneSeat(dir).toString());

        assertThat(run.status).isZero();
        assertThat(run.stdout).startsWith("bob is Queued for E3 (SeatsExhausted), licensed by group sales: all 1 "
                        + "seats are taken (1 assigned); it is number 1 in line and gets the next seat that frees up.")
                .contains("position    1 in line, 0 licensable ahead")
                .contains("since       2026-11-28T09:00:00Z")
                .contains("user        in the directory, Member, usage location US (tenant default -)")
                .contains("seats       1 seats, 1 assigned, 0 available, 1 waiting, status Enabled");
    }

    @Test
    void jsonAnswerIsWhatTheEndpointGives(@TempDir Path dir) throws Exception {
        Run run = run("explain", "contoso", "ann", "E3", "--json", "--events", directoryWithOneSeat(dir).toString());

        assertThat(run.status).isZero();
        assertThat(run.stdout).contains("\"state\" : \"Assigned\"").contains("\"position\" : null");
    }

    @Test
    void unreachableServiceIsAClearUsageError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        Run run = run("explain", "contoso", "bob", "E3", "--url", "http://127.0.0.1:" + closedPort);

        assertThat(run.status).isEqualTo(2);
        assertThat(run.stderr).contains("cannot reach the service at http://127.0.0.1:" + closedPort);
    }

    private record Run(int status, String stdout, String stderr) {
    }

    private static Run run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int status = Main.run(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
