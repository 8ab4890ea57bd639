package dev.seatflow.events.json;

/**
 * A record value that does not follow the wire contract. {@link #field()} is the JSON path of the
 * offending member ({@code data.seats}, {@code data.disabledPlans[1]}), or {@code (document)} when
 * the bytes are not a JSON object at all, so that a rejection can say exactly what to fix.
 */
public final class InvalidEventException extends Exception {

    /** The {@link #field()} of an error that concerns the whole document rather than one member. */
    public static final String DOCUMENT = "(document)";

    private final String field;
    private final String problem;

    public InvalidEventException(String field, String problem) {
        super(field + ": " + problem, null, false, false);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
