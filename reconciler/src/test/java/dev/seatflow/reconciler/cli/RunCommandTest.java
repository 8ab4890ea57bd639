package dev.seatflow.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code run} refuses to start with one sentence that says what to fix, before any Kafka client exists: no warning
 * is logged before it.
 */
class RunCommandTest {
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logged.start();
        root().addAppender(logged);
    }

    @AfterEach
    void releaseLogs() {
        root().detachAppender(logged);
    }

    @Test
    void anUnreachableBrokerIsOneSentenceAndExitStatus1(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("seatflow.properties"),
                "kafka.bootstrap.servers=127.0.0.1:1\nseatflow.startup.timeout.ms=1500\n");

        Run run = run("run", "--config", config.toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.stderr).startsWith("seatflow: cannot start: cannot reach Kafka at 127.0.0.1:1 within 1500 ms")
                .contains("kafka.bootstrap.servers in " + config);
        assertOneLineAndNothingLoggedBefore(run);
    }

    @Test
    void anUnresolvableHostIsOneSentenceNamingTheHostAndTheSetting(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("seatflow.properties"),
                "kafka.bootstrap.servers=kafka.no-such-domain.invalid:9092\n");

        Run run = run("run", "--config", config.toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.stderr).startsWith("seatflow: cannot start: cannot resolve host kafka.no-such-domain.invalid in "
                + "kafka.bootstrap.servers in " + config);
        assertOneLineAndNothingLoggedBefore(run);
    }

    @Test
    void aMissingClusterIsAUsageError(@TempDir Path dir) throws Exception {
        assumeTrue(System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null, "the environment names a cluster");
        Path config = Files.writeString(dir.resolve("empty.properties"), "seatflow.partitions=3\n");

        Run run = run("run", "--config", config.toString());

        assertThat(run.status).isEqualTo(2);
        assertThat(run.stderr).startsWith("seatflow: no Kafka cluster configured");
        assertOneLineAndNothingLoggedBefore(run);
    }

    @Test
    void aMissingConfigFileIsSaidInWords(@TempDir Path dir) {
        Run run = run("run", "--config", dir.resolve("nowhere.properties").toString());

        assertThat(run.status).isEqualTo(2);
        assertThat(run.stderr).isEqualTo("seatflow: the --config file " + dir.resolve("nowhere.properties")
                + " does not exist" + System.lineSeparator());
    }

    @Test
    void anUnknownSettingIsRefusedNamingTheNearestOne(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("typo.properties"), "seatflw.partitions=3\n");

        Run run = run("run", "--config", config.toString());

        assertThat(run.status).isEqualTo(2);
        assertThat(run.stderr).contains("'seatflw.partitions' in " + config)
                .contains("did you mean 'seatflow.partitions'?");
        assertOneLineAndNothingLoggedBefore(run);
    }

    @Test
    void aMalformedValueNamesTheKeyAndFileItCameFrom(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("bad.properties"),
                "kafka.bootstrap.servers=localhost:9092\nseatflow.commit.interval.ms=soon\n");

        Run run = run("run", "--config", config.toString());

        assertThat(run.status).isEqualTo(2);
        assertThat(run.stderr).isEqualTo("seatflow: seatflow.commit.interval.ms in " + config
                + " must be a whole number from 1 to 600000, was 'soon'" + System.lineSeparator());
    }

    private void assertOneLineAndNothingLoggedBefore(Run run) {
        assertThat(run.stderr.lines()).as("one sentence").hasSize(1);
        assertThat(logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).map(
                ILoggingEvent::getFormattedMessage)).as("no warning before it").isEmpty();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    record Run(int status, String stdout, String stderr) {
    }

    static Run run(String... args) {
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

    static List<String> lines(String s) {
        return s.lines().toList();
    }
}
