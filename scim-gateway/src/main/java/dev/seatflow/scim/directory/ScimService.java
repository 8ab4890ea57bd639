package dev.seatflow.scim.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.scim.directory.Resources.Kind;
import dev.seatflow.scim.protocol.Attributes;
import dev.seatflow.scim.protocol.Discovery;
import dev.seatflow.scim.protocol.Filter;
import dev.seatflow.scim.protocol.FilterEvaluator;
import dev.seatflow.scim.protocol.FilterParser;
import dev.seatflow.scim.protocol.JsonPatcher;
import dev.seatflow.scim.protocol.PatchOperation;
import dev.seatflow.scim.protocol.PatchPath;
import dev.seatflow.scim.protocol.ScimException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The SCIM rules of the gateway, without I/O: a request and the tenant's current resources in, the response
 * and what must be written (store records, {@code directory.*} events) out. Nothing here changes the
 * directory: the caller writes the outcome to Kafka and only then applies its records.
 *
 * <p>Mapping to the contract: a user POST is {@code directory.user.upserted}; a PUT or PATCH is one too
 * when the user's {@code userType} or usage location changed ({@link UserMapping}); a user DELETE is
 * {@code directory.user.deleted}; each member a group gains or loses is {@code directory.group.member.added}/
 * {@code .removed}, or {@code directory.group.subgroup.added}/{@code .removed} for a group member; a group DELETE is
 * {@code directory.group.deleted}. A request that changes nothing writes nothing.
 */
public final class ScimService {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Clock clock;
    private final Supplier<String> newId;

    /** {@code clock} stamps {@code meta.created}/{@code lastModified}; {@code newId} names new resources. */
    public ScimService(Clock clock, Supplier<String> newId) {
        this.clock = clock;
        this.newId = newId;
    }

    /** The discovery endpoints: they hold no tenant data, so they answer without a token. */
    public static boolean isDiscovery(String path) {
        String p = trim(path);
        return p.equals("/ServiceProviderConfig") || p.equals("/ResourceTypes") || p.startsWith("/ResourceTypes/")
                || p.equals("/Schemas") || p.startsWith("/Schemas/");
    }

    public static ScimResponse discovery(ScimRequest request) {
        try {
            if (!request.isRead()) {
                throw ScimException.methodNotAllowed(request.path() + " answers GET only");
            }
            String p = trim(request.path());
            String base = request.baseUrl();
            if (p.equals("/ServiceProviderConfig")) {
                return ScimResponse.ok(Discovery.serviceProviderConfig(base));
            }
            List<ObjectNode> all = p.startsWith("/ResourceTypes") ? Discovery.resourceTypes(base) : Discovery.schemas(base);
            int slash = p.indexOf('/', 1);
            if (slash < 0) {
                return ScimResponse.ok(Discovery.listResponse(all, all.size(), 1));
            }
            String id = p.substring(slash + 1);
            return all.stream().filter(r -> r.get("id").asText().equalsIgnoreCase(id)).findFirst()
                    .map(ScimResponse::ok)
                    .orElseThrow(() -> ScimException.notFound(p + " does not exist"));
        } catch (ScimException e) {
            return ScimResponse.error(e);
        }
    }

    public Outcome handle(ScimRequest request, TenantDirectory directory) {
        try {
            return route(request, directory);
        } catch (ScimException e) {
            return Outcome.answer(ScimResponse.error(e));
        }
    }

