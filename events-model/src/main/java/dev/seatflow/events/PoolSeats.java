package dev.seatflow.events;

import java.util.Objects;

/**
 * v2: one seat pool in a {@code licensing.seats} row. {@code assigned} is {@code held(P)}, the
 * seat holders whose pool this is; {@code queued} the Queued users whose pool this is;
 * {@code available} what the pool can still hand out: min(max(0, seats - assigned), the row's available).
 */
public record PoolSeats(
        String poolId,
        String groupId,
        int seats,
        boolean borrow,
        int assigned,
        int queued,
        int available) {

    public PoolSeats {
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(groupId, "groupId");
    }
}
