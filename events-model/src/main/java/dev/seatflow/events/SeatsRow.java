package dev.seatflow.events;

import java.util.List;
import java.util.Objects;

/**
 * The value of the compacted {@code licensing.seats} topic (key {@code tenant/sku}). {@code status}
 * is null for a SKU that was never announced. {@code waiting} counts Queued and Blocked users,
 * {@code queued} (v2) the Queued ones only. v2 adds {@code lowSeatsThreshold} (null: none),
 * {@code alert}, {@code reserved} (the sum of the pools' seats) and {@code pools}, sorted by pool id.
 */
public record SeatsRow(
        String tenantId,
        String skuId,
        int seats,
        SubscriptionStatus status,
        int assigned,
        int waiting,
        int available,
        int overAllocated,
        int queued,
        Integer lowSeatsThreshold,
        AlertLevel alert,
        long reserved,
        List<PoolSeats> pools) {

    public SeatsRow {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(skuId, "skuId");
        Objects.requireNonNull(alert, "alert");
        pools = List.copyOf(pools);
    }

    /**
     * The row for these counts, with what the contract derives from them: {@code available}
     * ({@code seats - assigned}, never below 0, and 0 unless the subscription can hand out seats),
     * {@code overAllocated} ({@code assigned - seats}, never below 0) and the {@code alert} level
     * ("Seat alerts": the first of OverAllocated, Exhausted, Low that applies, else Ok).
     */
    public static SeatsRow of(String tenantId, String skuId, int seats, SubscriptionStatus status, int assigned,
            int waiting, int queued, Integer lowSeatsThreshold, long reserved, List<PoolSeats> pools) {
        boolean active = status == null || status.canAssignSeats();
        int available = active ? Math.max(0, seats - assigned) : 0;
        AlertLevel alert;
        if (assigned > seats) {
            alert = AlertLevel.OverAllocated;
        } else if (queued > 0) {
            alert = AlertLevel.Exhausted;
        } else if (active && lowSeatsThreshold != null && available <= lowSeatsThreshold) {
            alert = AlertLevel.Low;
        } else {
            alert = AlertLevel.Ok;
        }
        return new SeatsRow(tenantId, skuId, seats, status, assigned, waiting, available, Math.max(0, assigned - seats),
                queued, lowSeatsThreshold, alert, reserved, pools);
    }

    public String key() {
        return tenantId + "/" + skuId;
    }
}
