package dev.seatflow.scim.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seatflow.scim.directory.MemberType;
import dev.seatflow.scim.directory.StoreRecord;
import dev.seatflow.scim.directory.StoredGroup;
import dev.seatflow.scim.directory.StoredUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The resource store's records on Kafka. Keys: {@code <tenant>/Users/<id>}, {@code <tenant>/Groups/<id>} and
 * {@code <tenant>/Groups/<group id>/members/<member id>}, so that compaction keeps the latest of each; values:
 * plain JSON ({@code {"id","created","lastModified","attributes"}} or {@code {"type":"User"}}), null for a
 * tombstone.
 */
final class StoreCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreCodec() {
    }

    static byte[] key(StoreRecord r) {
        String key;
        if (r instanceof StoreRecord.UserRow u) {
            key = r.tenant() + "/Users/" + u.id();
        } else if (r instanceof StoreRecord.GroupRow g) {
            key = r.tenant() + "/Groups/" + g.id();
        } else if (r instanceof StoreRecord.MemberRow m) {
            key = r.tenant() + "/Groups/" + m.groupId() + "/members/" + m.memberId();
        } else {
            throw new IllegalStateException("unknown store record " + r);
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(StoreRecord r) {
        ObjectNode v = JSON.createObjectNode();
        if (r instanceof StoreRecord.UserRow u) {
            if (u.user() == null) {
                return null;
            }
            resource(v, u.id(), u.user().created(), u.user().lastModified(), u.user().attributes());
        } else if (r instanceof StoreRecord.GroupRow g) {
            if (g.group() == null) {
                return null;
            }
            resource(v, g.id(), g.group().created(), g.group().lastModified(), g.group().attributes());
        } else if (r instanceof StoreRecord.MemberRow m) {
            if (m.type() == null) {
                return null;
            }
            v.put("type", m.type().name());
        }
        try {
            return JSON.writeValueAsBytes(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void resource(ObjectNode v, String id, String created, String lastModified, ObjectNode attributes) {
        v.put("id", id);
        v.put("created", created);
        v.put("lastModified", lastModified);
        v.set("attributes", attributes);
    }

    static StoreRecord decode(byte[] keyBytes, byte[] value) {
        String key = new String(keyBytes, StandardCharsets.UTF_8);
        String[] parts = key.split("/");
        try {
            JsonNode v = value == null ? null : JSON.readTree(value);
            if (parts.length == 3 && parts[1].equals("Users")) {
                return new StoreRecord.UserRow(parts[0], parts[2], v == null ? null : new StoredUser(parts[2],
                        v.get("created").asText(), v.get("lastModified").asText(), (ObjectNode) v.get("attributes")));
            }
            if (parts.length == 3 && parts[1].equals("Groups")) {
                return new StoreRecord.GroupRow(parts[0], parts[2], v == null ? null : new StoredGroup(parts[2],
                        v.get("created").asText(), v.get("lastModified").asText(), (ObjectNode) v.get("attributes")));
            }
            if (parts.length == 5 && parts[1].equals("Groups") && parts[3].equals("members")) {
                return new StoreRecord.MemberRow(parts[0], parts[2], parts[4],
                        v == null ? null : MemberType.valueOf(v.get("type").asText()));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("unreadable resource store record " + key + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("unknown resource store key " + key);
    }
}
