package dev.seatflow.reconciler.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.util.Locale;

/**
 * Encodes each log event as one line: readable text (the {@code pattern}) by default, or one JSON object for log
 * collectors when {@code format} is {@code json} ({@code SEATFLOW_LOG_FORMAT=json} in {@code logback.xml}).
 *
 * <p>logback chooses an encoder by class name only, and its {@code <if>} needs Janino on the classpath; choosing
 * here keeps the choice to one environment variable and one appender.
 *
 * <p>The JSON is logback's own {@link JsonEncoder} with the fields a log collector wants: {@code timestamp} (epoch
 * milliseconds), {@code level}, {@code threadName}, {@code loggerName}, {@code formattedMessage}, {@code mdc},
 * {@code kvpList} (slf4j key-value pairs, e.g. the numbers of the summary line) and {@code throwable}.
 */
public final class LogLineEncoder extends EncoderBase<ILoggingEvent> {
    private String format = "text";
    private String pattern = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";
    private Encoder<ILoggingEvent> delegate;

    /** {@code text} (the default) or {@code json}; anything else is text, with a warning. */
    public void setFormat(String format) {
        this.format = format;
    }

    /** The text format's pattern. */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    String format() {
        return delegate instanceof JsonEncoder ? "json" : "text";
    }

    @Override
    public void start() {
        String chosen = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        if (chosen.equals("json")) {
            JsonEncoder json = new JsonEncoder();
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithMessage(false);     // the template; formattedMessage has the values filled in
            json.setWithArguments(false);
            json.setWithFormattedMessage(true);
            delegate = json;
        } else {
            if (!chosen.isEmpty() && !chosen.equals("text")) {
                addWarn("unknown log format '" + format + "' (SEATFLOW_LOG_FORMAT takes text or json): using text");
            }
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(pattern);
            delegate = text;
        }
        delegate.setContext(getContext());
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}