    private Outcome route(ScimRequest request, TenantDirectory directory) {
        String path = trim(request.path());
        String[] parts = path.substring(1).split("/", -1);
        Kind kind;
        if (parts[0].equalsIgnoreCase("Users")) {
            kind = Kind.USER;
        } else if (parts[0].equalsIgnoreCase("Groups")) {
            kind = Kind.GROUP;
        } else {
            throw ScimException.notFound("no such endpoint: " + path + " (the gateway serves /Users, /Groups, "
                    + "/ServiceProviderConfig, /ResourceTypes and /Schemas)");
        }
        if (parts.length > 2) {
            throw ScimException.notFound("no such endpoint: " + path);
        }
        String id = parts.length == 2 ? parts[1] : null;
        String method = request.method().toUpperCase(java.util.Locale.ROOT);
        if (id == null) {
            return switch (method) {
                case "GET" -> Outcome.answer(list(kind, request, directory));
                case "POST" -> kind == Kind.USER ? createUser(request, directory) : createGroup(request, directory);
                default -> throw ScimException.methodNotAllowed(method + " " + kind.endpoint
                        + ": use GET to list or POST to create");
            };
        }
        if (id.equalsIgnoreCase(".search")) {
            throw ScimException.notImplemented("POST /.search is not supported: use GET with filter");
        }
        return switch (method) {
            case "GET" -> Outcome.answer(ScimResponse.ok(projection(request).apply(kind == Kind.USER
                    ? renderUser(existingUser(directory, id), request.baseUrl())
                    : renderGroup(existingGroup(directory, id), directory, request.baseUrl(), projection(request)))));
            case "PUT" -> kind == Kind.USER ? replaceUser(request, directory, existingUser(directory, id))
                    : replaceGroup(request, directory, existingGroup(directory, id));
            case "PATCH" -> kind == Kind.USER ? patchUser(request, directory, existingUser(directory, id))
                    : patchGroup(request, directory, existingGroup(directory, id));
            case "DELETE" -> kind == Kind.USER ? deleteUser(directory, existingUser(directory, id))
                    : deleteGroup(directory, existingGroup(directory, id));
            default -> throw ScimException.methodNotAllowed(method + " " + kind.endpoint + "/{id}: use GET, PUT, "
                    + "PATCH or DELETE");
        };
    }

    // ---- users --------------------------------------------------------------------------------

    private Outcome createUser(ScimRequest request, TenantDirectory directory) {
        ObjectNode attributes = Resources.attributesOf(Kind.USER, body(request));
        checkUnique(directory, attributes, null);
        String now = now();
        StoredUser user = new StoredUser(newId.get(), now, now, attributes);
        return new Outcome(ScimResponse.created(renderUser(user, request.baseUrl()),
                Resources.location(Kind.USER, user.id(), request.baseUrl())),
                List.of(StoreRecord.UserRow.of(directory.tenant(), user)),
                List.of(UserMapping.upserted(user.id(), attributes)));
    }

    private Outcome replaceUser(ScimRequest request, TenantDirectory directory, StoredUser old) {
        return updateUser(request, directory, old, Resources.attributesOf(Kind.USER, body(request)));
    }

    private Outcome patchUser(ScimRequest request, TenantDirectory directory, StoredUser old) {
        ObjectNode attributes = old.attributes().deepCopy();
        for (PatchOperation op : PatchOperation.parse(body(request))) {
            JsonPatcher.apply(attributes, op);
        }
        Attributes.normalize(attributes, "");
        Resources.validate(Kind.USER, attributes);
        return updateUser(request, directory, old, attributes);
    }

    private Outcome updateUser(ScimRequest request, TenantDirectory directory, StoredUser old, ObjectNode attributes) {
        if (attributes.equals(old.attributes())) {
            return Outcome.answer(ScimResponse.ok(projection(request).apply(renderUser(old, request.baseUrl()))));
        }
        checkUnique(directory, attributes, old.id());
        StoredUser user = new StoredUser(old.id(), old.created(), now(), attributes);
        DirectoryEvent.UserUpserted before = UserMapping.upserted(old.id(), old.attributes());
        DirectoryEvent.UserUpserted after = UserMapping.upserted(old.id(), attributes);
        return new Outcome(ScimResponse.ok(projection(request).apply(renderUser(user, request.baseUrl()))),
                List.of(StoreRecord.UserRow.of(directory.tenant(), user)),
                before.equals(after) ? List.of() : List.of(after));
    }

    private Outcome deleteUser(TenantDirectory directory, StoredUser user) {
        List<StoreRecord> records = new ArrayList<>();
        records.add(StoreRecord.UserRow.deleted(directory.tenant(), user.id()));
        // The reconciler drops a deleted user's memberships itself; the store drops them too.
        for (String groupId : directory.memberOf(user.id())) {
            records.add(new StoreRecord.MemberRow(directory.tenant(), groupId, user.id(), null));
        }
        return new Outcome(ScimResponse.noContent(), records, List.of(new DirectoryEvent.UserDeleted(user.id())));
    }

