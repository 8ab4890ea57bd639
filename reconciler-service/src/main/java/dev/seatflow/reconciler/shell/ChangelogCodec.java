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
 * Maps {@link StateRecord}s to and from the state changelog topic. The key is
 * {@code <length of tenant>:<tenant><record key>}, so it is unique per tenant and record and
 * parses back without escaping; the value is the record as a JSON object whose {@code kind} names
 * the record type, or null for a tombstone:
 * <pre>{"kind":"member","groupId":"g-1","userId":"u-1","joinOrder":5}</pre>
 *
 * <p>Written byte by byte and read with Jackson's streaming parser, field by field: the changelog
 * carries about three records per input event and is read back whole on every restore, and data
 * binding (reflection, polymorphic type resolution) cost the loop a tenth of its time and the
 * restore a quarter. The format is the one data binding wrote, so existing changelogs still restore: fields
 * may come in any order, unknown fields are skipped, a missing field is null (0 or false for a
 * number or flag).
 */
final class ChangelogCodec {
    private static final JsonFactory JSON = new JsonFactory();

    byte[] key(String tenantId, StateRecord record) {
        return key(tenantId, record.key());
    }

    /** The key of a record whose {@link StateRecord#key()} the caller already has (it is built anew on each call). */
    byte[] key(String tenantId, String recordKey) {
        return (tenantId.length() + ":" + tenantId + recordKey).getBytes(StandardCharsets.UTF_8);
    }

    /** Null for a tombstone. */
    byte[] value(StateRecord record) {
        if (record instanceof StateRecord.Tombstone) {
            return null;
        }
        JsonBytes j = new JsonBytes();
        if (record instanceof StateRecord.UserAttributes r) {
            j.kind("user").field("userId", r.userId()).field("usageLocation", r.usageLocation())
                    .field("userType", r.userType() == null ? null : r.userType().name());
        } else if (record instanceof StateRecord.Membership r) {
            j.kind("member").field("groupId", r.groupId()).field("userId", r.userId())
                    .field("joinOrder", r.joinOrder());
        } else if (record instanceof StateRecord.GroupLicense r) {
            j.kind("group-license").field("groupId", r.groupId()).field("skuId", r.skuId())
                    .field("disabledPlans", r.disabledPlans());
        } else if (record instanceof StateRecord.Subscription r) {
            j.kind("subscription").field("skuId", r.skuId()).field("seats", r.seats())
                    .field("status", r.status() == null ? null : r.status().name())
                    .field("servicePlans", r.servicePlans());
        } else if (record instanceof StateRecord.EntitlementRecord r) {
            j.kind("entitlement").field("userId", r.userId()).field("skuId", r.skuId())
                    .field("position", r.position()).field("holdsSeat", r.holdsSeat())
                    .field("directPlans", r.directPlans()).field("since", r.since());
        } else if (record instanceof StateRecord.TenantRecord r) {
            j.kind("tenant").field("defaultUsageLocation", r.defaultUsageLocation())
                    .field("nextPosition", r.nextPosition()).field("nextJoin", r.nextJoin())
                    .field("nextSeen", r.nextSeen());
        } else if (record instanceof StateRecord.SeenEvent r) {
            j.kind("seen").field("slot", r.slot()).field("source", r.source()).field("id", r.id())
                    .field("seq", r.seq());
        } else {
            throw new IllegalArgumentException("no changelog encoding for " + record);
        }
        return j.end();
    }

    /**
     * Writes one flat JSON object straight into bytes, escaping as Jackson does. Faster than a
     * Jackson generator, whose set-up per record (buffer recycling, a stream) cost more than the
     * few fields it writes.
     */
    private static final class JsonBytes {
        private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
        private byte[] buf = new byte[192];
        private int len;

        JsonBytes kind(String kind) {
            ascii("{\"kind\":\"");
            ascii(kind);
            ascii("\"");
            return this;
        }

        JsonBytes field(String name, String value) {
            name(name);
            if (value == null) {
                ascii("null");
            } else {
                string(value);
            }
            return this;
        }

        JsonBytes field(String name, long value) {
            name(name);
            ascii(Long.toString(value));
            return this;
        }

        JsonBytes field(String name, boolean value) {
            name(name);
            ascii(value ? "true" : "false");
            return this;
        }

