package dev.seatflow.reconciler.shell;

import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserType;
import dev.seatflow.reconciler.core.StateRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a changelog value exactly as {@link ChangelogWriter} writes it (its field order, no spaces, strings without
 * escapes), or gives up with null at the first byte that differs, and the Jackson path reads it.
 * A restore reads millions of these: creating a Jackson parser per record was a third of it.
 */
final class CanonicalChangelogReader {
    private final byte[] b;
    private int i;
    private boolean failed;

    CanonicalChangelogReader(byte[] b) {
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
                yield new StateRecord.GroupLicenseRecord(group, sku, plans);
            }
            case "subgroup" -> {
                String group = stringField("groupId");
                String sub = stringField("subgroupId");
                long join = numberField("joinOrder");
                yield new StateRecord.SubgroupLink(group, sub, join);
            }
            case "subscription" -> {
                String sku = stringField("skuId");
                long seats = numberField("seats");
                String status = stringField("status");
                List<String> plans = listField("servicePlans");
                Long threshold = nullableNumberField("lowSeatsThreshold");
                yield failed || status == null || seats != (int) seats
                        || (threshold != null && threshold != threshold.intValue()) ? null
                        : new StateRecord.SubscriptionRecord(sku, (int) seats, subscriptionStatus(status), plans,
                                threshold == null ? null : threshold.intValue());
            }
            case "pool" -> {
                String pool = stringField("poolId");
                String sku = stringField("skuId");
                String group = stringField("groupId");
                long seats = numberField("seats");
                Boolean borrow = booleanField("borrow");
                yield failed || borrow == null || seats != (int) seats ? null
                        : new StateRecord.PoolRecord(pool, sku, group, (int) seats, borrow);
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
            case "seen-block" -> {
                long slot = numberField("slot");
                long first = numberField("firstSeq");
                List<String> sources = listField("sources");
                List<String> ids = listField("ids");
                long position = numberField("nextPosition");
                long join = numberField("nextJoin");
                yield failed || slot != (int) slot || sources == null || ids == null || sources.size() != ids.size()
                        ? null : new StateRecord.SeenBlock((int) slot, first, ChangelogCodec.events(sources, ids),
                                position, join);
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
        return name(name) ? number() : 0;
    }

    private long number() {
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

    /** A number, or null for {@code null}. */
    private Long nullableNumberField(String name) {
        if (!name(name) || expect("null")) {
            return null;
        }
        return number();
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
