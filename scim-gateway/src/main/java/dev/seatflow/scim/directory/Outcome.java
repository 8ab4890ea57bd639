package dev.seatflow.scim.directory;

import dev.seatflow.events.DirectoryEvent;
import java.util.List;

/**
 * What a request comes to: the response, and what must be on Kafka before it may be sent: the resource store
 * records and the {@code directory.*} events, in the order they are to be written. A request that changes
 * nothing has neither, and a refused request never has any.
 */
public record Outcome(ScimResponse response, List<StoreRecord> records, List<DirectoryEvent> events) {
    public Outcome {
        records = List.copyOf(records);
        events = List.copyOf(events);
        if (response.status() >= 300 && (!records.isEmpty() || !events.isEmpty())) {
            throw new IllegalArgumentException("a refused request publishes nothing");
        }
    }

    public static Outcome answer(ScimResponse response) {
        return new Outcome(response, List.of(), List.of());
    }

    public boolean writes() {
        return !records.isEmpty() || !events.isEmpty();
    }
}
