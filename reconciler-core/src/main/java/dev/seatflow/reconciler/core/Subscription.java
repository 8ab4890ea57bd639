package dev.seatflow.reconciler.core;

import dev.seatflow.events.AlertLevel;
import dev.seatflow.events.PoolSeats;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.SubscriptionStatus;
import it.unimi.dsi.fastutil.objects.ObjectOpenHashSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The seats of one SKU in one tenant, its seat pools, and everyone who holds or waits for one of
 * its seats (rules 2 to 5, "Seat pools").
 *
 * <p>Every entitlement sits on exactly one shelf: the holders; the wait queue of its pool (or the
 * one for users without a pool) when it is licensable as far as the user goes (Queued, or Blocked
 * only by the subscription); or the blocked shelf, for a reason of the user's own. Queues are in
 * position order, so serving compares a few queue heads, and a blocked user is never looked at.
 */
final class Subscription {
    final String skuId;
    int seats;
    /** Null while the SKU was never announced: it then counts as Enabled with 0 seats. */
    SubscriptionStatus status;
    List<String> servicePlans = List.of();
    /** v2: null when the subscription has none. */
    Integer lowSeatsThreshold;

    /**
     * Seat holders. A hash set: taking and giving back a seat is the hot path of churn, and only
     * rare events walk the holders, in position order ({@link #holdersByPosition}).
     */
    private final ObjectOpenHashSet<Entitlement> holders = new ObjectOpenHashSet<>();
    /** Licensable waiters without a pool. */
    final WaitQueue unpooled = new WaitQueue();
    /** Holders without a pool: they use shared seats. */
    int unpooledHeld;
    /** Waiters blocked by a reason of the user's own, in position order. */
    final WaitQueue blocked = new WaitQueue();
    /** v2: the SKU's seat pools by id; the first whose group a user is a member of is its pool. */
    final TreeMap<String, SeatPool> pools = new TreeMap<>();
    /** The sum of the pools' seats; it may exceed {@link #seats}. */
    long reserved;

    /** The row the topic holds now (empty: none), against which a changed row is recognised; never stored. */
    Optional<SeatsRow> committedRow = Optional.empty();
    /** The change set that last put this SKU on its list of SKUs to serve and check. */
    Object touchedBy;

    Subscription(String skuId) {
        this.skuId = skuId;
    }

    boolean isAnnounced() {
        return status != null;
    }

    boolean isActive() {
        return status == null || status.canAssignSeats();
    }

    int assigned() {
        return holders.size();
    }

    /** The holders, in position order: every walk over them that can change an output goes through here. */
    List<Entitlement> holdersByPosition() {
        List<Entitlement> sorted = new ArrayList<>(holders);
        sorted.sort(WaitQueue.BY_POSITION);
        return sorted;
    }

    /** Licensable waiters, in every queue. */
    int ready() {
        int n = unpooled.size();
        for (SeatPool p : pools.values()) {
            n += p.queue.size();
        }
        return n;
    }

    int waiting() {
        return ready() + blocked.size();
    }

    /** Waiting users that are Queued: the licensable ones, while the subscription can hand out seats. */
    int queued() {
        return isActive() ? ready() : 0;
    }

    // ---- shelves ------------------------------------------------------------------------------

    /** Puts a waiting entitlement on the shelf its user-level reason calls for. */
    void fileWaiting(Entitlement e, boolean licensable) {
        e.holdsSeat = false;
        if (licensable) {
            e.shelf = Entitlement.Shelf.READY;
            queueOf(e).add(e);
        } else {
            e.shelf = Entitlement.Shelf.BLOCKED;
            blocked.add(e);
        }
    }

    void fileHolder(Entitlement e) {
        e.holdsSeat = true;
        e.shelf = Entitlement.Shelf.HOLDER;
        holders.add(e);
        if (e.pool == null) {
            unpooledHeld++;
        } else {
            e.pool.held++;
        }
    }

    void unfile(Entitlement e) {
        switch (e.shelf) {
            case HOLDER -> {
                holders.remove(e);
                if (e.pool == null) {
                    unpooledHeld--;
                } else {
                    e.pool.held--;
                }
            }
            case READY -> queueOf(e).remove(e);
            case BLOCKED -> blocked.remove(e);
            default -> throw new IllegalStateException("unknown shelf " + e.shelf);
        }
        e.shelf = null;
    }

    private WaitQueue queueOf(Entitlement e) {
        return e.pool == null ? unpooled : e.pool.queue;
    }

    // ---- counting and serving (rule 5, "Seat pools") ------------------------------------------