    private static void checkUnique(TenantDirectory directory, ObjectNode attributes, String self) {
        String userName = Attributes.text(attributes, "userName");
        String holder = directory.userIdByName(userName);
        if (holder != null && !holder.equals(self)) {
            throw ScimException.uniqueness("userName \"" + userName + "\" is taken by user " + holder);
        }
    }

    private ObjectNode renderUser(StoredUser u, String baseUrl) {
        return Resources.render(Kind.USER, u.id(), u.created(), u.lastModified(), u.attributes(), baseUrl);
    }

    // ---- groups -------------------------------------------------------------------------------

    private Outcome createGroup(ScimRequest request, TenantDirectory directory) {
        JsonNode body = body(request);
        ObjectNode attributes = Resources.attributesOf(Kind.GROUP, body);
        LinkedHashMap<String, MemberType> members = Resources.members(Attributes.get(body, "members"), directory);
        String now = now();
        StoredGroup group = new StoredGroup(newId.get(), now, now, attributes);
        List<StoreRecord> records = new ArrayList<>();
        records.add(StoreRecord.GroupRow.of(directory.tenant(), group));
        List<DirectoryEvent> events = new ArrayList<>();
        membershipChanges(directory.tenant(), group.id(), Map.of(), members, records, events);
        return new Outcome(ScimResponse.created(renderGroup(group, members, directory, request.baseUrl()),
                Resources.location(Kind.GROUP, group.id(), request.baseUrl())), records, events);
    }

    /** PUT: the attributes are replaced; the members too when the body lists them (omitted: kept). */
    private Outcome replaceGroup(ScimRequest request, TenantDirectory directory, StoredGroup old) {
        JsonNode body = body(request);
        ObjectNode attributes = Resources.attributesOf(Kind.GROUP, body);
        JsonNode listed = Attributes.get(body, "members");
        Map<String, MemberType> members = body.has(Attributes.key(body, "members") == null ? "members"
                : Attributes.key(body, "members")) ? Resources.members(listed, directory)
                : new LinkedHashMap<>(directory.members(old.id()));
        return updateGroup(request, directory, old, attributes, members, true);
    }

    private Outcome patchGroup(ScimRequest request, TenantDirectory directory, StoredGroup old) {
        ObjectNode attributes = old.attributes().deepCopy();
        LinkedHashMap<String, MemberType> members = new LinkedHashMap<>(directory.members(old.id()));
        for (PatchOperation op : PatchOperation.parse(body(request))) {
            if (op.path() == null) {
                String key = Attributes.key(op.value(), "members");
                if (key != null) {
                    ObjectNode rest = ((ObjectNode) op.value()).deepCopy();
                    rest.remove(key);
                    patchMembers(members, new PatchOperation(op.op(), PatchPath.parse("members"), op.value().get(key)),
                            directory);
                    op = new PatchOperation(op.op(), null, rest);
                }
                JsonPatcher.apply(attributes, op);
            } else if (op.path().attribute().schema() == null && "members".equalsIgnoreCase(op.path().attribute().attribute())) {
                patchMembers(members, op, directory);
            } else {
                JsonPatcher.apply(attributes, op);
            }
        }
        Attributes.normalize(attributes, "");
        Resources.validate(Kind.GROUP, attributes);
        // RFC 7644 section 3.5.2: 204 unless the request asks for attributes; Microsoft expects the 204.
        return updateGroup(request, directory, old, attributes, members, projection(request).isRequested());
    }

