package dev.seatflow.scim.directory;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The users, groups and memberships of one tenant, as the resource store holds them. Changed only by
 * {@link #apply}; the gateway reads it under a lock that {@code apply} takes exclusively.
 */
public final class TenantDirectory {
    private final String tenant;
    /** By id: list responses page through them in id order, which updates do not move. */
    private final NavigableMap<String, StoredUser> users = new TreeMap<>();
    private final NavigableMap<String, StoredGroup> groups = new TreeMap<>();
    /** Group id -> direct members in the order they joined. Kept even while the group row is not restored yet. */
    private final Map<String, LinkedHashMap<String, MemberType>> members = new HashMap<>();
    /** Member id -> the groups it is a direct member of. */
    private final Map<String, Set<String>> memberOf = new HashMap<>();
    /** userName, lower case (unique per tenant, case-insensitively) -> user id. */
    private final Map<String, String> userNames = new HashMap<>();

    public TenantDirectory(String tenant) {
        this.tenant = tenant;
    }

    public String tenant() {
        return tenant;
    }

    public StoredUser user(String id) {
        return users.get(id);
    }

    public StoredGroup group(String id) {
        return groups.get(id);
    }

    public Collection<StoredUser> users() {
        return Collections.unmodifiableCollection(users.values());
    }

    public Collection<StoredGroup> groups() {
        return Collections.unmodifiableCollection(groups.values());
    }

    /** The direct members of a group, in join order. */
    public Map<String, MemberType> members(String groupId) {
        Map<String, MemberType> m = members.get(groupId);
        return m == null ? Map.of() : Collections.unmodifiableMap(m);
    }

    /** The groups {@code memberId} (a user or a group) is a direct member of. */
    public Set<String> memberOf(String memberId) {
        Set<String> g = memberOf.get(memberId);
        return g == null ? Set.of() : Collections.unmodifiableSet(g);
    }

    public String userIdByName(String userName) {
        return userName == null ? null : userNames.get(userName.toLowerCase(Locale.ROOT));
    }

    /** The one way the directory changes: live after a commit, and on restore. */
    public void apply(StoreRecord record) {
        if (record instanceof StoreRecord.UserRow r) {
            StoredUser old = users.remove(r.id());
            if (old != null) {
                userNames.remove(lowerUserName(old), r.id());
            }
            if (r.user() != null) {
                users.put(r.id(), r.user());
                String name = lowerUserName(r.user());
                if (name != null) {
                    userNames.put(name, r.id());
                }
            }
        } else if (record instanceof StoreRecord.GroupRow r) {
            if (r.group() == null) {
                groups.remove(r.id());
            } else {
                groups.put(r.id(), r.group());
            }
        } else if (record instanceof StoreRecord.MemberRow r) {
            if (r.type() == null) {
                LinkedHashMap<String, MemberType> m = members.get(r.groupId());
                if (m != null) {
                    m.remove(r.memberId());
                    if (m.isEmpty()) {
                        members.remove(r.groupId());
                    }
                }
                Set<String> g = memberOf.get(r.memberId());
                if (g != null) {
                    g.remove(r.groupId());
                    if (g.isEmpty()) {
                        memberOf.remove(r.memberId());
                    }
                }
            } else {
                members.computeIfAbsent(r.groupId(), k -> new LinkedHashMap<>()).put(r.memberId(), r.type());
                memberOf.computeIfAbsent(r.memberId(), k -> new LinkedHashSet<>()).add(r.groupId());
            }
        } else {
            throw new IllegalStateException("unknown store record " + record);
        }
    }

    private static String lowerUserName(StoredUser u) {
        var v = dev.seatflow.scim.protocol.Attributes.text(u.attributes(), "userName");
        return v == null ? null : v.toLowerCase(Locale.ROOT);
    }
}
