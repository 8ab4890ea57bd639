package dev.seatflow.reconciler.shell;

import dev.seatflow.events.InboundEvent;
import dev.seatflow.reconciler.core.Decision;
import dev.seatflow.reconciler.core.Reconciler;

/**
 * How the loop applies an admitted event to a partition's state: {@link #CORE}, the core itself, in production. A
 * seam for tests only (a core that throws on a chosen event, to test the poison-record path); no setting reaches it.
 */
@FunctionalInterface
public interface CoreStep {
    CoreStep CORE = Reconciler::apply;

    Decision apply(Reconciler state, InboundEvent event);
}
