package dev.seatflow.bench.e2e;

import dev.seatflow.events.DirectoryEvent.GroupMemberAdded;
import dev.seatflow.events.DirectoryEvent.UserUpserted;
import dev.seatflow.events.LicensingEvent.GroupLicenseAssigned;
import dev.seatflow.events.LicensingEvent.SubscriptionUpserted;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserType;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fan-out: one group license assigned to a group of N members, timed from handing the event to
 * the producer until all N change events are visible to a read_committed consumer.
 *
 * <p>The group lives in a tenant of its own (N users, all Members with a usage location, a SKU
 * with seats for half of them, so half are Assigned and half Queued), added to the running
 * reconciler, next to the directory it already holds, before the clock starts.
 */
final class FanOutProbe {
    static final String LICENSE_EVENT_ID = "fanout-license";

    record FanOut(int members, long outputs, double millis) {
    }

    private FanOutProbe() {
    }

    @SuppressWarnings("try") // the watcher watches while the block runs; closing it is the point
    static FanOut run(Deployment d, String reconcilerGroup, int members, long seed, Duration patience)
            throws Exception {
        String tenant = SyntheticDirectory.tenantIds("fanout-", 1, d.partitions).get(0);
        Random rnd = new Random(seed);
        String group = SyntheticDirectory.guid(rnd);
        String sku = SyntheticDirectory.guid(rnd);
        String dir = SyntheticDirectory.DIRECTORY_SOURCE;
        String lic = SyntheticDirectory.LICENSING_SOURCE;
        try (InputPublisher publisher = new InputPublisher(d, 20)) {
            long ts = System.currentTimeMillis();
            publisher.send(SyntheticDirectory.event(tenant, lic, "fanout-sku", new SubscriptionUpserted(sku,
                    members / 2, SubscriptionStatus.Enabled, List.of("EXCHANGE_S_STANDARD"))), ts);
            publisher.flush();
            for (int i = 0; i < members; i++) {
                String user = SyntheticDirectory.guid(rnd);
                publisher.send(SyntheticDirectory.event(tenant, dir, "fanout-user-" + i,
                        new UserUpserted(user, "US", UserType.Member)), ts + 1);
                publisher.send(SyntheticDirectory.event(tenant, dir, "fanout-member-" + i,
                        new GroupMemberAdded(group, user)), ts + 1);
            }
            publisher.flush();
            long end = d.inputEnd();
            Waiting.until(patience, "the reconciler to apply the fan-out group's " + members + " members",
                    () -> d.committed(reconcilerGroup) >= end && d.settled(List.of(d.topic(Deployment.ASSIGNMENTS))));

            AtomicLong outputs = new AtomicLong();
            AtomicLong lastAt = new AtomicLong();
            try (OutputWatcher watcher = new OutputWatcher(d, (cause, now) -> {
                if (cause.equals(LICENSE_EVENT_ID)) {
                    outputs.incrementAndGet();
                    lastAt.set(now);
                }
            })) {
                long start = System.nanoTime();
                publisher.send(SyntheticDirectory.event(tenant, lic, LICENSE_EVENT_ID,
                        new GroupLicenseAssigned(group, sku, List.of())), System.currentTimeMillis());
                publisher.flush();
                Waiting.until(patience, members + " fan-out outputs", () -> outputs.get() >= members);
                return new FanOut(members, outputs.get(), (lastAt.get() - start) / 1e6);
            }
        }
    }
}