    /** {@code sharedSeats}: the seats no pool reserves. */
    long sharedSeats() {
        return Math.max(0, seats - reserved);
    }

    /** {@code sharedUsed}: holders without a pool, and pool holders beyond their pool's seats. */
    long sharedUsed() {
        long used = unpooledHeld;
        for (SeatPool p : pools.values()) {
            used += p.overflow();
        }
        return used;
    }

    /**
     * The waiting user the next free seat goes to: the lowest position among the licensable
     * waiters a free seat is open to (rule 3 with "Seat pools"), or null when no seat is open to any.
     * Rule 5: no seat while {@code assigned >= seats}, or while the subscription cannot hand out seats.
     */
    Entitlement nextToServe() {
        if (!isActive() || holders.size() >= seats) {
            return null;
        }
        boolean sharedFree = sharedUsed() < sharedSeats();
        Entitlement next = sharedFree ? unpooled.first() : null;
        for (SeatPool p : pools.values()) {
            if (!p.queue.isEmpty() && (p.hasRoom() || (p.borrow && sharedFree))) {
                Entitlement head = p.queue.first();
                if (next == null || head.position < next.position) {
                    next = head;
                }
            }
        }
        return next;
    }

    /** Whether a free seat would be open to this waiting user now; for explanations. */
    boolean isOpenTo(Entitlement e) {
        if (!isActive() || holders.size() >= seats) {
            return false;
        }
        boolean sharedFree = sharedUsed() < sharedSeats();
        return e.pool == null ? sharedFree : e.pool.hasRoom() || (e.pool.borrow && sharedFree);
    }

    // ---- views --------------------------------------------------------------------------------

    /** The first {@code limit} waiting users, Queued and Blocked alike, in position order. */
    List<Entitlement> firstWaiting(int limit) {
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> Long.compare(a.current.position, b.current.position));
        Head.push(heads, blocked.iterator());
        Head.push(heads, unpooled.iterator());
        for (SeatPool p : pools.values()) {
            Head.push(heads, p.queue.iterator());
        }
        List<Entitlement> first = new ArrayList<>(Math.min(limit, 128));
        while (first.size() < limit && !heads.isEmpty()) {
            Head h = heads.poll();
            first.add(h.current);
            Head.push(heads, h.rest);
        }
        return first;
    }

    private record Head(Entitlement current, Iterator<Entitlement> rest) {
        static void push(PriorityQueue<Head> heads, Iterator<Entitlement> it) {
            if (it.hasNext()) {
                heads.add(new Head(it.next(), it));
            }
        }
    }

    /**
     * How many waiting users came before {@code e}: all of them, and the Queued ones that compete
     * for a seat {@code e} could take (its pool's queue; with shared seats open to it, also the
     * users without a pool and those of pools that may borrow).
     */
    Ahead ahead(Entitlement e) {
        int all = blocked.ahead(e) + unpooled.ahead(e);
        for (SeatPool p : pools.values()) {
            all += p.queue.ahead(e);
        }
        if (!isActive()) {
            return new Ahead(all, 0);
        }
        boolean mayShare = e.pool == null || e.pool.borrow;
        int competing = e.pool == null ? 0 : e.pool.queue.ahead(e);
        if (mayShare) {
            competing += unpooled.ahead(e);
            for (SeatPool p : pools.values()) {
                if (p != e.pool && p.borrow) {
                    competing += p.queue.ahead(e);
                }
            }
        }
        return new Ahead(all, competing);
    }

    record Ahead(int waiting, int queued) {
    }

    boolean hasNoUsers() {
        return holders.isEmpty() && blocked.isEmpty() && ready() == 0;
    }

    /** The seats row, present for an announced SKU or one that somebody is entitled to. */
    Optional<SeatsRow> row(String tenantId) {
        if (!isAnnounced() && hasNoUsers()) {
            return Optional.empty();
        }
        int assigned = assigned();
        int available = isActive() ? Math.max(0, seats - assigned) : 0;
        List<PoolSeats> poolRows = pools.isEmpty() ? List.of() : new ArrayList<>(pools.size());
        for (SeatPool p : pools.values()) {
            poolRows.add(p.row(available));
        }
        return Optional.of(SeatsRow.of(tenantId, skuId, seats, status, assigned, waiting(), queued(), lowSeatsThreshold,
                reserved, poolRows));
    }

    /** The alert level of a row ("Seat alerts"): a SKU without a row is Ok. */
    static AlertLevel level(Optional<SeatsRow> row) {
        return row.map(SeatsRow::alert).orElse(AlertLevel.Ok);
    }

    @Override
    public String toString() {
        return skuId;
    }
}
