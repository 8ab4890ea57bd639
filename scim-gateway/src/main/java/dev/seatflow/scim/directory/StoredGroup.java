package dev.seatflow.scim.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A group as the gateway keeps it, without its members: those are records of their own
 * ({@link StoreRecord.MemberRow}), so that adding one member to a group of 100,000 writes one small record.
 */
public record StoredGroup(String id, String created, String lastModified, ObjectNode attributes) {
    public StoredGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(attributes, "attributes");
    }
}
