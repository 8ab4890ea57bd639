package dev.seatflow.events.json;

import static dev.seatflow.events.json.InvalidEventException.DOCUMENT;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.Envelope;
import dev.seatflow.events.EventType;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.InputEvent;
import dev.seatflow.events.LicensingEvent;
import dev.seatflow.events.Topics;
import dev.seatflow.events.UserType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decodes an input CloudEvent straight from its bytes with Jackson's streaming parser: no
 * {@code JsonNode} tree and no data binding for an event the contract accepts. This is the
 * reconciler's hot path (a replay spent over a third of its time building and reading trees).
 *
 * <p>It accepts and refuses exactly what the tree-based decoder it replaced does
 * ({@link EventCodec#decodeInputWithTree}, kept as the reference the property tests compare it
 * with): the same record, or the same {@link InvalidEventException#field()} and
 * {@link InvalidEventException#problem()}. Three rules make that hold:
 * <ol>
 *   <li><b>Read everything, then check.</b> The tree decoder parsed the whole document before looking
 *       at any member, so a syntax error anywhere (or content after the value) wins over a missing
 *       field. So one pass reads the whole document into {@link Members}, and only then do the
 *       checks run, in the old fixed order (specversion, id, source, type, tenantid, time, data,
 *       then the data fields in the order of the record's components), whatever the order of the
 *       members in the JSON.</li>
 *   <li><b>Drive the parser as the tree model's reader did.</b> Jackson reports some errors only
 *       when a value is accessed (a bad escape or invalid UTF-8 inside a string, a number it cannot
 *       represent, a string over the length limit), and a message carries the position where it was
 *       noticed. So every value is accessed with the calls {@code JsonNodeDeserializer} makes, at the
 *       same token, even in a member that is then ignored: {@code nextFieldName} for names,
 *       {@code getText} for strings, {@code getNumberType} and the matching getter for numbers.</li>
 *   <li><b>Show an odd value as {@link Fields#show} did.</b> A member whose value has the JSON type the
 *       contract expects is kept as a plain {@code String}, {@code int} or {@code boolean}. Any other
 *       value (of the wrong JSON type, or a number not written as a plain int, such as {@code 25.0},
 *       {@code 2.5e1} or {@code 2147483648}) is rare and almost always an error: that one value is
 *       read with the same mapper into the node the tree would have held, so that the problem quotes
 *       it exactly as before and a count is judged by the very same {@link Fields#count} code.</li>
 * </ol>
 * Stateless and thread-safe, like {@link EventCodec}.
 */
final class InputDecoder {

    /** The types of the two input topics, by their {@code type} attribute. */
    private static final Map<String, EventType> INPUT_TYPES = Arrays.stream(EventType.values())
            .filter(t -> t.topic().equals(Topics.DIRECTORY_CHANGES) || t.topic().equals(Topics.LICENSING_CONFIG))
            .collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    /** {@link Members#data} when data was a JSON object; its fields are then in the other members. */
    private static final Object DATA_OBJECT = new Object();

    private final JsonMapper mapper;

    /** {@code mapper} is the codec's: the same parser features (duplicate detection) and node reader. */
    InputDecoder(JsonMapper mapper) {
        this.mapper = mapper;
    }

    InboundEvent decode(byte[] json) throws InvalidEventException {
        Members m = read(json);
        specVersion(m.specversion);
        String id = requiredString("id", m.id);
        String source = requiredString("source", m.source);
        EventType type = inputType(m.type);
        String tenantId = requiredString("tenantid", m.tenantid);
        String time = time(m.time);
        data(m, type);
        InputEvent data = inputData(type, m);
        return new InboundEvent(new Envelope(id, source, tenantId, time), data);
    }

    // ---------------------------------------------------------------- the one pass over the bytes

    /**
     * The members the contract defines, as read: each is null when absent or JSON null, a plain value
     * when it has the JSON type the contract expects of it ({@code String}, {@code Integer} for a
     * count written as a plain int, {@code Boolean}, {@link StringArray}), and otherwise the
     * {@code JsonNode} of the value. Data fields are kept whatever the type turns out to be: a field
     * the type does not define is simply never checked, as before.
     */
    private static final class Members {
        Object specversion;
        Object id;
        Object source;
        Object type;
        Object tenantid;
        Object time;
        boolean dataBase64;
        /** {@link #DATA_OBJECT}, or null, or the node of a data value that is not an object. */
        Object data;

        Object userId;
        Object usageLocation;
        Object userType;
        Object groupId;
        Object subgroupId;
        Object skuId;
        Object seats;
        Object status;
        Object servicePlans;
        Object lowSeatsThreshold;
        Object disabledPlans;
        Object defaultUsageLocation;
        Object poolId;
        Object borrow;
    }

    /**
     * A JSON array the contract expects to hold strings: its strings up to the first element that is
     * not one, and that element as a node (null when every element is a string). Its index is
     * {@code strings.size()}; nothing after it matters, as the check stops there.
     */
    private record StringArray(List<String> strings, JsonNode firstNonString) {
    }

    private Members read(byte[] json) throws InvalidEventException {
        try (JsonParser p = mapper.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new InvalidEventException(DOCUMENT, "is empty");
            }
            Members m = new Members();
            // Not an object: read it whole as the tree did, since the problem shows it (after the trailing check).
            JsonNode notAnObject = first == JsonToken.START_OBJECT ? null : mapper.readTree(p);
            if (notAnObject == null) {
                readEnvelope(p, m);
            }
            if (p.nextToken() != null) {
                throw new InvalidEventException(DOCUMENT,
                        "has content after the JSON value" + EventCodec.at(p.currentTokenLocation()));
            }
            if (notAnObject != null) {
                throw new InvalidEventException(DOCUMENT, "must be a JSON object, was " + Fields.show(notAnObject));
            }
            return m;
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(DOCUMENT,
                    "is not valid JSON: " + e.getOriginalMessage() + EventCodec.at(e.getLocation()));
        } catch (IOException e) {
            throw new InvalidEventException(DOCUMENT, "is not valid JSON: " + e.getMessage());
        }
    }

    private void readEnvelope(JsonParser p, Members m) throws IOException {
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "specversion" -> m.specversion = string(p, t);
                case "id" -> m.id = string(p, t);
                case "source" -> m.source = string(p, t);
                case "type" -> m.type = string(p, t);
                case "tenantid" -> m.tenantid = string(p, t);
                case "time" -> m.time = string(p, t);
                case "data" -> {
                    if (t == JsonToken.START_OBJECT) {
                        readData(p, m);
                        m.data = DATA_OBJECT;
                    } else {
                        m.data = other(p, t);
                    }
                }
                case "data_base64" -> {
                    // Only its presence matters: it is refused whatever it holds.
                    skip(p, t);
                    m.dataBase64 = t != JsonToken.VALUE_NULL;
                }
                default -> skip(p, t); // an attribute the contract does not define: ignored
            }
        }
    }

    private void readData(JsonParser p, Members m) throws IOException {
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "userId" -> m.userId = string(p, t);
                case "usageLocation" -> m.usageLocation = string(p, t);
                case "userType" -> m.userType = string(p, t);
                case "groupId" -> m.groupId = string(p, t);
                case "subgroupId" -> m.subgroupId = string(p, t);
                case "skuId" -> m.skuId = string(p, t);
                case "seats" -> m.seats = count(p, t);
                case "status" -> m.status = string(p, t);
                case "servicePlans" -> m.servicePlans = strings(p, t);
                case "lowSeatsThreshold" -> m.lowSeatsThreshold = count(p, t);
                case "disabledPlans" -> m.disabledPlans = strings(p, t);
                case "defaultUsageLocation" -> m.defaultUsageLocation = string(p, t);
                case "poolId" -> m.poolId = string(p, t);
                case "borrow" -> m.borrow = bool(p, t);
                default -> skip(p, t); // a data field the contract does not define: ignored
            }
        }
    }

    private Object string(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_STRING ? p.getText() : other(p, t);
    }

    /** A plain int as an Integer; any other number (25.0, 1e2, beyond int) goes to the tree's node and Fields.count. */
    private Object count(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        return other(p, t);
    }

    private Object bool(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> other(p, t);
        };
    }

    private Object strings(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            return other(p, t);
        }
        List<String> strings = new ArrayList<>();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            if (e != JsonToken.VALUE_STRING) {
                // A JSON null element is a value here, not an absence: the tree held a NullNode.
                JsonNode firstNonString = mapper.readTree(p);
                skipRest(p);
                return new StringArray(strings, firstNonString);
            }
            strings.add(p.getText());
        }
        return new StringArray(strings, null);
    }

    /** A member of the wrong JSON type: null counts as absent; anything else is read into the tree's node. */
    private Object other(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NULL ? null : mapper.readTree(p);
    }

    /** Consumes the value at token {@code t} without keeping it, accessing every scalar as the tree's reader did. */
    private static void skip(JsonParser p, JsonToken t) throws IOException {
        if (t.isStructStart()) {
            skipRest(p);
        } else {
            access(p, t);
        }
    }

    /** Consumes the rest of the array or object the parser is in, up to and including its end. */
    private static void skipRest(JsonParser p) throws IOException {
        int depth = 1;
        while (depth > 0) {
            JsonToken t;
            if (p.getParsingContext().inObject()) {
                // Names as the tree's reader takes them; null means the object ended.
                t = p.nextFieldName() == null ? JsonToken.END_OBJECT : p.nextToken();
            } else {
                t = p.nextToken();
            }
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            } else {
                access(p, t);
            }
        }
    }

    /**
     * Makes the calls {@code JsonNodeDeserializer} makes on a scalar, without keeping the value, so that
     * a value the tree refused is refused here too with the same message at the same position.
     */
    private static void access(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_STRING -> {
                // getText() would decode the string the same way and then check the length limit on
                // the String it builds; decode into the parser's buffer, and build it only to fail.
                if (p.getTextLength() > p.streamReadConstraints().getMaxStringLength()) {
                    p.getText();
                }
            }
            case VALUE_NUMBER_INT -> {
                switch (p.getNumberType()) {
                    case INT -> p.getIntValue();
                    case LONG -> p.getLongValue();
                    default -> p.getBigIntegerValue();
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                // The codec reads floats as BigDecimal (USE_BIG_DECIMAL_FOR_FLOATS); only NaN would be a double.
                if (p.getNumberTypeFP() != JsonParser.NumberTypeFP.BIG_DECIMAL && p.isNaN()) {
                    p.getDoubleValue();
                } else {
                    p.getDecimalValue();
                }
            }
            default -> {
                // true, false, null: nothing to access
            }
        }
    }

    // ---------------------------------------------------------------- the checks, in the old order

    private static void specVersion(Object v) throws InvalidEventException {
        if (v == null) {
            throw new InvalidEventException("specversion", "is required");
        }
        if (!EventCodec.SPEC_VERSION.equals(v)) {
            throw new InvalidEventException("specversion", "must be \"1.0\", was " + show(v));
        }
    }

    private static EventType inputType(Object v) throws InvalidEventException {
        String type = requiredString("type", v);
        EventType t = INPUT_TYPES.get(type);
        if (t == null) {
            throw new InvalidEventException("type", "is not an input event type of the contract, was " + show(type));
        }
        return t;
    }

    private static String time(Object v) throws InvalidEventException {
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || !isTimestamp(s)) {
            throw new InvalidEventException("time",
                    "must be an RFC 3339 timestamp such as 2026-11-23T10:00:00Z, was " + show(v));
        }
        return s;
    }

    /**
     * Exactly {@code EventCodec.TIMESTAMP.matcher(s).matches()}, that is
     * {@code yyyy-mm-dd(T|t)hh:mm:ss(.d+)?(Z|z|(+|-)hh:mm)} with ASCII digits, written out: the regex
     * took about as long as the rest of the decoding of an event. A property test holds the two equal.
     */
    static boolean isTimestamp(String s) {
        int n = s.length();
        if (n < 20 || !digits(s, 0, 4) || s.charAt(4) != '-' || !digits(s, 5, 2) || s.charAt(7) != '-'
                || !digits(s, 8, 2) || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || !digits(s, 11, 2) || s.charAt(13) != ':' || !digits(s, 14, 2) || s.charAt(16) != ':'
                || !digits(s, 17, 2)) {
            return false;
        }
        int i = 19;
        if (s.charAt(i) == '.') {
            int fraction = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == fraction || i == n) {
                return false;
            }
        }
        char zone = s.charAt(i);
        if (zone == 'Z' || zone == 'z') {
            return i + 1 == n;
        }
        return (zone == '+' || zone == '-') && i + 6 == n && digits(s, i + 1, 2) && s.charAt(i + 3) == ':'
                && digits(s, i + 4, 2);
    }

    private static boolean digits(String s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Checks data itself; absent data of a type whose fields are all optional reads as no fields. */
    private static void data(Members m, EventType type) throws InvalidEventException {
        if (m.dataBase64) {
            // Binary data would be skipped silently for the types whose data is optional.
            throw new InvalidEventException("data_base64", "is not supported: send data as a JSON object");
        }
        if (m.data == null) {
            if (!EventCodec.DATA_OPTIONAL.contains(type)) {
                throw new InvalidEventException("data", "is required for type " + type.type());
            }
        } else if (m.data != DATA_OBJECT) {
            throw new InvalidEventException("data", "must be a JSON object, was " + show(m.data));
        }
    }

    /** Arguments are evaluated left to right, so the first field named in each constructor call is checked first. */
    private static InputEvent inputData(EventType type, Members d) throws InvalidEventException {
        return switch (type) {
            case USER_UPSERTED -> new DirectoryEvent.UserUpserted(
                    requiredString("data.userId", d.userId), stringOrNone("data.usageLocation", d.usageLocation),
                    optionalEnum("data.userType", d.userType, EventCodec.USER_TYPES, UserType.Member));
            case USER_DELETED -> new DirectoryEvent.UserDeleted(requiredString("data.userId", d.userId));
            case GROUP_MEMBER_ADDED -> new DirectoryEvent.GroupMemberAdded(
                    requiredString("data.groupId", d.groupId), requiredString("data.userId", d.userId));
            case GROUP_MEMBER_REMOVED -> new DirectoryEvent.GroupMemberRemoved(
                    requiredString("data.groupId", d.groupId), requiredString("data.userId", d.userId));
            case GROUP_DELETED -> new DirectoryEvent.GroupDeleted(requiredString("data.groupId", d.groupId));
            case GROUP_SUBGROUP_ADDED -> new DirectoryEvent.GroupSubgroupAdded(
                    requiredString("data.groupId", d.groupId), requiredString("data.subgroupId", d.subgroupId));
            case GROUP_SUBGROUP_REMOVED -> new DirectoryEvent.GroupSubgroupRemoved(
                    requiredString("data.groupId", d.groupId), requiredString("data.subgroupId", d.subgroupId));
            case SUBSCRIPTION_UPSERTED -> new LicensingEvent.SubscriptionUpserted(
                    requiredString("data.skuId", d.skuId), count("data.seats", d.seats),
                    requiredEnum("data.status", d.status, EventCodec.STATUSES),
                    optionalStrings("data.servicePlans", d.servicePlans),
                    optionalCount("data.lowSeatsThreshold", d.lowSeatsThreshold));
            case GROUP_LICENSE_ASSIGNED -> new LicensingEvent.GroupLicenseAssigned(
                    requiredString("data.groupId", d.groupId), requiredString("data.skuId", d.skuId),
                    optionalIds("data.disabledPlans", d.disabledPlans));
            case GROUP_LICENSE_REMOVED -> new LicensingEvent.GroupLicenseRemoved(
                    requiredString("data.groupId", d.groupId), requiredString("data.skuId", d.skuId));
            case USER_LICENSE_ASSIGNED -> new LicensingEvent.UserLicenseAssigned(
                    requiredString("data.userId", d.userId), requiredString("data.skuId", d.skuId),
                    optionalIds("data.disabledPlans", d.disabledPlans));
            case USER_LICENSE_REMOVED -> new LicensingEvent.UserLicenseRemoved(
                    requiredString("data.userId", d.userId), requiredString("data.skuId", d.skuId));
            case TENANT_SETTINGS_UPSERTED -> new LicensingEvent.TenantSettingsUpserted(
                    stringOrNone("data.defaultUsageLocation", d.defaultUsageLocation));
            case REPROCESS_REQUESTED -> new LicensingEvent.ReprocessRequested(optionalString("data.userId", d.userId));
            case POOL_UPSERTED -> new LicensingEvent.PoolUpserted(
                    requiredString("data.poolId", d.poolId), requiredString("data.skuId", d.skuId),
                    requiredString("data.groupId", d.groupId), count("data.seats", d.seats),
                    optionalBoolean("data.borrow", d.borrow, true));
            case POOL_REMOVED -> new LicensingEvent.PoolRemoved(requiredString("data.poolId", d.poolId));
            case USER_LICENSE_CHANGED, SEATS_ALERT_CHANGED -> throw new AssertionError("not an input type: " + type);
        };
    }

    // The rules of Fields, on values as read; the problem texts are the same word for word.

    private static String requiredString(String path, Object v) throws InvalidEventException {
        if (v == null) {
            throw new InvalidEventException(path, "is required");
        }
        return nonEmptyString(path, v);
    }

    /** A non-empty string, or null when absent: an empty string would be ambiguous here. */
    private static String optionalString(String path, Object v) throws InvalidEventException {
        return v == null ? null : nonEmptyString(path, v);
    }

    private static String nonEmptyString(String path, Object v) throws InvalidEventException {
        if (v instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw new InvalidEventException(path, "must be a non-empty string, was " + show(v));
    }

    /** A string where empty means none, as the contract says of usage locations. */
    private static String stringOrNone(String path, Object v) throws InvalidEventException {
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new InvalidEventException(path, "must be a string or null, was " + show(v));
        }
        return s.isEmpty() ? null : s;
    }

    private static int count(String path, Object v) throws InvalidEventException {
        if (v == null) {
            throw new InvalidEventException(path, "is required");
        }
        return count(path, v, "an integer >= 0");
    }

    private static Integer optionalCount(String path, Object v) throws InvalidEventException {
        return v == null ? null : count(path, v, "an integer >= 0 or null");
    }

    private static int count(String path, Object v, String expected) throws InvalidEventException {
        if (v instanceof Integer i) {
            if (i < 0) {
                throw new InvalidEventException(path, "must be " + expected + ", was " + show(v));
            }
            return i;
        }
        return Fields.count((JsonNode) v, path, expected);
    }

    private static boolean optionalBoolean(String path, Object v, boolean absent) throws InvalidEventException {
        if (v == null) {
            return absent;
        }
        if (!(v instanceof Boolean b)) {
            throw new InvalidEventException(path, "must be true or false, was " + show(v));
        }
        return b;
    }

    private static <E extends Enum<E>> E requiredEnum(String path, Object v, Fields.Spelling<E> spelling)
            throws InvalidEventException {
        if (v == null) {
            throw new InvalidEventException(path, "is required");
        }
        return spelled(path, v, spelling);
    }

    private static <E extends Enum<E>> E optionalEnum(String path, Object v, Fields.Spelling<E> spelling, E absent)
            throws InvalidEventException {
        return v == null ? absent : spelled(path, v, spelling);
    }

    private static <E extends Enum<E>> E spelled(String path, Object v, Fields.Spelling<E> spelling)
            throws InvalidEventException {
        E e = v instanceof String s ? spelling.lookup(s) : null;
        if (e == null) {
            throw new InvalidEventException(path, "must be one of " + spelling.expected() + ", was " + show(v));
        }
        return e;
    }

    /** A list of non-empty strings; absent is empty. */
    private static List<String> optionalIds(String path, Object v) throws InvalidEventException {
        return v == null ? List.of() : strings(path, v, true);
    }

    /** A list of strings, any string allowed; absent is empty. */
    private static List<String> optionalStrings(String path, Object v) throws InvalidEventException {
        return v == null ? List.of() : strings(path, v, false);
    }

    private static List<String> strings(String path, Object v, boolean nonEmpty) throws InvalidEventException {
        if (!(v instanceof StringArray a)) {
            throw new InvalidEventException(path, "must be an array of strings, was " + show(v));
        }
        List<String> strings = a.strings();
        if (nonEmpty) {
            for (int i = 0; i < strings.size(); i++) {
                if (strings.get(i).isEmpty()) {
                    throw new InvalidEventException(path + "[" + i + "]", "must be a non-empty string, was \"\"");
                }
            }
        }
        if (a.firstNonString() != null) {
            throw new InvalidEventException(path + "[" + strings.size() + "]",
                    (nonEmpty ? "must be a non-empty string, was " : "must be a string, was ")
                            + Fields.show(a.firstNonString()));
        }
        return strings;
    }

    /** A value as {@link Fields#show} shows it: the node the tree held for it, as JSON text, cut short. */
    private static String show(Object v) {
        JsonNode n;
        if (v instanceof String s) {
            n = TextNode.valueOf(s);
        } else if (v instanceof Integer i) {
            n = IntNode.valueOf(i);
        } else if (v instanceof Boolean b) {
            n = BooleanNode.valueOf(b);
        } else {
            n = (JsonNode) v;
        }
        return Fields.show(n);
    }
}
