package dev.seatflow.scim.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A user as the gateway keeps it: its id and timestamps, and every attribute the identity provider set, as it
 * sent them (extensions under their schema URN). {@code attributes} is never changed once the record is built.
 */
public record StoredUser(String id, String created, String lastModified, ObjectNode attributes) {
    public StoredUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(attributes, "attributes");
    }
}