        JsonBytes field(String name, List<String> values) {
            name(name);
            if (values == null) {
                ascii("null");
                return this;
            }
            put('[');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    put(',');
                }
                string(values.get(i));
            }
            put(']');
            return this;
        }

        byte[] end() {
            put('}');
            return java.util.Arrays.copyOf(buf, len);
        }

        private void name(String name) {
            ascii(",\"");
            ascii(name);
            ascii("\":");
        }

        private void string(String s) {
            put('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                    put(c);
                } else if (c >= 0x80) {
                    // Multi-byte UTF-8 (surrogate pairs included): rare in ids, so the simple way.
                    int end = i + 1;
                    while (end < s.length() && s.charAt(end) >= 0x80) {
                        end++;
                    }
                    bytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                    i = end - 1;
                } else {
                    escape(c);
                }
            }
            put('"');
        }

        private void escape(char c) {
            put('\\');
            switch (c) {
                case '"' -> put('"');
                case '\\' -> put('\\');
                case '\b' -> put('b');
                case '\t' -> put('t');
                case '\n' -> put('n');
                case '\f' -> put('f');
                case '\r' -> put('r');
                default -> {
                    ascii("u00");
                    put(HEX[c >> 4]);
                    put(HEX[c & 0xf]);
                }
            }
        }

        private void ascii(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                buf[len++] = (byte) s.charAt(i);
            }
        }

        private void bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        private void put(int b) {
            ensure(1);
            buf[len++] = (byte) b;
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }
    }

    /** The tenant and record key of a changelog key. */
    static Key parseKey(byte[] key) {
        String k = new String(key, StandardCharsets.UTF_8);
        int colon = k.indexOf(':');
        int length = Integer.parseInt(k, 0, colon, 10);
        String tenant = k.substring(colon + 1, colon + 1 + length);
        return new Key(tenant, k.substring(colon + 1 + length));
    }

    StateRecord decode(byte[] value) {
        StateRecord canonical = new CanonicalReader(value).read();
        return canonical != null ? canonical : decodeAnyJson(value);
    }

    /** Any JSON object of the format, whatever its field order, spacing, escapes or extra fields. */
    StateRecord decodeAnyJson(byte[] value) {
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
                case "group-license" -> new StateRecord.GroupLicense(groupId, skuId, list);
                case "subscription" -> new StateRecord.Subscription(skuId, Math.toIntExact(seats),
                        status == null ? null : SubscriptionStatus.valueOf(status), list);
                case "entitlement" -> new StateRecord.EntitlementRecord(userId, skuId, position, holdsSeat, list, since);
                case "tenant" -> new StateRecord.TenantRecord(defaultUsageLocation, nextPosition, nextJoin, nextSeen);
                case "seen" -> new StateRecord.SeenEvent(Math.toIntExact(slot), source, id, seq);
                default -> throw new IllegalArgumentException("unknown kind '" + kind + "'");
            };
        }
    }

    /**
     * Reads a value exactly as {@link #value} writes it (its field order, no spaces, strings without
     * escapes), or gives up with null at the first byte that differs, and the Jackson path reads it.
     * A restore reads millions of these: creating a Jackson parser per record was a third of it.
     */
    private static final class CanonicalReader {
        private final byte[] b;
        private int i;
        private boolean failed;

        CanonicalReader(byte[] b) {
            this.b = b;
        }

        StateRecord read() {
            if (!expect("{\"kind\":")) {
                return null;
            }
            String kind = string();
            if (kind == null || failed) {
                return null;
            }
            StateRecord r = switch (kind) {
                case "user" -> {
                    String user = stringField("userId");
                    String location = stringField("usageLocation");
                    String type = stringField("userType");
                    yield failed || type == null ? null : new StateRecord.UserAttributes(user, location, userType(type));
                }
                case "member" -> {
                    String group = stringField("groupId");
                    String user = stringField("userId");
                    long join = numberField("joinOrder");
                    yield new StateRecord.Membership(group, user, join);
                }
                case "group-license" -> {
                    String group = stringField("groupId");
                    String sku = stringField("skuId");
                    List<String> plans = listField("disabledPlans");
                    yield new StateRecord.GroupLicense(group, sku, plans);
                }
                case "subscription" -> {
                    String sku = stringField("skuId");
                    long seats = numberField("seats");
                    String status = stringField("status");
                    List<String> plans = listField("servicePlans");
                    yield failed || status == null || seats != (int) seats ? null
                            : new StateRecord.Subscription(sku, (int) seats, subscriptionStatus(status), plans);
                }
                case "entitlement" -> {
                    String user = stringField("userId");
                    String sku = stringField("skuId");
                    long position = numberField("position");
                    Boolean holds = booleanField("holdsSeat");
                    List<String> plans = listField("directPlans");
                    String since = stringField("since");
                    yield failed || holds == null ? null
                            : new StateRecord.EntitlementRecord(user, sku, position, holds, plans, since);
                }
                case "tenant" -> {
                    String location = stringField("defaultUsageLocation");
                    long position = numberField("nextPosition");
                    long join = numberField("nextJoin");
                    long seen = numberField("nextSeen");
                    yield new StateRecord.TenantRecord(location, position, join, seen);
                }
                case "seen" -> {
                    long slot = numberField("slot");
                    String source = stringField("source");
                    String id = stringField("id");
                    long seq = numberField("seq");
                    yield slot != (int) slot ? null : new StateRecord.SeenEvent((int) slot, source, id, seq);
                }
                default -> null;
            };
            return failed || r == null || !expect("}") || i != b.length ? null : r;
        }

        private UserType userType(String name) {
            for (UserType t : UserType.values()) {
                if (t.name().equals(name)) {
                    return t;
                }
            }
            failed = true;
            return null;
        }

        private SubscriptionStatus subscriptionStatus(String name) {
            for (SubscriptionStatus t : SubscriptionStatus.values()) {
                if (t.name().equals(name)) {
                    return t;
                }
            }
            failed = true;
            return null;
        }

        private boolean name(String name) {
            if (failed || !expect(",\"") || !expect(name) || !expect("\":")) {
                failed = true;
                return false;
            }
            return true;
        }

        private String stringField(String name) {
            return name(name) ? string() : null;
        }

        private long numberField(String name) {
            if (!name(name)) {
                return 0;
            }
            int start = i;
            if (i < b.length && b[i] == '-') {
                i++;
            }
            long n = 0;
            int digits = 0;
            while (i < b.length && b[i] >= '0' && b[i] <= '9' && digits < 18) {
                n = n * 10 + (b[i++] - '0');
                digits++;
            }
            if (digits == 0 || (i < b.length && b[i] >= '0' && b[i] <= '9')) {
                failed = true; // no digits, or too many for this simple reader
                return 0;
            }
            return b[start] == '-' ? -n : n;
        }

        private Boolean booleanField(String name) {
            if (!name(name)) {
                return null;
            }
            if (expect("true")) {
                return true;
            }
            if (expect("false")) {
                return false;
            }
            failed = true;
            return null;
        }

        private List<String> listField(String name) {
            if (!name(name) || expect("null")) {
                return null;
            }
            if (!expect("[")) {
                failed = true;
                return null;
            }
            List<String> values = new ArrayList<>();
            if (expect("]")) {
                return List.of();
            }
            do {
                String v = string();
                if (v == null) {
                    failed = true;
                    return null;
                }
                values.add(v);
            } while (expect(","));
            if (!expect("]")) {
                failed = true;
                return null;
            }
            return List.copyOf(values);
        }

        /** A string without escapes, or null for {@code null}; anything else fails. */
        private String string() {
            if (expect("null")) {
                return null;
            }
            if (!expect("\"")) {
                failed = true;
                return null;
            }
            int start = i;
            while (i < b.length && b[i] != '"') {
                if (b[i] == '\\' || (b[i] >= 0 && b[i] < 0x20)) {
                    failed = true; // an escape or a control character: the Jackson path knows them
                    return null;
                }
                i++;
            }
            if (i == b.length) {
                failed = true;
                return null;
            }
            String s = new String(b, start, i - start, StandardCharsets.UTF_8);
            i++;
            return s;
        }

        private boolean expect(String ascii) {
            int n = ascii.length();
            if (i + n > b.length) {
                return false;
            }
            for (int k = 0; k < n; k++) {
                if (b[i + k] != ascii.charAt(k)) {
                    return false;
                }
            }
            i += n;
            return true;
        }
    }

    record Key(String tenantId, String recordKey) {
    }
}
