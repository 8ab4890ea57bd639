package dev.seatflow.reconciler.shell;

import dev.seatflow.reconciler.core.Reconciler;

/** One owned partition number: its state, its buffered input, and the input positions its state contains. */
final class PartitionTask {
    final int partition;
    final Reconciler reconciler;
    final PartitionInbox inbox;
    /** The positions of the last commit (or the restore): what the state contains. */
    InputPositions committed;
    boolean directoryPaused;
    boolean licensingPaused;

    PartitionTask(int partition, Reconciler reconciler, InputPositions committed, long maxIdleMs) {
        this.partition = partition;
        this.reconciler = reconciler;
        this.committed = committed;
        this.inbox = new PartitionInbox(maxIdleMs);
    }
}
