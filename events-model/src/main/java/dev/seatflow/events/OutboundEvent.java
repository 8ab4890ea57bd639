package dev.seatflow.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;

/**
 * One {@code licensing.user.license.changed} CloudEvent. {@code subject} is the user id and
 * {@code causationId} the {@code id} of the input event that caused it.
 *
 * <p>Built by {@link #causedBy}: the {@code id} is derived from the cause ({@code source} and
 * {@code id}), the user and the SKU, so it is unique, stable across replays, and a consumer can
 * deduplicate on it. {@code time} is the cause's {@code time} (when the occurrence happened), or
 * null when the cause had none.
 */
public record OutboundEvent(String id, String tenantId, String time, String causationId, UserLicenseChanged data) {

    /** The CloudEvents {@code source} of every event the reconciler publishes. */
    public static final String SOURCE = "/seatflow/reconciler";

    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-1", e);
        }
    });

    public OutboundEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(data, "data");
    }

    public static OutboundEvent causedBy(Envelope cause, UserLicenseChanged data) {
        return new OutboundEvent(
                deriveId(cause.tenantId(), cause.source(), cause.id(), data.userId(), data.skuId()),
                cause.tenantId(),
                cause.time(),
                cause.id(),
                data);
    }

    public String subject() {
        return data.userId();
    }

    /**
     * A name-based UUID (RFC 9562 version 5 layout, SHA-1) over the length-prefixed parts, so that
     * two different (source, id, user, SKU) tuples never hash the same bytes.
     */
    static String deriveId(String tenantId, String causeSource, String causeId, String userId, String skuId) {
        MessageDigest sha1 = SHA1.get(); // looking a digest up costs more than hashing these few bytes
        // The tenant is part of the identity: per-tenant dedup lets two tenants reuse a source + id.
        for (String part : new String[] {tenantId, causeSource, causeId, userId, skuId}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha1.update((byte) (bytes.length >>> 24));
            sha1.update((byte) (bytes.length >>> 16));
            sha1.update((byte) (bytes.length >>> 8));
            sha1.update((byte) bytes.length);
            sha1.update(bytes);
        }
        byte[] h = sha1.digest();
        h[6] = (byte) ((h[6] & 0x0f) | 0x50);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (h[i] & 0xff);
            lsb = (lsb << 8) | (h[i + 8] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }
}
