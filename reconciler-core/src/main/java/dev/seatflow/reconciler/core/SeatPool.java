package dev.seatflow.reconciler.core;

import dev.seatflow.events.PoolSeats;

/**
 * v2, "Seat pools": seats of one SKU reserved for the members of one group, and with
 * {@code borrow} false also all the seats those members may take. The pool's users are the
 * entitled members for whom it is the pool with the smallest id among the SKU's pools they are
 * members of; a holder counts against its pool while the pool has room, against the shared seats
 * beyond that.
 */
final class SeatPool {
    final String poolId;
    final Subscription sku;
    String groupId;
    int seats;
    boolean borrow;
    /** {@code held(P)}: seat holders whose pool this is. */
    int held;
    /** Licensable users whose pool this is, waiting for a seat. */
    final WaitQueue queue = new WaitQueue();

    SeatPool(String poolId, Subscription sku, String groupId, int seats, boolean borrow) {
        this.poolId = poolId;
        this.sku = sku;
        this.groupId = groupId;
        this.seats = seats;
        this.borrow = borrow;
    }

    /** Holders beyond the pool's own seats: they use shared seats. */
    int overflow() {
        return Math.max(0, held - seats);
    }

    boolean hasRoom() {
        return held < seats;
    }

    PoolSeats row(int skuAvailable) {
        return new PoolSeats(poolId, groupId, seats, borrow, held, sku.isActive() ? queue.size() : 0,
                Math.min(Math.max(0, seats - held), skuAvailable));
    }

    @Override
    public String toString() {
        return poolId + "(" + sku.skuId + ", " + groupId + ", " + held + "/" + seats + (borrow ? ", borrow" : "") + ")";
    }
}
