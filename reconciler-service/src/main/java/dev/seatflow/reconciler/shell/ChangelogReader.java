package dev.seatflow.reconciler.shell;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserType;
import dev.seatflow.reconciler.core.StateRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads any JSON object of the changelog's format with Jackson's streaming parser, field by field: fields may come
 * in any order, unknown fields are skipped, a missing field is null (0 or false for a number or flag). The path for
 * whatever {@link CanonicalChangelogReader} does not recognise.
 */
final class ChangelogReader {
    private static final JsonFactory JSON = new JsonFactory();

    private ChangelogReader() {
    }

    /** Any JSON object of the format, whatever its field order, spacing, escapes or extra fields. */
    static StateRecord decodeAnyJson(byte[] value) {
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            Fields f = new Fields();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "kind" -> f.kind = text(p, t);
                    case "userId" -> f.userId = text(p, t);
                    case "groupId" -> f.groupId = text(p, t);
                    case "subgroupId" -> f.subgroupId = text(p, t);
                    case "poolId" -> f.poolId = text(p, t);
                    case "lowSeatsThreshold" -> f.lowSeatsThreshold = t == JsonToken.VALUE_NULL ? null
                            : Math.toIntExact(p.getValueAsLong());
                    case "borrow" -> f.borrow = t == JsonToken.VALUE_TRUE;
                    case "skuId" -> f.skuId = text(p, t);
                    case "usageLocation" -> f.usageLocation = text(p, t);
                    case "defaultUsageLocation" -> f.defaultUsageLocation = text(p, t);
                    case "userType" -> f.userType = text(p, t);
                    case "status" -> f.status = text(p, t);
                    case "source" -> f.source = text(p, t);
                    case "id" -> f.id = text(p, t);
                    case "since" -> f.since = text(p, t);
                    case "slot" -> f.slot = number(p, t);
                    case "joinOrder" -> f.joinOrder = number(p, t);
                    case "seats" -> f.seats = number(p, t);
                    case "position" -> f.position = number(p, t);
                    case "nextPosition" -> f.nextPosition = number(p, t);
                    case "nextJoin" -> f.nextJoin = number(p, t);
                    case "nextSeen" -> f.nextSeen = number(p, t);
                    case "seq" -> f.seq = number(p, t);
                    case "firstSeq" -> f.firstSeq = number(p, t);
                    case "sources" -> f.sources = list(p, t);
                    case "ids" -> f.ids = list(p, t);
                    case "holdsSeat" -> f.holdsSeat = t == JsonToken.VALUE_TRUE;
                    case "disabledPlans", "servicePlans", "directPlans" -> f.list = list(p, t);
                    default -> p.skipChildren(); // forward compatibility: unknown fields are ignored
                }
            }
            return f.record();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot decode state record " + new String(value, StandardCharsets.UTF_8)
                    + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NULL ? null : p.getValueAsString();
    }

    private static long number(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NULL ? 0 : p.getValueAsLong();
    }

    private static List<String> list(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            return null;
        }
        List<String> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            values.add(p.getValueAsString());
        }
        return List.copyOf(values);
    }

    /** The fields of one record as read; {@link #record()} builds the record its kind names. */
    private static final class Fields {
        String kind;
        String userId;
        String groupId;
        String subgroupId;
        String poolId;
        Integer lowSeatsThreshold;
        boolean borrow;
        String skuId;
        String usageLocation;
        String defaultUsageLocation;
        String userType;
        String status;
        String source;
        String id;
        String since;
        long slot;
        long joinOrder;
        long seats;
        long position;
        long nextPosition;
        long nextJoin;
        long nextSeen;
        long seq;
        long firstSeq;
        List<String> sources;
        List<String> ids;
        boolean holdsSeat;
        List<String> list;

        StateRecord record() {
            if (kind == null) {
                throw new IllegalArgumentException("no kind");
            }
            return switch (kind) {
                case "user" -> new StateRecord.UserAttributes(userId, usageLocation,
                        userType == null ? null : UserType.valueOf(userType));
                case "member" -> new StateRecord.Membership(groupId, userId, joinOrder);
                case "subgroup" -> new StateRecord.SubgroupLink(groupId, subgroupId, joinOrder);
                case "group-license" -> new StateRecord.GroupLicenseRecord(groupId, skuId, list);
                case "subscription" -> new StateRecord.SubscriptionRecord(skuId, Math.toIntExact(seats),
                        status == null ? null : SubscriptionStatus.valueOf(status), list, lowSeatsThreshold);
                case "pool" -> new StateRecord.PoolRecord(poolId, skuId, groupId, Math.toIntExact(seats), borrow);
                case "entitlement" -> new StateRecord.EntitlementRecord(userId, skuId, position, holdsSeat, list, since);
                case "tenant" -> new StateRecord.TenantRecord(defaultUsageLocation, nextPosition, nextJoin, nextSeen);
                case "seen" -> new StateRecord.SeenEvent(Math.toIntExact(slot), source, id, seq);
                case "seen-block" -> new StateRecord.SeenBlock(Math.toIntExact(slot), firstSeq,
                        ChangelogCodec.events(sources, ids), nextPosition, nextJoin);
                default -> throw new IllegalArgumentException("unknown kind '" + kind + "'");
            };
        }
    }
}
