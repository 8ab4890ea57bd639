package dev.seatflow.reconciler.shell;

import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.json.EventCodec;
import dev.seatflow.events.json.InvalidEventException;
import java.nio.charset.StandardCharsets;

/**
 * Whether an input may reach the core: decoded as one of the contract's events, and, for a Kafka record, keyed by
 * its tenant. The one place that says so, for the live loop and for {@code replay} alike; what is refused carries
 * the reason that goes with its dead letter (or replay's line on stderr).
 */
public final class InputAdmission {
    private InputAdmission() {
    }

    /** The verdict on one input: accepted with its event, or rejected with a reason. */
    public sealed interface Admission {
    }

    public record Accepted(InboundEvent event) implements Admission {
    }

    public record Rejected(String reason) implements Admission {
    }

    /** A line or value on its own (replay): it must decode. */
    public static Admission decode(byte[] value) {
        try {
            return new Accepted(EventCodec.INSTANCE.decodeInput(value));
        } catch (InvalidEventException e) {
            return new Rejected(e.getMessage());
        }
    }

    /**
     * A record of an input topic: it must have a value, decode, and be keyed by its {@code tenantid}, or its tenant's
     * state would split across partitions.
     */
    public static Admission record(byte[] key, byte[] value) {
        if (value == null) {
            return new Rejected("record has no value (a tombstone is not an event)");
        }
        Admission decoded = decode(value);
        if (decoded instanceof Accepted a) {
            String k = key == null ? null : new String(key, StandardCharsets.UTF_8);
            if (!a.event().tenantId().equals(k)) {
                return new Rejected("record key " + (k == null ? "is missing" : "'" + k + "'")
                        + " but must be the tenant id '" + a.event().tenantId() + "'");
            }
        }
        return decoded;
    }
}
