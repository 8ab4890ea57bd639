package dev.seatflow.reconciler.shell;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seatflow.reconciler.core.StateRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Maps {@link StateRecord}s to and from the state changelog topic. The key is
 * {@code <length of tenant>:<tenant><record key>}, so it is unique per tenant and record and
 * parses back without escaping; the value is the record as JSON, or null for a tombstone.
 *
 * <p>Jackson is configured here through a mix-in so the core never depends on it.
 */
final class ChangelogCodec {
    private final ObjectMapper mapper = new ObjectMapper()
            .addMixIn(StateRecord.class, StateRecordJson.class)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = StateRecord.UserAttributes.class, name = "user"),
        @JsonSubTypes.Type(value = StateRecord.Membership.class, name = "member"),
        @JsonSubTypes.Type(value = StateRecord.GroupLicense.class, name = "group-license"),
        @JsonSubTypes.Type(value = StateRecord.Subscription.class, name = "subscription"),
        @JsonSubTypes.Type(value = StateRecord.EntitlementRecord.class, name = "entitlement"),
        @JsonSubTypes.Type(value = StateRecord.TenantRecord.class, name = "tenant"),
        @JsonSubTypes.Type(value = StateRecord.SeenEvent.class, name = "seen"),
    })
    private interface StateRecordJson {
    }

    byte[] key(String tenantId, StateRecord record) {
        return (tenantId.length() + ":" + tenantId + record.key()).getBytes(StandardCharsets.UTF_8);
    }

    /** Null for a tombstone. */
    byte[] value(StateRecord record) {
        if (record instanceof StateRecord.Tombstone) {
            return null;
        }
        try {
            return mapper.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode state record " + record, e);
        }
    }

    /** The tenant and record key of a changelog key. */
    static Key parseKey(byte[] key) {
        String k = new String(key, StandardCharsets.UTF_8);
        int colon = k.indexOf(':');
        int length = Integer.parseInt(k.substring(0, colon));
        String tenant = k.substring(colon + 1, colon + 1 + length);
        return new Key(tenant, k.substring(colon + 1 + length));
    }

    StateRecord decode(byte[] value) {
        try {
            return mapper.readValue(value, StateRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode state record " + new String(value, StandardCharsets.UTF_8), e);
        }
    }

    record Key(String tenantId, String recordKey) {
    }
}
