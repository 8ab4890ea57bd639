package dev.seatflow.reconciler.shell;

/** The loop stopped on a fatal error; the message is the one sentence that says why and what to fix. */
public final class ServiceFailedException extends RuntimeException {
    ServiceFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
