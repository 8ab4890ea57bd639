package dev.seatflow.scim.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.UserType;
import dev.seatflow.scim.protocol.Attributes;
import dev.seatflow.scim.protocol.ScimException;
import dev.seatflow.scim.protocol.Schemas;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the reconciler learns about a SCIM user: {@code directory.user.upserted} with
 * <ul>
 *   <li>{@code userId}: the user's SCIM {@code id};
 *   <li>{@code userType}: {@code Guest} when SCIM {@code userType} is "Guest" (any case), else {@code Member}
 *       (Okta sends free text such as "Employee" there);
 *   <li>{@code usageLocation}: {@code usageLocation} of Seatflow's extension
 *       ({@value Schemas#SEATFLOW_USER}), else the {@code country} of the work address (or of the primary
 *       address when none is typed "work"), upper-cased; none when neither is a two-letter code.
 * </ul>
 * Nothing else (names, e-mails, {@code active}) reaches the reconciler.
 */
public final class UserMapping {
    private static final Pattern ALPHA_2 = Pattern.compile("[A-Za-z]{2}");

    private UserMapping() {
    }

    public static DirectoryEvent.UserUpserted upserted(String id, ObjectNode attributes) {
        return new DirectoryEvent.UserUpserted(id, usageLocation(attributes), userType(attributes));
    }

    public static UserType userType(ObjectNode attributes) {
        String t = Attributes.text(attributes, "userType");
        return t != null && t.trim().equalsIgnoreCase("Guest") ? UserType.Guest : UserType.Member;
    }

    public static String usageLocation(ObjectNode attributes) {
        JsonNode ext = Attributes.get(attributes, Schemas.SEATFLOW_USER);
        String explicit = ext == null ? null : Attributes.text(ext, "usageLocation");
        if (explicit != null && !explicit.isBlank()) {
            return explicit.trim().toUpperCase(Locale.ROOT);
        }
        JsonNode addresses = Attributes.get(attributes, "addresses");
        if (addresses == null || !addresses.isArray()) {
            return null;
        }
        JsonNode chosen = null;
        for (JsonNode a : addresses) {
            String type = Attributes.text(a, "type");
            if (type != null && type.equalsIgnoreCase("work")) {
                chosen = a;
                break;
            }
            JsonNode primary = Attributes.get(a, "primary");
            if (chosen == null && primary != null && primary.asBoolean(false)) {
                chosen = a;
            }
        }
        String country = chosen == null ? null : Attributes.text(chosen, "country");
        return country != null && ALPHA_2.matcher(country.trim()).matches() ? country.trim().toUpperCase(Locale.ROOT)
                : null;
    }

    /** Refuses a usage location in Seatflow's extension that is not a two-letter code. */
    static void validate(ObjectNode attributes) {
        JsonNode ext = Attributes.get(attributes, Schemas.SEATFLOW_USER);
        JsonNode loc = ext == null ? null : Attributes.get(ext, "usageLocation");
        if (loc != null && (!loc.isTextual() || !ALPHA_2.matcher(loc.asText().trim()).matches())) {
            throw ScimException.invalidValue(Schemas.SEATFLOW_USER + ":usageLocation must be an ISO 3166-1 alpha-2 "
                    + "country code such as \"DE\", was " + loc);
        }
    }
}
