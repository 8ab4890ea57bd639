package dev.seatflow.scim.protocol;

/**
 * A request the gateway refuses, as RFC 7644 section 3.12 describes it: an HTTP status, an optional
 * {@code scimType} and a {@code detail} that names the problem. Thrown by the pure SCIM rules and turned
 * into an error response by the service; never a bug.
 */
public final class ScimException extends RuntimeException {
    private final int status;
    private final String scimType;

    private ScimException(int status, String scimType, String detail) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
    }

    public int status() {
        return status;
    }

    /** Null when the status alone says it (RFC 7644 defines scimType for 400 and 409 only). */
    public String scimType() {
        return scimType;
    }

    public String detail() {
        return getMessage();
    }

    public static ScimException invalidFilter(String detail) {
        return new ScimException(400, "invalidFilter", detail);
    }

    public static ScimException invalidSyntax(String detail) {
        return new ScimException(400, "invalidSyntax", detail);
    }

    public static ScimException invalidPath(String detail) {
        return new ScimException(400, "invalidPath", detail);
    }

    public static ScimException noTarget(String detail) {
        return new ScimException(400, "noTarget", detail);
    }

    public static ScimException invalidValue(String detail) {
        return new ScimException(400, "invalidValue", detail);
    }

    public static ScimException mutability(String detail) {
        return new ScimException(400, "mutability", detail);
    }

    public static ScimException uniqueness(String detail) {
        return new ScimException(409, "uniqueness", detail);
    }

    public static ScimException notFound(String detail) {
        return new ScimException(404, null, detail);
    }

    public static ScimException methodNotAllowed(String detail) {
        return new ScimException(405, null, detail);
    }

    public static ScimException unauthorized(String detail) {
        return new ScimException(401, null, detail);
    }

    public static ScimException tooLarge(String detail) {
        return new ScimException(413, null, detail);
    }

    public static ScimException notImplemented(String detail) {
        return new ScimException(501, null, detail);
    }

    public static ScimException internal(String detail) {
        return new ScimException(500, null, detail);
    }

    public static ScimException unavailable(String detail) {
        return new ScimException(503, null, detail);
    }
}
