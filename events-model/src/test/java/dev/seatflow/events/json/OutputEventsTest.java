package dev.seatflow.events.json;

import static dev.seatflow.events.json.Examples.bytes;
import static dev.seatflow.events.json.Examples.example;
import static dev.seatflow.events.json.Examples.schemaErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.events.Envelope;
import dev.seatflow.events.LicenseState;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.Reason;
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

    private static final OutboundEvent QUEUED = OutboundEvent.causedBy(
            new Envelope("e-42", "/directory-sync/contoso", "contoso", "2026-11-23T10:00:00Z"),
            new UserLicenseChanged("u-1", "ENTERPRISEPACK", LicenseState.Queued, null, Reason.SeatsExhausted,
                    List.of("YAMMER_ENTERPRISE"), List.of("g-sales"), false));

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

    private static UserLicenseChanged assigned() {
        return new UserLicenseChanged("u-1", "ENTERPRISEPACK", LicenseState.Assigned, LicenseState.Queued, null,
                List.of(), List.of("g-a", "g-b"), true);
    }
}
