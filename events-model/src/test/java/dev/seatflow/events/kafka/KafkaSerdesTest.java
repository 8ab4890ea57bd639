package dev.seatflow.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.events.AlertEvent;
import dev.seatflow.events.AlertLevel;
import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.Envelope;
import dev.seatflow.events.GroupStatus;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.LicenseEntry;
import dev.seatflow.events.LicenseState;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.PoolSeats;
import dev.seatflow.events.SeatAlertChanged;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserLicenseChanged;
import dev.seatflow.events.UserLicenses;
import dev.seatflow.events.json.InvalidEventException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class KafkaSerdesTest {

    private static final InboundEvent INPUT = new InboundEvent(
            new Envelope("e-42", "/directory-sync/contoso", "contoso", "2026-11-23T10:00:00Z"),
            new DirectoryEvent.GroupMemberAdded("g-sales", "u-1"));
    private static final OutboundEvent OUTPUT = OutboundEvent.causedBy(INPUT.envelope(),
            new UserLicenseChanged("u-1", "ENTERPRISEPACK", LicenseState.Assigned, null, null, List.of(),
                    List.of("g-sales"), false));
    private static final UserLicenses USER = new UserLicenses("contoso", "u-1",
            List.of(new LicenseEntry("ENTERPRISEPACK", LicenseState.Assigned, null, List.of(), List.of("g-sales"), false)));
    private static final SeatsRow SEATS = SeatsRow.of("contoso", "ENTERPRISEPACK", 25, SubscriptionStatus.Enabled,
            22, 3, 2, 5, 15, // assigned, waiting, queued, lowSeatsThreshold, reserved
            List.of(new PoolSeats("p-sales", "g-sales", 10, false, 10, 2, 0)));
    private static final AlertEvent ALERT = AlertEvent.causedBy(INPUT.envelope(),
            new SeatAlertChanged("ENTERPRISEPACK", AlertLevel.Exhausted, AlertLevel.Low, 25, 25, 1, 0, 5));
    private static final GroupStatus GROUP = new GroupStatus("contoso", "g-sales", 1, 0,
            List.of(new GroupStatus.License("ENTERPRISEPACK", List.of(), 1, 0, 0)));

    @Test
    void cloud_event_serializers_mark_the_record_as_structured_mode_cloud_events() {
        assertContentTypeHeader(new InboundEventSerializer(), INPUT);
        assertContentTypeHeader(new OutboundEventSerializer(), OUTPUT);
        assertContentTypeHeader(new AlertEventSerializer(), ALERT);
    }

    @Test
    void the_content_type_header_replaces_an_earlier_one_instead_of_adding_a_second() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventsHeaders.CONTENT_TYPE_HEADER, "text/plain".getBytes(StandardCharsets.UTF_8));

        new InboundEventSerializer().serialize("directory.changes", headers, INPUT);

        assertThat(headers.headers(CloudEventsHeaders.CONTENT_TYPE_HEADER)).singleElement()
                .extracting(h -> new String(h.value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json");
    }

    @Test
    void state_value_serializers_add_no_cloud_events_header() {
        RecordHeaders headers = new RecordHeaders();

        new UserLicensesSerializer().serialize("licensing.user-licenses", headers, USER);
        new SeatsRowSerializer().serialize("licensing.seats", headers, SEATS);
        new GroupStatusSerializer().serialize("licensing.group-status", headers, GROUP);

        assertThat(headers.toArray()).isEmpty();
    }

    @Test
    void every_serde_reads_back_what_it_wrote() {
        assertThat(roundTrip(new InboundEventSerializer(), new InboundEventDeserializer(), INPUT)).isEqualTo(INPUT);
        assertThat(roundTrip(new OutboundEventSerializer(), new OutboundEventDeserializer(), OUTPUT)).isEqualTo(OUTPUT);
        assertThat(roundTrip(new UserLicensesSerializer(), new UserLicensesDeserializer(), USER)).isEqualTo(USER);
        assertThat(roundTrip(new SeatsRowSerializer(), new SeatsRowDeserializer(), SEATS)).isEqualTo(SEATS);
        assertThat(roundTrip(new AlertEventSerializer(), new AlertEventDeserializer(), ALERT)).isEqualTo(ALERT);
        assertThat(roundTrip(new GroupStatusSerializer(), new GroupStatusDeserializer(), GROUP)).isEqualTo(GROUP);
    }

    @Test
    void null_maps_to_null_both_ways_so_tombstones_pass_through() {
        List<Serializer<?>> serializers = List.of(new InboundEventSerializer(), new OutboundEventSerializer(),
                new UserLicensesSerializer(), new SeatsRowSerializer(), new AlertEventSerializer(),
                new GroupStatusSerializer());
        List<Deserializer<?>> deserializers = List.of(new InboundEventDeserializer(), new OutboundEventDeserializer(),
                new UserLicensesDeserializer(), new SeatsRowDeserializer(), new AlertEventDeserializer(),
                new GroupStatusDeserializer());
        RecordHeaders headers = new RecordHeaders();

        for (Serializer<?> s : serializers) {
            assertThat(s.serialize("t", null)).isNull();
            assertThat(s.serialize("t", headers, null)).isNull();
        }
        for (Deserializer<?> d : deserializers) {
            assertThat(d.deserialize("t", null)).isNull();
            assertThat(d.deserialize("t", headers, (byte[]) null)).isNull();
        }
        assertThat(headers.toArray()).as("a tombstone is no CloudEvent").isEmpty();
    }

    @Test
    void a_bad_record_fails_with_a_serialization_exception_that_names_the_topic_and_the_field() {
        byte[] bad = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/s\",\"type\":\"directory.user.deleted\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new InboundEventDeserializer().deserialize("directory.changes", bad))
                .isInstanceOf(SerializationException.class)
                .hasMessage("invalid input event on topic directory.changes: tenantid: is required")
                .cause().isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.field()).isEqualTo("tenantid"));
        assertThatThrownBy(() -> new SeatsRowDeserializer().deserialize("licensing.seats", bad))
                .isInstanceOf(SerializationException.class)
                .hasCauseInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> new AlertEventDeserializer().deserialize("licensing.alerts", bad))
                .isInstanceOf(SerializationException.class)
                .hasMessage("invalid licensing.seats.alert.changed event on topic licensing.alerts: "
                        + "type: must be \"licensing.seats.alert.changed\", was \"directory.user.deleted\"");
        assertThatThrownBy(() -> new GroupStatusDeserializer().deserialize("licensing.group-status", bad))
                .isInstanceOf(SerializationException.class)
                .hasMessage("invalid group-status value on topic licensing.group-status: tenantId: is required");
    }

    private static <T> void assertContentTypeHeader(Serializer<T> serializer, T value) {
        RecordHeaders headers = new RecordHeaders();

        byte[] bytes = serializer.serialize("topic", headers, value);

        assertThat(bytes).isEqualTo(serializer.serialize("topic", value));
        Header header = headers.lastHeader("content-type");
        assertThat(header).isNotNull();
        assertThat(new String(header.value(), StandardCharsets.UTF_8)).isEqualTo(CloudEventsHeaders.CONTENT_TYPE);
    }

    private static <T> T roundTrip(Serializer<T> serializer, Deserializer<T> deserializer, T value) {
        RecordHeaders headers = new RecordHeaders();
        return deserializer.deserialize("topic", headers, serializer.serialize("topic", headers, value));
    }
}
