package dev.seatflow.reconciler.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The shipped logback.xml: readable lines by default, one parseable JSON object per line with SEATFLOW_LOG_FORMAT=json. */
class LogLineEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonFormatWritesOneParseableObjectPerLine() throws Exception {
        Captured log = configure(Map.of("SEATFLOW_LOG_FORMAT", "JSON"));
        assertThat(log.encoder.format()).isEqualTo("json");

        Logger logger = log.context.getLogger("dev.seatflow.reconciler.shell.SummaryLog");
        logger.atInfo().setMessage("summary 60.0s: consumed=12").addKeyValue("consumed", 12).log();
        logger.info("a \"quoted\" message\nover two lines, tab\there, unicode \u00e9\u2713");
        logger.debug("not at INFO");
        logger.error("failed", new IllegalStateException("boom", new RuntimeException("cause")));

        List<String> lines = log.lines();
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            assertThat(JSON.readTree(line).isObject()).as(line).isTrue();
        }
        JsonNode summary = JSON.readTree(lines.get(0));
        assertThat(summary.get("level").asText()).isEqualTo("INFO");
        assertThat(summary.get("loggerName").asText()).isEqualTo("dev.seatflow.reconciler.shell.SummaryLog");
        assertThat(summary.get("formattedMessage").asText()).isEqualTo("summary 60.0s: consumed=12");
        assertThat(summary.get("timestamp").asLong()).isPositive();
        assertThat(summary.get("kvpList").toString()).contains("consumed").contains("12");
        assertThat(JSON.readTree(lines.get(1)).get("formattedMessage").asText())
                .isEqualTo("a \"quoted\" message\nover two lines, tab\there, unicode \u00e9\u2713");
        JsonNode error = JSON.readTree(lines.get(2));
        assertThat(error.get("level").asText()).isEqualTo("ERROR");
        assertThat(error.get("throwable").toString()).contains("IllegalStateException").contains("boom");
    }

    @Test
    void textIsTheDefaultAndTheLevelIsSeatflowLogLevel() throws Exception {
        Captured log = configure(Map.of("SEATFLOW_LOG_LEVEL", "DEBUG"));
        assertThat(log.encoder.format()).isEqualTo("text");

        log.context.getLogger("dev.seatflow.reconciler.shell.ReconcilerService").debug("transaction committed: 3 events");
        log.context.getLogger("org.apache.kafka.clients.NetworkClient").info("Kafka chatter stays out at INFO");

        assertThat(log.lines()).singleElement().asString()
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG \\[.+] d\\.s\\.r\\.s\\.ReconcilerService - "
                        + "transaction committed: 3 events");
    }

    @Test
    void anUnknownFormatFallsBackToText() throws Exception {
        Captured log = configure(Map.of("SEATFLOW_LOG_FORMAT", "yaml"));

        assertThat(log.encoder.format()).isEqualTo("text");
        assertThat(log.context.getStatusManager().getCopyOfStatusList())
                .anySatisfy(s -> assertThat(s.getMessage()).contains("unknown log format 'yaml'"));
    }

    /** Loads the real logback.xml into a context of its own, and sends what its appender would print to a buffer. */
    private static Captured configure(Map<String, String> variables) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // the one slf4j set up belongs to the JVM's default context
        variables.forEach(context::putProperty); // found before system properties and the environment
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogLineEncoderTest.class.getResource("/logback.xml"));

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        @SuppressWarnings("unchecked")
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        Encoder<ILoggingEvent> encoder = console.getEncoder();
        root.detachAppender(console);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> buffer = new OutputStreamAppender<>();
        buffer.setContext(context);
        buffer.setEncoder(encoder);
        buffer.setOutputStream(out);
        buffer.start();
        root.addAppender(buffer);
        return new Captured(context, (LogLineEncoder) encoder, out);
    }

    private record Captured(LoggerContext context, LogLineEncoder encoder, ByteArrayOutputStream out) {
        List<String> lines() {
            return out.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }
}
