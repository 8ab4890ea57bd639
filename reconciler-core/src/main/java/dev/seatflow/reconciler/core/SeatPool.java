package dev.seatflow.reconciler.core;

import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.SubscriptionStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The seats of one SKU in one tenant and everyone who holds or waits for one (rules 3 to 5).
 *
 * <p>Every entitlement sits on exactly one shelf: {@code holders}; {@code ready}, waiting users
 * that are licensable as far as the user goes (Queued, or Blocked only by the subscription); or
 * {@code blocked}, waiting users blocked by a reason of their own. Both waiting shelves are ordered
 * by position, so handing out a freed seat takes the first ready user in O(log n) and never looks
 * at a blocked one.
 */
final class SeatPool {
    private static final Comparator<Entitlement> BY_POSITION = Comparator.comparingLong(e -> e.position);

    final String skuId;
    int seats;
    /** Null while the SKU was never announced: it then counts as Enabled with 0 seats. */
    SubscriptionStatus status;
    List<String> servicePlans = List.of();

    final TreeSet<Entitlement> holders = new TreeSet<>(BY_POSITION);
    final TreeSet<Entitlement> ready = new TreeSet<>(BY_POSITION);
    final TreeSet<Entitlement> blocked = new TreeSet<>(BY_POSITION);

    SeatPool(String skuId) {
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

    int waiting() {
        return ready.size() + blocked.size();
    }

    /** Waiting users that are Queued: the ready shelf, while the subscription can hand out seats. */
    int queued() {
        return isActive() ? ready.size() : 0;
    }

    /** Rule 5: a new seat only while assigned < seats, and only in an active subscription. */
    boolean hasFreeSeat() {
        return isActive() && holders.size() < seats;
    }

    /** Puts a waiting entitlement on the shelf its user-level reason calls for (null: licensable). */
    void fileWaiting(Entitlement e, boolean licensable) {
        e.holdsSeat = false;
        e.shelf = licensable ? Entitlement.Shelf.READY : Entitlement.Shelf.BLOCKED;
        (licensable ? ready : blocked).add(e);
    }

    void fileHolder(Entitlement e) {
        e.holdsSeat = true;
        e.shelf = Entitlement.Shelf.HOLDER;
        holders.add(e);
    }

    void unfile(Entitlement e) {
        switch (e.shelf) {
            case HOLDER -> holders.remove(e);
            case READY -> ready.remove(e);
            case BLOCKED -> blocked.remove(e);
            default -> throw new IllegalStateException("unknown shelf " + e.shelf);
        }
        e.shelf = null;
    }

    /** The next user a freed seat goes to (rule 3), or null when none is licensable. */
    Entitlement nextInLine() {
        return ready.isEmpty() ? null : ready.first();
    }

    /** The first {@code limit} waiting users, Queued and Blocked alike, in position order. */
    List<Entitlement> firstWaiting(int limit) {
        List<Entitlement> first = new ArrayList<>(Math.min(limit, waiting()));
        Iterator<Entitlement> r = ready.iterator();
        Iterator<Entitlement> b = blocked.iterator();
        Entitlement nextReady = r.hasNext() ? r.next() : null;
        Entitlement nextBlocked = b.hasNext() ? b.next() : null;
        while (first.size() < limit && (nextReady != null || nextBlocked != null)) {
            if (nextBlocked == null || (nextReady != null && nextReady.position < nextBlocked.position)) {
                first.add(nextReady);
                nextReady = r.hasNext() ? r.next() : null;
            } else {
                first.add(nextBlocked);
                nextBlocked = b.hasNext() ? b.next() : null;
            }
        }
        return first;
    }

    /** How many waiting users came before {@code e}: all of them, and the licensable ones. */
    Ahead ahead(Entitlement e) {
        int readyAhead = ready.headSet(e, false).size();
        return new Ahead(readyAhead + blocked.headSet(e, false).size(), isActive() ? readyAhead : 0);
    }

    record Ahead(int waiting, int queued) {
    }

    boolean isEmpty() {
        return holders.isEmpty() && ready.isEmpty() && blocked.isEmpty();
    }

    /** The seats row, present for an announced SKU or one that somebody is entitled to. */
    Optional<SeatsRow> row(String tenantId) {
        if (!isAnnounced() && isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SeatsRow.of(tenantId, skuId, seats, status, assigned(), waiting(), queued(), null, 0, List.of()));
    }
}
