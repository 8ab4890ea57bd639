package dev.seatflow.events;

import java.util.Objects;

/**
 * The value of the compacted {@code licensing.seats} topic (key {@code tenant/sku}). {@code status}
 * is null for a SKU that was never announced. {@code waiting} counts Queued and Blocked users.
 */
public record SeatsRow(
        String tenantId,
        String skuId,
        int seats,
        SubscriptionStatus status,
        int assigned,
        int waiting,
        int available,
        int overAllocated) {

    public SeatsRow {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(skuId, "skuId");
    }

    /** The row for these counts, with {@code available} and {@code overAllocated} as the contract derives them. */
    public static SeatsRow of(String tenantId, String skuId, int seats, SubscriptionStatus status, int assigned, int waiting) {
        boolean active = status == null || status.canAssignSeats();
        int available = active ? Math.max(0, seats - assigned) : 0;
        return new SeatsRow(tenantId, skuId, seats, status, assigned, waiting, available, Math.max(0, assigned - seats));
    }

    public String key() {
        return tenantId + "/" + skuId;
    }
}
