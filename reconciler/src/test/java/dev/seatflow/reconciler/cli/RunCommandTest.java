package dev.seatflow.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} refuses to start with a message that says what to fix. */
class RunCommandTest {

    @Test
    void unreachableBrokerGivesAClearMessageAndExitStatus1(@TempDir Path dir) throws Exception {
        assumeTrue(System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null, "the environment names a cluster");
        Path config = Files.writeString(dir.resolve("seatflow.properties"),
                "kafka.bootstrap.servers=127.0.0.1:1\nseatflow.startup.timeout.ms=1500\n");

        Run run = run("run", "--config", config.toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.stderr).contains("cannot reach Kafka at 127.0.0.1:1").contains("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void missingClusterIsAUsageError(@TempDir Path dir) throws Exception {
        assumeTrue(System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null, "the environment names a cluster");
        Path config = Files.writeString(dir.resolve("empty.properties"), "seatflow.partitions=3\n");

        Run run = run("run", "--config", config.toString());

        assertThat(run.status).isEqualTo(2);
        assertThat(run.stderr).contains("no Kafka cluster configured");
    }

    @Test
    void unknownSettingIsRefusedByName(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("typo.properties"), "seatflw.partitions=3\n");

        Run run = run("run", "--config", config.toString());

        assertThat(run.status).isEqualTo(2);
        assertThat(run.stderr).contains("seatflw.partitions");
    }

    private record Run(int status, String stderr) {
    }

    private static Run run(String... args) {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int status = Main.run(args);
            return new Run(status, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(originalErr);
        }
    }
}
