package dev.seatflow.bench;

import dev.seatflow.events.Envelope;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.json.EventCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The input of a replay of {@link SyntheticTenant} as the JSON lines a producer writes: its
 * subscriptions, users and group licenses, then every membership in a seeded random order, each
 * event with a time as real ones carry. For the standard tenant (100,000 users) that is the
 * 1.1M-event directory of the replay benchmark: ~91% {@code directory.group.member.added}, ~9%
 * {@code directory.user.upserted}, a few subscriptions and group licenses; ~250 bytes a line.
 */
final class InputLines {
    static final long SEED = 20_240_601L;
    static final String TIME = "2026-11-28T09:00:00Z";

    private InputLines() {
    }

    static List<byte[]> of(int users) {
        SyntheticTenant tenant = SyntheticTenant.of(SEED, users);
        List<InboundEvent> events = tenant.buildEvents(true, tenant.shuffledMemberships(new Random(SEED)), null);
        List<byte[]> lines = new ArrayList<>(events.size());
        for (InboundEvent e : events) {
            Envelope env = e.envelope();
            lines.add(EventCodec.INSTANCE.encodeInput(
                    new InboundEvent(new Envelope(env.id(), env.source(), env.tenantId(), TIME), e.data())));
        }
        return lines;
    }
}
