package dev.seatflow.testkit.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.sift.AbstractDiscriminator;

/** For logback's {@code SiftingAppender}: the test class a log event's thread works for ({@link TestLogs}). */
public final class TestClassDiscriminator extends AbstractDiscriminator<ILoggingEvent> {
    public static final String KEY = "testClass";

    @Override
    public String getDiscriminatingValue(ILoggingEvent event) {
        String owner = TestLogs.owner();
        return owner == null ? "no-test" : owner;
    }

    @Override
    public String getKey() {
        return KEY;
    }
}
