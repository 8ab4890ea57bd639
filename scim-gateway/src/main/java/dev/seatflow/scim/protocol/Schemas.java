package dev.seatflow.scim.protocol;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The schema URNs the gateway knows, and the spellings identity providers are known to send for them. */
public final class Schemas {
    public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    /**
     * Seatflow's own user extension: {@code usageLocation} (ISO 3166-1 alpha-2). Spelled the way Microsoft's
     * provisioning documentation spells custom extensions, so that Entra's attribute mapping editor accepts
     * {@code urn:ietf:params:scim:schemas:extension:seatflow:2.0:User:usageLocation} as a target attribute.
     */
    public static final String SEATFLOW_USER = "urn:ietf:params:scim:schemas:extension:seatflow:2.0:User";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    public static final String SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    /** Extension schemas a User may carry, in the order responses list them. */
    public static final List<String> USER_EXTENSIONS = List.of(ENTERPRISE_USER, SEATFLOW_USER);

    /**
     * Schema URNs accepted in a request's {@code schemas} and mapped to the URN they stand for. Microsoft's
     * documented requests include two that are not valid: the enterprise extension without its last colon (the
     * "provision a user" example) and an Active Directory group schema on every group it creates. Both are taken
     * as what they mean; any other unknown URN is refused.
     */
    private static final Map<String, String> ALIASES = Map.of(
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0user", ENTERPRISE_USER,
            "http://schemas.microsoft.com/2006/11/resourcemanagement/adscim/2.0/group", GROUP);

    private static final List<String> ALL = List.of(USER, GROUP, ENTERPRISE_USER, SEATFLOW_USER);

    private Schemas() {
    }

    /** The URN {@code urn} names, case-insensitively (RFC 7643 section 2.1), including the known aliases. */
    public static Optional<String> canonical(String urn) {
        String lower = urn.toLowerCase(Locale.ROOT);
        for (String known : ALL) {
            if (known.toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(known);
            }
        }
        return Optional.ofNullable(ALIASES.get(lower));
    }

    /** The extension URN that {@code path} starts with, followed by ':' or '.' (the old Entra spelling) or nothing. */
    public static Optional<String> extensionPrefix(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (String known : List.of(USER, GROUP, ENTERPRISE_USER, SEATFLOW_USER)) {
            String k = known.toLowerCase(Locale.ROOT);
            if (lower.equals(k) || lower.startsWith(k + ":") || lower.startsWith(k + ".")) {
                return Optional.of(known);
            }
        }
        return Optional.empty();
    }

    public static boolean isCore(String urn) {
        return USER.equals(urn) || GROUP.equals(urn);
    }
}