    /**
     * members operations: add the listed members; replace them all; remove all, the listed ones (Microsoft's
     * {@code "path":"members","value":[...]}) or those a filter selects ({@code members[value eq "id"]}).
     */
    private static void patchMembers(LinkedHashMap<String, MemberType> members, PatchOperation op,
            TenantDirectory directory) {
        PatchPath path = op.path();
        if (path.attribute().subAttribute() != null || path.subAttribute() != null) {
            throw ScimException.invalidPath("members are changed whole: use \"members\" or \"members[value eq \\\"id\\\"]\"");
        }
        if (path.valueFilter() != null) {
            if (op.op() != PatchOperation.Op.REMOVE) {
                throw ScimException.invalidPath("a filtered members path can only be removed; add members with "
                        + "\"path\": \"members\"");
            }
            members.entrySet().removeIf(m -> FilterEvaluator.matches(path.valueFilter(), memberNode(m.getKey(), m.getValue())));
            return;
        }
        switch (op.op()) {
            case ADD -> Resources.members(op.value(), directory).forEach(members::putIfAbsent);
            case REPLACE -> {
                LinkedHashMap<String, MemberType> now = Resources.members(op.value(), directory);
                members.keySet().retainAll(now.keySet());
                now.forEach(members::putIfAbsent);
            }
            case REMOVE -> {
                if (op.value() == null) {
                    members.clear();
                } else {
                    for (JsonNode m : op.value().isArray() ? op.value() : List.of(op.value())) {
                        String id = m.isObject() ? Attributes.text(m, "value") : m.isTextual() ? m.asText() : null;
                        if (id == null) {
                            throw ScimException.invalidValue("members to remove are objects with \"value\", was " + m);
                        }
                        members.remove(id);
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    private static ObjectNode memberNode(String id, MemberType type) {
        ObjectNode n = JSON.createObjectNode();
        n.put("value", id);
        n.put("type", type.name());
        return n;
    }

    private Outcome updateGroup(ScimRequest request, TenantDirectory directory, StoredGroup old, ObjectNode attributes,
            Map<String, MemberType> members, boolean answerWithBody) {
        Map<String, MemberType> before = directory.members(old.id());
        boolean attributesChanged = !attributes.equals(old.attributes());
        List<StoreRecord> records = new ArrayList<>();
        List<DirectoryEvent> events = new ArrayList<>();
        StoredGroup group = old;
        if (attributesChanged) {
            group = new StoredGroup(old.id(), old.created(), now(), attributes);
            records.add(StoreRecord.GroupRow.of(directory.tenant(), group));
        }
        membershipChanges(directory.tenant(), old.id(), before, members, records, events);
        if (!attributesChanged && !records.isEmpty()) {
            // Members changed: the group's lastModified moves too.
            group = new StoredGroup(old.id(), old.created(), now(), attributes);
            records.add(0, StoreRecord.GroupRow.of(directory.tenant(), group));
        }
        ScimResponse response = answerWithBody
                ? ScimResponse.ok(projection(request).apply(renderGroup(group, members, directory, request.baseUrl())))
                : ScimResponse.noContent();
        return new Outcome(response, records, events);
    }

    private static void membershipChanges(String tenant, String groupId, Map<String, MemberType> before,
            Map<String, MemberType> after, List<StoreRecord> records, List<DirectoryEvent> events) {
        for (String removed : Resources.removedFrom(before, after)) {
            records.add(new StoreRecord.MemberRow(tenant, groupId, removed, null));
            events.add(before.get(removed) == MemberType.User ? new DirectoryEvent.GroupMemberRemoved(groupId, removed)
                    : new DirectoryEvent.GroupSubgroupRemoved(groupId, removed));
        }
        for (Map.Entry<String, MemberType> m : after.entrySet()) {
            if (!before.containsKey(m.getKey())) {
                records.add(new StoreRecord.MemberRow(tenant, groupId, m.getKey(), m.getValue()));
                events.add(m.getValue() == MemberType.User ? new DirectoryEvent.GroupMemberAdded(groupId, m.getKey())
                        : new DirectoryEvent.GroupSubgroupAdded(groupId, m.getKey()));
            }
        }
    }

    private Outcome deleteGroup(TenantDirectory directory, StoredGroup group) {
        List<StoreRecord> records = new ArrayList<>();
        records.add(StoreRecord.GroupRow.deleted(directory.tenant(), group.id()));
        for (String member : directory.members(group.id()).keySet()) {
            records.add(new StoreRecord.MemberRow(directory.tenant(), group.id(), member, null));
        }
        // The reconciler takes a deleted group out of the groups it was nested in; so does the store.
        for (String parent : directory.memberOf(group.id())) {
            records.add(new StoreRecord.MemberRow(directory.tenant(), parent, group.id(), null));
        }
        return new Outcome(ScimResponse.noContent(), records, List.of(new DirectoryEvent.GroupDeleted(group.id())));
    }

    private ObjectNode renderGroup(StoredGroup g, TenantDirectory directory, String baseUrl, Projection projection) {
        return renderGroup(g, projection.includes("members") ? directory.members(g.id()) : null, directory, baseUrl);
    }

    private static ObjectNode renderGroup(StoredGroup g, Map<String, MemberType> members, TenantDirectory directory,
            String baseUrl) {
        ObjectNode out = Resources.render(Kind.GROUP, g.id(), g.created(), g.lastModified(), g.attributes(), baseUrl);
        if (members != null) {
            ObjectNode meta = (ObjectNode) out.remove("meta");
            out.set("members", Resources.renderMembers(members, directory, baseUrl));
            out.set("meta", meta);
        }
        return out;
    }

    // ---- lists --------------------------------------------------------------------------------

    private ScimResponse list(Kind kind, ScimRequest request, TenantDirectory directory) {
        String filterText = request.param("filter");
        Filter filter = filterText == null || filterText.isBlank() ? null : FilterParser.parse(filterText);
        int startIndex = Math.max(1, number(request, "startIndex", 1));
        int count = Math.min(Discovery.MAX_COUNT, Math.max(0, number(request, "count", Discovery.DEFAULT_COUNT)));
        Projection projection = projection(request);
        boolean filterOnMembers = filterText != null && filterText.toLowerCase(java.util.Locale.ROOT).contains("members");
        List<ObjectNode> matching = new ArrayList<>();
        for (Object resource : candidates(kind, filter, directory)) {
            ObjectNode rendered;
            if (kind == Kind.USER) {
                rendered = renderUser((StoredUser) resource, request.baseUrl());
            } else {
                StoredGroup g = (StoredGroup) resource;
                boolean withMembers = filterOnMembers || projection.includes("members");
                rendered = renderGroup(g, withMembers ? directory.members(g.id()) : null, directory, request.baseUrl());
            }
            if (filter == null || FilterEvaluator.matches(filter, rendered)) {
                matching.add(rendered);
            }
        }
        List<ObjectNode> page = new ArrayList<>();
        for (int i = startIndex - 1; i < matching.size() && page.size() < count; i++) {
            page.add(projection.apply(matching.get(i)));
        }
        return ScimResponse.ok(Discovery.listResponse(page, matching.size(), startIndex));
    }

    /** The resources a filter can match: one lookup for {@code id eq} and {@code userName eq}, else all. */
    private static Collection<?> candidates(Kind kind, Filter filter, TenantDirectory directory) {
        if (filter instanceof Filter.Compare c && c.operator() == Filter.Operator.EQ && c.value().isTextual()
                && c.path().schema() == null && c.path().subAttribute() == null) {
            if (c.path().is("id")) {
                Object r = kind == Kind.USER ? directory.user(c.value().asText()) : directory.group(c.value().asText());
                return r == null ? List.of() : List.of(r);
            }
            if (kind == Kind.USER && c.path().is("userName")) {
                String id = directory.userIdByName(c.value().asText());
                return id == null ? List.of() : List.of(directory.user(id));
            }
        }
        return kind == Kind.USER ? directory.users() : directory.groups();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static StoredUser existingUser(TenantDirectory directory, String id) {
        StoredUser u = directory.user(id);
        if (u == null) {
            throw ScimException.notFound("User " + id + " not found");
        }
        return u;
    }

    private static StoredGroup existingGroup(TenantDirectory directory, String id) {
        StoredGroup g = directory.group(id);
        if (g == null) {
            throw ScimException.notFound("Group " + id + " not found");
        }
        return g;
    }

    private static JsonNode body(ScimRequest request) {
        if (request.body().length == 0) {
            throw ScimException.invalidSyntax("the request has no body: send a JSON object");
        }
        try {
            return JSON.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw ScimException.invalidSyntax("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ScimException.invalidSyntax("the body cannot be read: " + e.getMessage());
        }
    }

    private static Projection projection(ScimRequest request) {
        return Projection.of(request.param("attributes"), request.param("excludedAttributes"));
    }

    private static int number(ScimRequest request, String name, int fallback) {
        String v = request.param(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue(name + " must be an integer, was \"" + v + "\"");
        }
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static String trim(String path) {
        String p = path.isEmpty() ? "/" : path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.startsWith("/") ? p : "/" + p;
    }
}
