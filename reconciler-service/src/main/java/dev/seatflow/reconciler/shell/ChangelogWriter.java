package dev.seatflow.reconciler.shell;

import dev.seatflow.reconciler.core.EventKey;
import dev.seatflow.reconciler.core.StateRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link StateRecord} as the changelog's flat JSON object, byte by byte (see {@link ChangelogCodec}).
 */
final class ChangelogWriter {
    private ChangelogWriter() {
    }

    /** Null for a tombstone. */
    static byte[] value(StateRecord record) {
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
        } else if (record instanceof StateRecord.GroupLicenseRecord r) {
            j.kind("group-license").field("groupId", r.groupId()).field("skuId", r.skuId())
                    .field("disabledPlans", r.disabledPlans());
        } else if (record instanceof StateRecord.SubgroupLink r) {
            j.kind("subgroup").field("groupId", r.groupId()).field("subgroupId", r.subgroupId())
                    .field("joinOrder", r.joinOrder());
        } else if (record instanceof StateRecord.SubscriptionRecord r) {
            j.kind("subscription").field("skuId", r.skuId()).field("seats", r.seats())
                    .field("status", r.status() == null ? null : r.status().name())
                    .field("servicePlans", r.servicePlans()).field("lowSeatsThreshold", r.lowSeatsThreshold());
        } else if (record instanceof StateRecord.PoolRecord r) {
            j.kind("pool").field("poolId", r.poolId()).field("skuId", r.skuId()).field("groupId", r.groupId())
                    .field("seats", r.seats()).field("borrow", r.borrow());
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
        } else if (record instanceof StateRecord.SeenBlock r) {
            // The events as two lists of the same length: sources and ids.
            List<String> sources = new ArrayList<>(r.events().size());
            List<String> ids = new ArrayList<>(r.events().size());
            for (EventKey e : r.events()) {
                sources.add(e.source());
                ids.add(e.id());
            }
            j.kind("seen-block").field("slot", r.slot()).field("firstSeq", r.firstSeq()).field("sources", sources)
                    .field("ids", ids).field("nextPosition", r.nextPosition()).field("nextJoin", r.nextJoin());
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

        JsonBytes field(String name, Integer value) {
            name(name);
            ascii(value == null ? "null" : Integer.toString(value));
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
}
