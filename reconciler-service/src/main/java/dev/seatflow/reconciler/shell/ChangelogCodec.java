package dev.seatflow.reconciler.shell;

import dev.seatflow.reconciler.core.EventKey;
import dev.seatflow.reconciler.core.StateRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Maps {@link StateRecord}s to and from the state changelog topic. The key is
 * {@code <length of tenant>:<tenant><record key>}, so it is unique per tenant and record and
 * parses back without escaping; the value is the record as a JSON object whose {@code kind} names
 * the record type, or null for a tombstone:
 * <pre>{"kind":"member","groupId":"g-1","userId":"u-1","joinOrder":5}</pre>
 *
 * <p>Written byte by byte ({@link ChangelogWriter}), read without a parser when it is in that canonical form
 * ({@link CanonicalChangelogReader}) and with Jackson's streaming parser otherwise ({@link ChangelogReader}): the
 * changelog carries about 1.2 records per input event (the dedup window written in blocks) and is read back whole on every restore, and data binding
 * (reflection, polymorphic type resolution) cost the loop a tenth of its time and the restore a quarter. The format
 * is the one data binding wrote, so existing changelogs still restore. The shell's own {@link InputPositions}
 * records share the topic under a key no tenant's key can have.
 */
final class ChangelogCodec {

    byte[] key(String tenantId, StateRecord record) {
        return key(tenantId, record.key());
    }

    /** The key of a record whose {@link StateRecord#key()} the caller already has (it is built anew on each call). */
    byte[] key(String tenantId, String recordKey) {
        return (tenantId.length() + ":" + tenantId + recordKey).getBytes(StandardCharsets.UTF_8);
    }

    /** Null for a tombstone ({@link ChangelogWriter}). */
    byte[] value(StateRecord record) {
        return ChangelogWriter.value(record);
    }

    /** The tenant and record key of a changelog key. */
    static Key parseKey(byte[] key) {
        String k = new String(key, StandardCharsets.UTF_8);
        int colon = k.indexOf(':');
        int length = Integer.parseInt(k, 0, colon, 10);
        String tenant = k.substring(colon + 1, colon + 1 + length);
        return new Key(tenant, k.substring(colon + 1 + length));
    }

    /** Its own canonical form without a parser ({@link CanonicalChangelogReader}), anything else through Jackson. */
    StateRecord decode(byte[] value) {
        StateRecord canonical = new CanonicalChangelogReader(value).read();
        return canonical != null ? canonical : ChangelogReader.decodeAnyJson(value);
    }

    /** Any JSON object of the format, whatever its field order, spacing, escapes or extra fields. */
    StateRecord decodeAnyJson(byte[] value) {
        return ChangelogReader.decodeAnyJson(value);
    }

    record Key(String tenantId, String recordKey) {
    }

    /** A dedup block's events from its two lists, sources and ids, of the same length. */
    static List<EventKey> events(List<String> sources, List<String> ids) {
        if (sources == null || ids == null || sources.size() != ids.size()) {
            throw new IllegalArgumentException("a dedup block needs as many sources as ids");
        }
        EventKey[] events = new EventKey[ids.size()];
        for (int i = 0; i < events.length; i++) {
            events[i] = new EventKey(sources.get(i), ids.get(i));
        }
        return List.of(events);
    }
}
