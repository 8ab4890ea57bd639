package dev.seatflow.testkit.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Passes only what is logged outside any test (see {@link TestLogs}), denies the rest; {@code invert} the other way
 * round. A JVM without tests (a broker or reconciler the tests start as a process) logs to its console this way.
 */
public final class OutsideATest extends Filter<ILoggingEvent> {
    private boolean invert;

    public void setInvert(boolean invert) {
        this.invert = invert;
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        boolean outside = TestLogs.owner() == null;
        return outside != invert ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
