package dev.seatflow.events.json;

import static dev.seatflow.events.json.Examples.bytes;
import static dev.seatflow.events.json.Examples.example;
import static dev.seatflow.events.json.Examples.schemaErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.events.AlertEvent;
import dev.seatflow.events.AlertLevel;
import dev.seatflow.events.Envelope;
import dev.seatflow.events.LicenseState;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.Reason;
import dev.seatflow.events.SeatAlertChanged;
import dev.seatflow.events.UserLicenseChanged;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OutputEventsTest {

    private static final EventCodec CODEC = EventCodec.INSTANCE;
    private static final String TYPE = "licensing.user.license.changed";
    private static final String ALERT = "licensing.seats.alert.changed";

    private static final OutboundEvent QUEUED = OutboundEvent.causedBy(
            new Envelope("e-42", "/directory-sync/contoso", "contoso", "2026-11-23T10:00:00Z"),
            new UserLicenseChanged("u-1", "ENTERPRISEPACK", LicenseState.Queued, null, Reason.SeatsExhausted,
                    List.of("YAMMER_ENTERPRISE"), List.of("g-sales"), false));

    /** The documented alert: u-1 joining g-sales (e-42) finds no seat left, so ENTERPRISEPACK goes from Low to Exhausted. */
    private static final AlertEvent EXHAUSTED = AlertEvent.causedBy(
            new Envelope("e-42", "/directory-sync/contoso", "contoso", "2026-11-23T10:00:00Z"),
            new SeatAlertChanged("ENTERPRISEPACK", AlertLevel.Exhausted, AlertLevel.Low, 25, 25, 1, 0, 5));
    private static final String EXHAUSTED_DATA = "\"skuId\":\"ENTERPRISEPACK\",\"level\":\"Exhausted\","
            + "\"previousLevel\":\"Low\",\"seats\":25,\"assigned\":25,\"queued\":1,\"available\":0,\"lowSeatsThreshold\":5";

    @Test
    void a_change_event_is_encoded_exactly_as_documented() {
        assertThat(CODEC.toJsonLine(QUEUED)).isEqualTo("{\"specversion\":\"1.0\","
                + "\"id\":\"94d0a966-8292-5015-bba5-0fe77cbffed4\",\"source\":\"/seatflow/reconciler\","
                + "\"type\":\"licensing.user.license.changed\",\"time\":\"2026-11-23T10:00:00Z\","
                + "\"tenantid\":\"contoso\",\"subject\":\"u-1\",\"causationid\":\"e-42\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"userId\":\"u-1\",\"skuId\":\"ENTERPRISEPACK\","
                + "\"state\":\"Queued\",\"previousState\":null,\"reason\":\"SeatsExhausted\","
                + "\"disabledPlans\":[\"YAMMER_ENTERPRISE\"],\"assignedByGroups\":[\"g-sales\"],\"direct\":false}}");
        assertThat(CODEC.toJsonLine(QUEUED)).isEqualTo(example(TYPE).strip());
    }

    @Test
    void encoding_the_same_event_twice_gives_the_same_bytes() throws Exception {
        assertThat(CODEC.encodeOutput(QUEUED)).isEqualTo(CODEC.encodeOutput(QUEUED));
        assertThat(CODEC.encodeOutput(CODEC.decodeOutput(CODEC.encodeOutput(QUEUED))))
                .isEqualTo(CODEC.encodeOutput(QUEUED));
    }

    @Test
    void time_is_omitted_when_the_cause_had_none() throws Exception {
        OutboundEvent noTime = OutboundEvent.causedBy(new Envelope("e-43", "/s", "contoso", null), assigned());

        assertThat(CODEC.toJsonLine(noTime)).doesNotContain("\"time\"");
        assertThat(CODEC.decodeOutput(CODEC.encodeOutput(noTime))).isEqualTo(noTime);
        assertThat(schemaErrors(TYPE, CODEC.toJsonLine(noTime))).isEmpty();
    }

    @Test
    void a_change_event_decodes_back_to_an_equal_event_and_validates_against_its_schema() throws Exception {
        for (OutboundEvent e : List.of(QUEUED, OutboundEvent.causedBy(new Envelope("e-9", "/s", "t", null), assigned()),
                OutboundEvent.causedBy(new Envelope("e-10", "/s", "t", "2026-11-23T10:00:00Z"),
                        new UserLicenseChanged("u-2", "SKU", LicenseState.Removed, LicenseState.Blocked, null,
                                List.of(), List.of(), false)))) {
            assertThat(CODEC.decodeOutput(CODEC.encodeOutput(e))).isEqualTo(e);
            assertThat(schemaErrors(TYPE, CODEC.toJsonLine(e))).isEmpty();
        }
    }

    @Test
    void a_json_line_is_one_line_without_a_trailing_newline_even_for_control_characters() {
        OutboundEvent odd = OutboundEvent.causedBy(new Envelope("line\nbreak", "/s", "t", null),
                new UserLicenseChanged("u\r\n1", "SKU\u2028", LicenseState.Assigned, null, null, List.of(), List.of(), true));

        assertThat(CODEC.toJsonLine(odd)).doesNotContain("\n", "\r").endsWith("}");
    }

    static Stream<Arguments> badChanges() {
        return Stream.of(
                Arguments.of("reason on an assigned user", "\"state\":\"Queued\"", "\"state\":\"Assigned\"", "data.reason",
                        "must be null when state is Assigned, was \"SeatsExhausted\""),
                Arguments.of("queued without a reason", "\"reason\":\"SeatsExhausted\"", "\"reason\":null", "data.reason",
                        "must be one of SeatsExhausted when state is Queued, was null"),
                Arguments.of("queued for a blocking reason", "\"reason\":\"SeatsExhausted\"", "\"reason\":\"GuestUser\"",
                        "data.reason", "must be one of SeatsExhausted when state is Queued, was \"GuestUser\""),
                Arguments.of("removed as a previous state", "\"previousState\":null", "\"previousState\":\"Removed\"",
                        "data.previousState", "must be one of Assigned, Queued, Blocked, was \"Removed\""),
                Arguments.of("an input type", "\"type\":\"licensing.user.license.changed\"",
                        "\"type\":\"directory.user.deleted\"", "type",
                        "must be \"licensing.user.license.changed\", was \"directory.user.deleted\""),
                Arguments.of("another content type", "\"datacontenttype\":\"application/json\"",
                        "\"datacontenttype\":\"text/plain\"", "datacontenttype",
                        "must be \"application/json\", was \"text/plain\""),
                Arguments.of("no causation id", "\"causationid\":\"e-42\",", "", "causationid", "is required"),
                Arguments.of("a group list that is not a list", "\"assignedByGroups\":[\"g-sales\"]",
                        "\"assignedByGroups\":\"g-sales\"", "data.assignedByGroups",
                        "must be an array of strings, was \"g-sales\""),
                Arguments.of("direct not a boolean", "\"direct\":false", "\"direct\":\"no\"", "data.direct",
                        "must be true or false, was \"no\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badChanges")
    void a_bad_change_event_is_rejected_by_the_codec_and_by_the_schema(
            String name, String from, String to, String field, String problem) {
        String json = CODEC.toJsonLine(QUEUED).replace(from, to);

        assertThatThrownBy(() -> CODEC.decodeOutput(bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.problem()).isEqualTo(problem);
                });
        assertThat(schemaErrors(TYPE, json)).isNotEmpty();
    }

    @Test
    void a_subject_other_than_the_user_is_rejected_by_the_codec() {
        String json = CODEC.toJsonLine(QUEUED).replace("\"subject\":\"u-1\"", "\"subject\":\"u-2\"");

        assertThatThrownBy(() -> CODEC.decodeOutput(bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("subject"));
    }

    // ---------------------------------------------------------------- v2: licensing.seats.alert.changed

    @Test
    void an_alert_event_is_encoded_exactly_as_documented() {
        assertThat(CODEC.toJsonLine(EXHAUSTED)).isEqualTo("{\"specversion\":\"1.0\","
                + "\"id\":\"88348f68-e99c-514e-b8d3-68c6d0c372cd\",\"source\":\"/seatflow/reconciler\","
                + "\"type\":\"licensing.seats.alert.changed\",\"time\":\"2026-11-23T10:00:00Z\","
                + "\"tenantid\":\"contoso\",\"subject\":\"ENTERPRISEPACK\",\"causationid\":\"e-42\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"skuId\":\"ENTERPRISEPACK\",\"level\":\"Exhausted\","
                + "\"previousLevel\":\"Low\",\"seats\":25,\"assigned\":25,\"queued\":1,\"available\":0,"
                + "\"lowSeatsThreshold\":5}}");
        assertThat(CODEC.toJsonLine(EXHAUSTED)).isEqualTo(example(ALERT).strip());
    }

    @Test
    void an_alert_event_decodes_back_to_an_equal_event_and_validates_against_its_schema() throws Exception {
        for (AlertEvent e : List.of(EXHAUSTED,
                AlertEvent.causedBy(new Envelope("a-1", "/license-admin/contoso", "contoso", null),
                        new SeatAlertChanged("E5", AlertLevel.OverAllocated, AlertLevel.Ok, 0, 3, 0, 0, null)),
                AlertEvent.causedBy(new Envelope("a-2", "/license-admin/contoso", "contoso", "2026-11-23T10:00:00Z"),
                        new SeatAlertChanged("E5", AlertLevel.Ok, AlertLevel.Low, 10, 4, 0, 6, 5)))) {
            assertThat(CODEC.decodeAlert(CODEC.encodeAlert(e))).isEqualTo(e);
            assertThat(CODEC.encodeAlert(CODEC.decodeAlert(CODEC.encodeAlert(e)))).isEqualTo(CODEC.encodeAlert(e));
            assertThat(schemaErrors(ALERT, CODEC.toJsonLine(e))).isEmpty();
        }
    }

    @Test
    void an_alert_without_a_threshold_writes_null_and_omits_time_when_the_cause_had_none() {
        AlertEvent e = AlertEvent.causedBy(new Envelope("a-1", "/s", "contoso", null),
                new SeatAlertChanged("E5", AlertLevel.OverAllocated, AlertLevel.Ok, 0, 3, 0, 0, null));

        assertThat(CODEC.toJsonLine(e)).doesNotContain("\"time\"").endsWith(",\"lowSeatsThreshold\":null}}");
    }

    @Test
    void an_alert_id_is_derived_from_the_tenant_the_cause_and_the_sku_and_never_equals_a_change_events_id() {
        Envelope cause = new Envelope("e-42", "/directory-sync/contoso", "contoso", "2026-11-23T10:00:00Z");
        SeatAlertChanged data = EXHAUSTED.data();

        assertThat(AlertEvent.causedBy(cause, data).id()).as("a replay gets the same id").isEqualTo(EXHAUSTED.id());
        assertThat(AlertEvent.causedBy(new Envelope("e-42", "/directory-sync/contoso", "contoso", null), data).id())
                .as("time is no part of it").isEqualTo(EXHAUSTED.id());
        assertThat(List.of(
                AlertEvent.causedBy(new Envelope("e-43", "/directory-sync/contoso", "contoso", null), data).id(),
                AlertEvent.causedBy(new Envelope("e-42", "/license-admin/contoso", "contoso", null), data).id(),
                AlertEvent.causedBy(new Envelope("e-42", "/directory-sync/contoso", "fabrikam", null), data).id(),
                AlertEvent.causedBy(cause, new SeatAlertChanged("POWER_BI_PRO", AlertLevel.Exhausted, AlertLevel.Low,
                        25, 25, 1, 0, 5)).id(),
                QUEUED.id()))
                .as("another cause, tenant or SKU, or the change event of the same cause and SKU")
                .doesNotContain(EXHAUSTED.id())
                .doesNotHaveDuplicates();
        assertThat(EXHAUSTED.subject()).isEqualTo("ENTERPRISEPACK");
        assertThat(EXHAUSTED.causationId()).isEqualTo("e-42");
    }

    static Stream<Arguments> badAlerts() {
        return Stream.of(
                Arguments.of("the same level twice", "\"previousLevel\":\"Low\"", "\"previousLevel\":\"Exhausted\"",
                        "data.previousLevel", "must differ from level, was \"Exhausted\""),
                Arguments.of("an unknown level", "\"level\":\"Exhausted\"", "\"level\":\"Critical\"", "data.level",
                        "must be one of OverAllocated, Exhausted, Low, Ok, was \"Critical\""),
                Arguments.of("no previous level", "\"previousLevel\":\"Low\"", "\"previousLevel\":null",
                        "data.previousLevel", "is required"),
                Arguments.of("no threshold member", ",\"lowSeatsThreshold\":5", "", "data.lowSeatsThreshold",
                        "is required (null for none)"),
                Arguments.of("a fractional threshold", "\"lowSeatsThreshold\":5", "\"lowSeatsThreshold\":5.5",
                        "data.lowSeatsThreshold", "must be an integer >= 0 or null, was 5.5"),
                Arguments.of("a negative count", "\"available\":0", "\"available\":-1", "data.available",
                        "must be an integer >= 0, was -1"),
                Arguments.of("queued as a string", "\"queued\":1", "\"queued\":\"1\"", "data.queued",
                        "must be an integer >= 0, was \"1\""),
                Arguments.of("no SKU", "{\"skuId\":\"ENTERPRISEPACK\",", "{", "data.skuId", "is required"),
                Arguments.of("a change event's type", "\"type\":\"licensing.seats.alert.changed\"",
                        "\"type\":\"licensing.user.license.changed\"", "type",
                        "must be \"licensing.seats.alert.changed\", was \"licensing.user.license.changed\""),
                Arguments.of("no causation id", "\"causationid\":\"e-42\",", "", "causationid", "is required"),
                Arguments.of("no data", ",\"data\":{" + EXHAUSTED_DATA + "}", "", "data", "is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAlerts")
    void a_bad_alert_event_is_rejected_by_the_codec_and_by_the_schema(
            String name, String from, String to, String field, String problem) {
        String json = CODEC.toJsonLine(EXHAUSTED).replace(from, to);
        assertThat(json).as("the case changes the event").isNotEqualTo(CODEC.toJsonLine(EXHAUSTED));

        assertThatThrownBy(() -> CODEC.decodeAlert(bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.problem()).isEqualTo(problem);
                });
        assertThat(schemaErrors(ALERT, json)).as("schema errors").isNotEmpty();
    }

    @Test
    void an_alert_whose_subject_is_not_its_sku_is_rejected_by_the_codec() {
        String json = CODEC.toJsonLine(EXHAUSTED).replace("\"subject\":\"ENTERPRISEPACK\"", "\"subject\":\"E5\"");

        assertThatThrownBy(() -> CODEC.decodeAlert(bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("subject");
                    assertThat(e.problem()).isEqualTo("must equal data.skuId, was \"E5\"");
                });
    }

    @Test
    void a_change_event_is_not_read_as_an_alert_nor_an_alert_as_a_change_event() {
        assertThatThrownBy(() -> CODEC.decodeAlert(bytes(example(TYPE))))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("type"));
        assertThatThrownBy(() -> CODEC.decodeOutput(bytes(example(ALERT))))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("type"));
        assertThat(schemaErrors(ALERT, example(TYPE))).isNotEmpty();
        assertThat(schemaErrors(TYPE, example(ALERT))).isNotEmpty();
    }

    @Test
    void encoding_refuses_an_alert_that_would_not_read_back_equal() {
        Envelope cause = new Envelope("e-1", "/s", "contoso", null);

        assertThatThrownBy(() -> CODEC.encodeAlert(AlertEvent.causedBy(cause,
                new SeatAlertChanged("E5", AlertLevel.Low, AlertLevel.Ok, 10, 9, 0, -1, 5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("available");
        assertThatThrownBy(() -> CODEC.encodeAlert(AlertEvent.causedBy(cause,
                new SeatAlertChanged("", AlertLevel.Low, AlertLevel.Ok, 10, 9, 0, 1, 5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject");
        assertThatThrownBy(() -> new SeatAlertChanged("E5", AlertLevel.Low, AlertLevel.Low, 10, 9, 0, 1, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static UserLicenseChanged assigned() {
        return new UserLicenseChanged("u-1", "ENTERPRISEPACK", LicenseState.Assigned, LicenseState.Queued, null,
                List.of(), List.of("g-a", "g-b"), true);
    }
}
