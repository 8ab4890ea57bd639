package dev.seatflow.reconciler.shell;

import dev.seatflow.reconciler.core.Reconciler;

/** What a commit reads from the partition tasks: each owned partition's state, and its committed input positions. */
interface PartitionStates {
    /** The state of an owned partition number. */
    Reconciler reconciler(int partition);

    /** The input positions the partition's last commit (or restore) left. */
    InputPositions committedPositions(int partition);
}
