package dev.seatflow.events.json;

import static dev.seatflow.events.json.InvalidEventException.DOCUMENT;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.seatflow.events.AlertEvent;
import dev.seatflow.events.AlertLevel;
import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.Envelope;
import dev.seatflow.events.EventType;
import dev.seatflow.events.GroupStatus;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.InputEvent;
import dev.seatflow.events.LicenseEntry;
import dev.seatflow.events.LicenseState;
import dev.seatflow.events.LicensingEvent;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.PoolSeats;
import dev.seatflow.events.Reason;
import dev.seatflow.events.SeatAlertChanged;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.Topics;
import dev.seatflow.events.UserLicenseChanged;
import dev.seatflow.events.UserLicenses;
import dev.seatflow.events.UserType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one mapping between the contract's records and their JSON wire form: input CloudEvents, the
 * output CloudEvents ({@code licensing.user.license.changed} and, v2, {@code licensing.seats.alert.changed}),
 * and the plain JSON values of the compacted state topics. Stateless and thread-safe; share {@link #INSTANCE}.
 *
 * <p>Decoding is strict about what the contract defines and ignores what it does not (unknown
 * attributes and data fields), so producers can add fields without breaking the reconciler.
 * Encoding writes members in a fixed order, so that replays agree byte for byte, and refuses a
 * record the decoder would reject, so that {@code decode(encode(e)).equals(e)} always holds.
 */
public final class EventCodec {

    public static final EventCodec INSTANCE = new EventCodec();

    public static final String SPEC_VERSION = "1.0";
    /** The {@code datacontenttype} of every event the reconciler publishes. */
    public static final String DATA_CONTENT_TYPE = "application/json";

    /** RFC 3339 date-time, the syntax CloudEvents requires of {@code time}; the schemas use the same pattern. */
    static final Pattern TIMESTAMP = Pattern.compile(
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$");

    static final Fields.Spelling<UserType> USER_TYPES = Fields.Spelling.all(UserType.values());
    static final Fields.Spelling<SubscriptionStatus> STATUSES = Fields.Spelling.all(SubscriptionStatus.values());
    private static final Fields.Spelling<LicenseState> STATES = Fields.Spelling.all(LicenseState.values());
    /** Entries and previous states are never Removed: a removed user has no entry. */
    private static final Fields.Spelling<LicenseState> ENTRY_STATES =
            Fields.Spelling.of(List.of(LicenseState.Assigned, LicenseState.Queued, LicenseState.Blocked));
    private static final Fields.Spelling<Reason> REASONS = Fields.Spelling.all(Reason.values());
    private static final Fields.Spelling<AlertLevel> ALERT_LEVELS = Fields.Spelling.all(AlertLevel.values());

    /** The input types whose data fields are all optional, so that data itself may be omitted. */
    static final Set<EventType> DATA_OPTIONAL =
            EnumSet.of(EventType.TENANT_SETTINGS_UPSERTED, EventType.REPROCESS_REQUESTED);

    private final JsonMapper mapper = JsonMapper.builder()
            // A repeated member (two tenantids) is ambiguous; refuse it rather than let the last one win.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Exact decimals, so that 25.0000000000000000001 seats is a fraction rather than a double rounded to 25.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private final JsonFactory factory = mapper.getFactory();
    private final Fields emptyData = Fields.empty("data");
    private final InputDecoder inputDecoder = new InputDecoder(mapper);

    private EventCodec() {
    }

    // ---------------------------------------------------------------- input events

    /**
     * Reads an input CloudEvent. This is the reconciler's hot path, so it streams: see
     * {@link InputDecoder}, which accepts and refuses exactly what {@link #decodeInputWithTree} does.
     */
    public InboundEvent decodeInput(byte[] json) throws InvalidEventException {
        try {
            return inputDecoder.decode(json);
        } catch (NumberFormatException | ArithmeticException e) {
            throw unreadableNumber(e);
        }
    }

    /**
     * Jackson (and BigDecimal) give up on exponents such as {@code 1e2147483648} with an unchecked
     * exception: that is bad input like any other, and must become a rejection, never a crash.
     */
    private static InvalidEventException unreadableNumber(RuntimeException e) {
        return new InvalidEventException(DOCUMENT, "has a number that cannot be read (" + e.getMessage() + ")");
    }

    /**
     * The tree-model decoder that {@link #decodeInput} replaced, unchanged: the whole document as a
     * {@code JsonNode}, then read through {@link Fields}. Kept as the reference that the property
     * tests hold the streaming decoder to, field and problem text included, and that the benchmark
     * compares against; nothing else calls it.
     */
    InboundEvent decodeInputWithTree(byte[] json) throws InvalidEventException {
        try {
            return decodeWithTree(json);
        } catch (NumberFormatException | ArithmeticException e) {
            throw unreadableNumber(e);
        }
    }

    private InboundEvent decodeWithTree(byte[] json) throws InvalidEventException {
        Fields ce = parse(json);
        specVersion(ce);
        String id = ce.requiredString("id");
        String source = ce.requiredString("source");
        EventType type = inputType(ce);
        String tenantId = ce.requiredString("tenantid");
        String time = time(ce);
        InputEvent data = inputData(type, data(ce, type));
        return new InboundEvent(new Envelope(id, source, tenantId, time), data);
    }

    public byte[] encodeInput(InboundEvent e) {
        Envelope env = e.envelope();
        EventType type = EventType.of(e.data());
        if (env.time() != null && !TIMESTAMP.matcher(env.time()).matches()) {
            throw new IllegalArgumentException("time must be an RFC 3339 timestamp, was " + env.time());
        }
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("specversion", SPEC_VERSION);
            id(g, "id", env.id());
            id(g, "source", env.source());
            g.writeStringField("type", type.type());
            if (env.time() != null) {
                g.writeStringField("time", env.time());
            }
            id(g, "tenantid", env.tenantId());
            g.writeFieldName("data");
            g.writeStartObject();
            inputData(g, type, e.data());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static EventType inputType(Fields ce) throws InvalidEventException {
        String type = ce.requiredString("type");
        return EventType.fromType(type)
                .filter(t -> t.topic().equals(Topics.DIRECTORY_CHANGES) || t.topic().equals(Topics.LICENSING_CONFIG))
                .orElseThrow(() -> new InvalidEventException(ce.path("type"),
                        "is not an input event type of the contract, was " + Fields.show(ce.get("type"))));
    }

    private Fields data(Fields ce, EventType type) throws InvalidEventException {
        if (ce.has("data_base64")) {
            // Binary data would be skipped silently for the types whose data is optional.
            throw new InvalidEventException(ce.path("data_base64"), "is not supported: send data as a JSON object");
        }
        if (DATA_OPTIONAL.contains(type)) {
            Fields data = ce.optionalObject("data");
            return data == null ? emptyData : data;
        }
        return ce.requiredObject("data", "is required for type " + type.type());
    }

    private static InputEvent inputData(EventType type, Fields d) throws InvalidEventException {
        return switch (type) {
            case USER_UPSERTED -> new DirectoryEvent.UserUpserted(
                    d.requiredString("userId"), d.stringOrNone("usageLocation"),
                    d.optionalEnum("userType", USER_TYPES, UserType.Member));
            case USER_DELETED -> new DirectoryEvent.UserDeleted(d.requiredString("userId"));
            case GROUP_MEMBER_ADDED -> new DirectoryEvent.GroupMemberAdded(
                    d.requiredString("groupId"), d.requiredString("userId"));
            case GROUP_MEMBER_REMOVED -> new DirectoryEvent.GroupMemberRemoved(
                    d.requiredString("groupId"), d.requiredString("userId"));
            case GROUP_DELETED -> new DirectoryEvent.GroupDeleted(d.requiredString("groupId"));
            case GROUP_SUBGROUP_ADDED -> new DirectoryEvent.GroupSubgroupAdded(
                    d.requiredString("groupId"), d.requiredString("subgroupId"));
            case GROUP_SUBGROUP_REMOVED -> new DirectoryEvent.GroupSubgroupRemoved(
                    d.requiredString("groupId"), d.requiredString("subgroupId"));
            case SUBSCRIPTION_UPSERTED -> new LicensingEvent.SubscriptionUpserted(
                    d.requiredString("skuId"), d.count("seats"), d.requiredEnum("status", STATUSES),
                    d.optionalStrings("servicePlans"), d.optionalCount("lowSeatsThreshold"));
            case GROUP_LICENSE_ASSIGNED -> new LicensingEvent.GroupLicenseAssigned(
                    d.requiredString("groupId"), d.requiredString("skuId"), d.optionalIds("disabledPlans"));
            case GROUP_LICENSE_REMOVED -> new LicensingEvent.GroupLicenseRemoved(
                    d.requiredString("groupId"), d.requiredString("skuId"));
            case USER_LICENSE_ASSIGNED -> new LicensingEvent.UserLicenseAssigned(
                    d.requiredString("userId"), d.requiredString("skuId"), d.optionalIds("disabledPlans"));
            case USER_LICENSE_REMOVED -> new LicensingEvent.UserLicenseRemoved(
                    d.requiredString("userId"), d.requiredString("skuId"));
            case TENANT_SETTINGS_UPSERTED -> new LicensingEvent.TenantSettingsUpserted(
                    d.stringOrNone("defaultUsageLocation"));
            case REPROCESS_REQUESTED -> new LicensingEvent.ReprocessRequested(d.optionalString("userId"));
            case POOL_UPSERTED -> new LicensingEvent.PoolUpserted(
                    d.requiredString("poolId"), d.requiredString("skuId"), d.requiredString("groupId"),
                    d.count("seats"), d.optionalBoolean("borrow", true));
            case POOL_REMOVED -> new LicensingEvent.PoolRemoved(d.requiredString("poolId"));
            case USER_LICENSE_CHANGED, SEATS_ALERT_CHANGED -> throw new AssertionError("not an input type: " + type);
        };
    }

    private static void inputData(JsonGenerator g, EventType type, InputEvent data) throws IOException {
        switch (type) {
            case USER_UPSERTED -> {
                var d = (DirectoryEvent.UserUpserted) data;
                id(g, "userId", d.userId());
                noneOrId(g, "usageLocation", d.usageLocation());
                g.writeStringField("userType", d.userType().name());
            }
            case USER_DELETED -> id(g, "userId", ((DirectoryEvent.UserDeleted) data).userId());
            case GROUP_MEMBER_ADDED -> {
                var d = (DirectoryEvent.GroupMemberAdded) data;
                id(g, "groupId", d.groupId());
                id(g, "userId", d.userId());
            }
            case GROUP_MEMBER_REMOVED -> {
                var d = (DirectoryEvent.GroupMemberRemoved) data;
                id(g, "groupId", d.groupId());
                id(g, "userId", d.userId());
            }
            case GROUP_DELETED -> id(g, "groupId", ((DirectoryEvent.GroupDeleted) data).groupId());
            case GROUP_SUBGROUP_ADDED -> {
                var d = (DirectoryEvent.GroupSubgroupAdded) data;
                id(g, "groupId", d.groupId());
                id(g, "subgroupId", d.subgroupId());
            }
            case GROUP_SUBGROUP_REMOVED -> {
                var d = (DirectoryEvent.GroupSubgroupRemoved) data;
                id(g, "groupId", d.groupId());
                id(g, "subgroupId", d.subgroupId());
            }
            case SUBSCRIPTION_UPSERTED -> {
                var d = (LicensingEvent.SubscriptionUpserted) data;
                id(g, "skuId", d.skuId());
                g.writeNumberField("seats", d.seats());
                g.writeStringField("status", d.status().name());
                g.writeFieldName("servicePlans");
                g.writeStartArray();
                for (String plan : d.servicePlans()) {
                    g.writeString(plan);
                }
                g.writeEndArray();
                // Omitted rather than null when none, so that a v1 subscription encodes byte for byte as v1 did.
                if (d.lowSeatsThreshold() != null) {
                    count(g, "lowSeatsThreshold", d.lowSeatsThreshold());
                }
            }
            case GROUP_LICENSE_ASSIGNED -> {
                var d = (LicensingEvent.GroupLicenseAssigned) data;
                id(g, "groupId", d.groupId());
                id(g, "skuId", d.skuId());
                ids(g, "disabledPlans", d.disabledPlans());
            }
            case GROUP_LICENSE_REMOVED -> {
                var d = (LicensingEvent.GroupLicenseRemoved) data;
                id(g, "groupId", d.groupId());
                id(g, "skuId", d.skuId());
            }
            case USER_LICENSE_ASSIGNED -> {
                var d = (LicensingEvent.UserLicenseAssigned) data;
                id(g, "userId", d.userId());
                id(g, "skuId", d.skuId());
                ids(g, "disabledPlans", d.disabledPlans());
            }
            case USER_LICENSE_REMOVED -> {
                var d = (LicensingEvent.UserLicenseRemoved) data;
                id(g, "userId", d.userId());
                id(g, "skuId", d.skuId());
            }
            case TENANT_SETTINGS_UPSERTED -> noneOrId(g, "defaultUsageLocation",
                    ((LicensingEvent.TenantSettingsUpserted) data).defaultUsageLocation());
            case REPROCESS_REQUESTED -> noneOrId(g, "userId", ((LicensingEvent.ReprocessRequested) data).userId());
            case POOL_UPSERTED -> {
                var d = (LicensingEvent.PoolUpserted) data;
                id(g, "poolId", d.poolId());
                id(g, "skuId", d.skuId());
                id(g, "groupId", d.groupId());
                count(g, "seats", d.seats());
                g.writeBooleanField("borrow", d.borrow());
            }
            case POOL_REMOVED -> id(g, "poolId", ((LicensingEvent.PoolRemoved) data).poolId());
            case USER_LICENSE_CHANGED, SEATS_ALERT_CHANGED -> throw new IllegalArgumentException("not an input event: " + data);
        }
    }

    // ---------------------------------------------------------------- output events

    public byte[] encodeOutput(OutboundEvent e) {
        UserLicenseChanged d = e.data();
        return write(g -> {
            outputContext(g, EventType.USER_LICENSE_CHANGED, e.id(), e.time(), e.tenantId(), e.subject(), e.causationId());
            g.writeFieldName("data");
            g.writeStartObject();
            id(g, "userId", d.userId());
            id(g, "skuId", d.skuId());
            g.writeStringField("state", d.state().name());
            nameOrNull(g, "previousState", d.previousState());
            nameOrNull(g, "reason", d.reason());
            ids(g, "disabledPlans", d.disabledPlans());
            ids(g, "assignedByGroups", d.assignedByGroups());
            g.writeBooleanField("direct", d.direct());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    public OutboundEvent decodeOutput(byte[] json) throws InvalidEventException {
        Fields ce = parse(json);
        OutputContext c = outputContext(ce, EventType.USER_LICENSE_CHANGED);
        Fields d = ce.requiredObject("data", "is required");
        String userId = d.requiredString("userId");
        String skuId = d.requiredString("skuId");
        LicenseState state = d.requiredEnum("state", STATES);
        LicenseState previous = d.optionalEnum("previousState", ENTRY_STATES, null);
        Reason reason = reason(d, state);
        UserLicenseChanged data = new UserLicenseChanged(userId, skuId, state, previous, reason,
                d.requiredIds("disabledPlans"), d.requiredIds("assignedByGroups"), d.requiredBoolean("direct"));
        c.requireSubject(ce, "data.userId", userId);
        return new OutboundEvent(c.id(), c.tenantId(), c.time(), c.causationId(), data);
    }

    /** v2: a {@code licensing.seats.alert.changed} event, in the same envelope as a change event. */
    public byte[] encodeAlert(AlertEvent e) {
        SeatAlertChanged d = e.data();
        return write(g -> {
            outputContext(g, EventType.SEATS_ALERT_CHANGED, e.id(), e.time(), e.tenantId(), e.subject(), e.causationId());
            g.writeFieldName("data");
            g.writeStartObject();
            id(g, "skuId", d.skuId());
            g.writeStringField("level", d.level().name());
            g.writeStringField("previousLevel", d.previousLevel().name());
            count(g, "seats", d.seats());
            count(g, "assigned", d.assigned());
            count(g, "queued", d.queued());
            count(g, "available", d.available());
            countOrNull(g, "lowSeatsThreshold", d.lowSeatsThreshold());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    public AlertEvent decodeAlert(byte[] json) throws InvalidEventException {
        Fields ce = parse(json);
        OutputContext c = outputContext(ce, EventType.SEATS_ALERT_CHANGED);
        Fields d = ce.requiredObject("data", "is required");
        String skuId = d.requiredString("skuId");
        AlertLevel level = d.requiredEnum("level", ALERT_LEVELS);
        AlertLevel previous = d.requiredEnum("previousLevel", ALERT_LEVELS);
        if (previous == level) {
            // An event is published only when the level changes; the same level twice is a broken producer.
            throw new InvalidEventException(d.path("previousLevel"), "must differ from level, was \"" + previous + "\"");
        }
        SeatAlertChanged data = new SeatAlertChanged(skuId, level, previous, d.count("seats"), d.count("assigned"),
                d.count("queued"), d.count("available"), d.nullableCount("lowSeatsThreshold"));
        c.requireSubject(ce, "data.skuId", skuId);
        return new AlertEvent(c.id(), c.tenantId(), c.time(), c.causationId(), data);
    }

    /** The context attributes of an event the reconciler publishes, as {@link #outputContext(Fields, EventType)} read them. */
    private record OutputContext(String id, String tenantId, String time, String subject, String causationId) {

        /** The subject repeats a data field (the user, the SKU), so that consumers can filter without parsing data. */
        void requireSubject(Fields ce, String dataField, String value) throws InvalidEventException {
            if (!subject.equals(value)) {
                throw new InvalidEventException(ce.path("subject"),
                        "must equal " + dataField + ", was " + Fields.show(ce.get("subject")));
            }
        }
    }

    /** Writes the envelope of an output event up to {@code data}, in the documented member order. */
    private static void outputContext(JsonGenerator g, EventType type, String id, String time, String tenantId,
            String subject, String causationId) throws IOException {
        g.writeStartObject();
        g.writeStringField("specversion", SPEC_VERSION);
        id(g, "id", id);
        g.writeStringField("source", OutboundEvent.SOURCE);
        g.writeStringField("type", type.type());
        if (time != null) {
            g.writeStringField("time", time);
        }
        id(g, "tenantid", tenantId);
        id(g, "subject", subject);
        id(g, "causationid", causationId);
        g.writeStringField("datacontenttype", DATA_CONTENT_TYPE);
    }

    private static OutputContext outputContext(Fields ce, EventType type) throws InvalidEventException {
        specVersion(ce);
        String id = ce.requiredString("id");
        ce.requiredString("source");
        String actualType = ce.requiredString("type");
        if (!actualType.equals(type.type())) {
            throw new InvalidEventException(ce.path("type"), "must be \"" + type.type() + "\", was " + Fields.show(ce.get("type")));
        }
        JsonNode timeNode = ce.get("time");
        if (timeNode != null && !timeNode.isTextual()) {
            throw new InvalidEventException(ce.path("time"), "must be a string, was " + Fields.show(timeNode));
        }
        String tenantId = ce.requiredString("tenantid");
        String subject = ce.requiredString("subject");
        String causationId = ce.requiredString("causationid");
        String contentType = ce.requiredString("datacontenttype");
        if (!contentType.equals(DATA_CONTENT_TYPE)) {
            throw new InvalidEventException(ce.path("datacontenttype"),
                    "must be \"" + DATA_CONTENT_TYPE + "\", was " + Fields.show(ce.get("datacontenttype")));
        }
        return new OutputContext(id, tenantId, timeNode == null ? null : timeNode.textValue(), subject, causationId);
    }

    /** The reason a state requires: none unless waiting, and one that goes with the waiting state. */
    private static Reason reason(Fields d, LicenseState state) throws InvalidEventException {
        Reason reason = d.optionalEnum("reason", REASONS, null);
        if (!state.isWaiting()) {
            if (reason != null) {
                throw new InvalidEventException(d.path("reason"), "must be null when state is " + state + ", was \"" + reason + "\"");
            }
            return null;
        }
        if (reason == null || reason.waitingState() != state) {
            String allowed = Arrays.stream(Reason.values()).filter(r -> r.waitingState() == state)
                    .map(Reason::name).collect(Collectors.joining(", "));
            throw new InvalidEventException(d.path("reason"), "must be one of " + allowed + " when state is " + state
                    + ", was " + (reason == null ? "null" : "\"" + reason + "\""));
        }
        return reason;
    }

    // ---------------------------------------------------------------- state topic values

    public byte[] encodeUserLicenses(UserLicenses v) {
        return write(g -> {
            g.writeStartObject();
            id(g, "tenantId", v.tenantId());
            id(g, "userId", v.userId());
            g.writeFieldName("licenses");
            g.writeStartArray();
            for (LicenseEntry l : v.licenses()) {
                g.writeStartObject();
                id(g, "skuId", l.skuId());
                g.writeStringField("state", l.state().name());
                nameOrNull(g, "reason", l.reason());
                ids(g, "disabledPlans", l.disabledPlans());
                ids(g, "assignedByGroups", l.assignedByGroups());
                g.writeBooleanField("direct", l.direct());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    public UserLicenses decodeUserLicenses(byte[] json) throws InvalidEventException {
        Fields v = parse(json);
        String tenantId = v.requiredString("tenantId");
        String userId = v.requiredString("userId");
        List<LicenseEntry> licenses = new ArrayList<>();
        for (Fields l : v.requiredObjects("licenses")) {
            String skuId = l.requiredString("skuId");
            LicenseState state = l.requiredEnum("state", ENTRY_STATES);
            licenses.add(new LicenseEntry(skuId, state, reason(l, state), l.requiredIds("disabledPlans"),
                    l.requiredIds("assignedByGroups"), l.requiredBoolean("direct")));
        }
        return new UserLicenses(tenantId, userId, licenses);
    }

    public byte[] encodeSeats(SeatsRow v) {
        return write(g -> {
            g.writeStartObject();
            id(g, "tenantId", v.tenantId());
            id(g, "skuId", v.skuId());
            count(g, "seats", v.seats());
            nameOrNull(g, "status", v.status());
            count(g, "assigned", v.assigned());
            count(g, "waiting", v.waiting());
            count(g, "available", v.available());
            count(g, "overAllocated", v.overAllocated());
            count(g, "queued", v.queued());
            countOrNull(g, "lowSeatsThreshold", v.lowSeatsThreshold());
            g.writeStringField("alert", v.alert().name());
            count(g, "reserved", v.reserved());
            g.writeFieldName("pools");
            g.writeStartArray();
            for (PoolSeats p : v.pools()) {
                g.writeStartObject();
                id(g, "poolId", p.poolId());
                id(g, "groupId", p.groupId());
                count(g, "seats", p.seats());
                g.writeBooleanField("borrow", p.borrow());
                count(g, "assigned", p.assigned());
                count(g, "queued", p.queued());
                count(g, "available", p.available());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /**
     * Reads a v2 row. The members are read in the order they are written, so that the first one
     * missing is the one named. A v1 row (without {@code queued} and the later members) is
     * rejected: its {@code queued} cannot be told from its {@code waiting}.
     */
    public SeatsRow decodeSeats(byte[] json) throws InvalidEventException {
        Fields v = parse(json);
        String tenantId = v.requiredString("tenantId");
        String skuId = v.requiredString("skuId");
        int seats = v.count("seats");
        SubscriptionStatus status = v.optionalEnum("status", STATUSES, null);
        int assigned = v.count("assigned");
        int waiting = v.count("waiting");
        int available = v.count("available");
        int overAllocated = v.count("overAllocated");
        int queued = v.count("queued");
        Integer lowSeatsThreshold = v.nullableCount("lowSeatsThreshold");
        AlertLevel alert = v.requiredEnum("alert", ALERT_LEVELS);
        long reserved = v.longCount("reserved");
        List<PoolSeats> pools = new ArrayList<>();
        for (Fields p : v.requiredObjects("pools")) {
            pools.add(new PoolSeats(p.requiredString("poolId"), p.requiredString("groupId"), p.count("seats"),
                    p.requiredBoolean("borrow"), p.count("assigned"), p.count("queued"), p.count("available")));
        }
        return new SeatsRow(tenantId, skuId, seats, status, assigned, waiting, available, overAllocated, queued,
                lowSeatsThreshold, alert, reserved, pools);
    }

    /** v2: a {@code licensing.group-status} value; refuses one that breaks the contract's counting rules. */
    public byte[] encodeGroupStatus(GroupStatus v) {
        InvalidEventException broken = groupStatusProblem(v);
        if (broken != null) {
            throw new IllegalArgumentException(broken.getMessage());
        }
        return write(g -> {
            g.writeStartObject();
            id(g, "tenantId", v.tenantId());
            id(g, "groupId", v.groupId());
            count(g, "members", v.members());
            count(g, "membersWithLicenseErrors", v.membersWithLicenseErrors());
            g.writeFieldName("licenses");
            g.writeStartArray();
            for (GroupStatus.License l : v.licenses()) {
                g.writeStartObject();
                id(g, "skuId", l.skuId());
                ids(g, "disabledPlans", l.disabledPlans());
                count(g, "assigned", l.assigned());
                count(g, "queued", l.queued());
                count(g, "blocked", l.blocked());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    public GroupStatus decodeGroupStatus(byte[] json) throws InvalidEventException {
        Fields v = parse(json);
        String tenantId = v.requiredString("tenantId");
        String groupId = v.requiredString("groupId");
        int members = v.count("members");
        int withErrors = v.count("membersWithLicenseErrors");
        List<GroupStatus.License> licenses = new ArrayList<>();
        for (Fields l : v.requiredObjects("licenses")) {
            licenses.add(new GroupStatus.License(l.requiredString("skuId"), l.requiredIds("disabledPlans"),
                    l.count("assigned"), l.count("queued"), l.count("blocked")));
        }
        GroupStatus status = new GroupStatus(tenantId, groupId, members, withErrors, licenses);
        InvalidEventException broken = groupStatusProblem(status);
        if (broken != null) {
            throw broken;
        }
        return status;
    }

    /**
     * What a group-status value breaks of the contract's rules, or null. Every member of the group
     * is entitled to each of its SKUs, so for each license assigned + queued + blocked = members; a
     * member waiting for one of them is a member with a license error. The schema can check only
     * that the list is not empty.
     */
    private static InvalidEventException groupStatusProblem(GroupStatus v) {
        if (v.licenses().isEmpty()) {
            return new InvalidEventException("licenses",
                    "must not be empty: a group without licenses has a tombstone instead");
        }
        if (v.membersWithLicenseErrors() > v.members()) {
            return new InvalidEventException("membersWithLicenseErrors",
                    "must be at most members (" + v.members() + "), was " + v.membersWithLicenseErrors());
        }
        for (int i = 0; i < v.licenses().size(); i++) {
            GroupStatus.License l = v.licenses().get(i);
            long total = (long) l.assigned() + l.queued() + l.blocked();
            if (total != v.members()) {
                return new InvalidEventException("licenses[" + i + "]",
                        "assigned + queued + blocked must equal members (" + v.members() + "), was " + total);
            }
            long waiting = (long) l.queued() + l.blocked();
            if (waiting > v.membersWithLicenseErrors()) {
                return new InvalidEventException("membersWithLicenseErrors", "must be at least queued + blocked of licenses["
                        + i + "] (" + waiting + "), was " + v.membersWithLicenseErrors());
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- JSON lines

    public String toJsonLine(OutboundEvent e) {
        return new String(encodeOutput(e), StandardCharsets.UTF_8);
    }

    public String toJsonLine(UserLicenses v) {
        return new String(encodeUserLicenses(v), StandardCharsets.UTF_8);
    }

    public String toJsonLine(SeatsRow v) {
        return new String(encodeSeats(v), StandardCharsets.UTF_8);
    }

    public String toJsonLine(AlertEvent e) {
        return new String(encodeAlert(e), StandardCharsets.UTF_8);
    }

    public String toJsonLine(GroupStatus v) {
        return new String(encodeGroupStatus(v), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- shared pieces

    private Fields parse(byte[] json) throws InvalidEventException {
        JsonNode root;
        try (JsonParser p = mapper.createParser(json)) {
            root = mapper.readTree(p);
            if (root != null && p.nextToken() != null) {
                throw new InvalidEventException(DOCUMENT, "has content after the JSON value" + at(p.currentTokenLocation()));
            }
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(DOCUMENT, "is not valid JSON: " + e.getOriginalMessage() + at(e.getLocation()));
        } catch (IOException e) {
            throw new InvalidEventException(DOCUMENT, "is not valid JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidEventException(DOCUMENT, "is empty");
        }
        return Fields.of(root, DOCUMENT);
    }

    static String at(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static void specVersion(Fields ce) throws InvalidEventException {
        JsonNode v = ce.get("specversion");
        if (v == null) {
            throw new InvalidEventException(ce.path("specversion"), "is required");
        }
        if (!v.isTextual() || !v.textValue().equals(SPEC_VERSION)) {
            throw new InvalidEventException(ce.path("specversion"), "must be \"1.0\", was " + Fields.show(v));
        }
    }

    private static String time(Fields ce) throws InvalidEventException {
        JsonNode t = ce.get("time");
        if (t == null) {
            return null;
        }
        if (!t.isTextual() || !TIMESTAMP.matcher(t.textValue()).matches()) {
            throw new InvalidEventException(ce.path("time"),
                    "must be an RFC 3339 timestamp such as 2026-11-23T10:00:00Z, was " + Fields.show(t));
        }
        return t.textValue();
    }

    /** Writes an identifier, refusing an empty one: the decoder would reject it. */
    private static void id(JsonGenerator g, String name, String value) throws IOException {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        g.writeStringField(name, value);
    }

    /** Writes an optional identifier; null means none, and empty is refused so that it reads back equal. */
    private static void noneOrId(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            id(g, name, value);
        }
    }

    private static void ids(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeFieldName(name);
        g.writeStartArray();
        for (String v : values) {
            if (v.isEmpty()) {
                throw new IllegalArgumentException(name + " must not contain an empty string");
            }
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void nameOrNull(JsonGenerator g, String name, Enum<?> value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value.name());
        }
    }

    /** A count; long, since a sum of counts (a seats row's {@code reserved}) may pass the largest int. */
    private static void count(JsonGenerator g, String name, long value) throws IOException {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
        g.writeNumberField(name, value);
    }

    /** Writes a count that may be none, as JSON null: the values Seatflow writes always carry the member. */
    private static void countOrNull(JsonGenerator g, String name, Integer value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            count(g, name, value);
        }
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = factory.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
