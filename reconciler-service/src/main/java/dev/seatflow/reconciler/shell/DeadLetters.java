package dev.seatflow.reconciler.shell;

/**
 * Headers of a {@code licensing.rejected} record. The dead letter keeps the original key, value
 * and headers untouched; why and where it was rejected travels in these headers.
 */
public final class DeadLetters {
    public static final String REASON = "seatflow.rejected.reason";
    public static final String TOPIC = "seatflow.rejected.topic";
    public static final String PARTITION = "seatflow.rejected.partition";
    public static final String OFFSET = "seatflow.rejected.offset";

    private DeadLetters() {
    }
}
