package dev.seatflow.reconciler.shell;

import dev.seatflow.reconciler.core.Explanation;
import dev.seatflow.reconciler.core.Reconciler;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * Questions other threads (the HTTP endpoint) ask about the state. The state belongs to the loop's
 * thread and is not thread-safe, so the loop answers them itself, between transactions: then the
 * state is exactly what the last commit made visible, never a change that may still be aborted.
 */
final class Questions {
    private record Explain(String tenantId, String userId, String skuId,
            CompletableFuture<Optional<Explanation>> answer) {
    }

    private final ConcurrentLinkedQueue<Explain> pending = new ConcurrentLinkedQueue<>();

    /** Empty when no partition of this instance holds the tenant. */
    CompletableFuture<Optional<Explanation>> explain(String tenantId, String userId, String skuId) {
        Explain q = new Explain(tenantId, userId, skuId, new CompletableFuture<>());
        pending.add(q);
        return q.answer();
    }

    /** Called by the loop's thread only, with no transaction open. */
    void answer(Function<String, Reconciler> ownerOfTenant) {
        Explain q;
        while ((q = pending.poll()) != null) {
            try {
                Reconciler owner = ownerOfTenant.apply(q.tenantId());
                q.answer().complete(owner == null ? Optional.empty()
                        : Optional.of(owner.explain(q.tenantId(), q.userId(), q.skuId())));
            } catch (RuntimeException e) {
                q.answer().completeExceptionally(e);
            }
        }
    }

    /** The loop has stopped: nobody will answer what is still pending. */
    void refuseAll(String why) {
        Explain q;
        while ((q = pending.poll()) != null) {
            q.answer().completeExceptionally(new IllegalStateException(why));
        }
    }
}
