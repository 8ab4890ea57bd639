package dev.seatflow.events.json;

import static dev.seatflow.events.json.Examples.bytes;
import static dev.seatflow.events.json.Examples.example;
import static dev.seatflow.events.json.Examples.schemaErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.events.LicenseEntry;
import dev.seatflow.events.LicenseState;
import dev.seatflow.events.Reason;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserLicenses;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateValuesTest {

    private static final EventCodec CODEC = EventCodec.INSTANCE;
    private static final String USER_LICENSES = "licensing.user-licenses";
    private static final String SEATS = "licensing.seats";

    private static final UserLicenses U1 = new UserLicenses("contoso", "u-1", List.of(
            new LicenseEntry("ENTERPRISEPACK", LicenseState.Assigned, null, List.of("YAMMER_ENTERPRISE"),
                    List.of("g-sales"), false),
            new LicenseEntry("POWER_BI_PRO", LicenseState.Blocked, Reason.UsageLocationRequired, List.of(), List.of(),
                    true)));

    @Test
    void a_user_licenses_value_is_plain_json_encoded_exactly_as_documented() {
        assertThat(CODEC.toJsonLine(U1)).isEqualTo("{\"tenantId\":\"contoso\",\"userId\":\"u-1\",\"licenses\":["
                + "{\"skuId\":\"ENTERPRISEPACK\",\"state\":\"Assigned\",\"reason\":null,"
                + "\"disabledPlans\":[\"YAMMER_ENTERPRISE\"],\"assignedByGroups\":[\"g-sales\"],\"direct\":false},"
                + "{\"skuId\":\"POWER_BI_PRO\",\"state\":\"Blocked\",\"reason\":\"UsageLocationRequired\","
                + "\"disabledPlans\":[],\"assignedByGroups\":[],\"direct\":true}]}");
        assertThat(CODEC.toJsonLine(U1)).isEqualTo(example(USER_LICENSES).strip());
    }

    @Test
    void a_user_licenses_value_reads_back_equal_and_validates_against_its_schema() throws Exception {
        assertThat(CODEC.decodeUserLicenses(CODEC.encodeUserLicenses(U1))).isEqualTo(U1);
        assertThat(CODEC.encodeUserLicenses(U1)).isEqualTo(CODEC.encodeUserLicenses(U1));
        assertThat(schemaErrors(USER_LICENSES, CODEC.toJsonLine(U1))).isEmpty();
    }

    @Test
    void a_user_licenses_entry_is_never_Removed() {
        String json = CODEC.toJsonLine(U1).replace("\"state\":\"Assigned\"", "\"state\":\"Removed\"");

        assertThatThrownBy(() -> CODEC.decodeUserLicenses(bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("licenses[0].state");
                    assertThat(e.problem()).isEqualTo("must be one of Assigned, Queued, Blocked, was \"Removed\"");
                });
        assertThat(schemaErrors(USER_LICENSES, json)).isNotEmpty();
    }

    @Test
    void a_blocked_user_licenses_entry_needs_a_blocking_reason() {
        String json = CODEC.toJsonLine(U1).replace("\"reason\":\"UsageLocationRequired\"", "\"reason\":\"SeatsExhausted\"");

        assertThatThrownBy(() -> CODEC.decodeUserLicenses(bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.field()).isEqualTo("licenses[1].reason"));
        assertThat(schemaErrors(USER_LICENSES, json)).isNotEmpty();
    }

    @Test
    void a_seats_row_is_plain_json_encoded_exactly_as_documented() {
        SeatsRow row = SeatsRow.of("contoso", "ENTERPRISEPACK", 25, SubscriptionStatus.Enabled, 25, 3, 0, null, 0, java.util.List.of());

        assertThat(CODEC.toJsonLine(row)).isEqualTo("{\"tenantId\":\"contoso\",\"skuId\":\"ENTERPRISEPACK\",\"seats\":25,"
                + "\"status\":\"Enabled\",\"assigned\":25,\"waiting\":3,\"available\":0,\"overAllocated\":0}");
        assertThat(CODEC.toJsonLine(row)).isEqualTo(example(SEATS).strip());
    }

    @Test
    void a_seats_row_reads_back_equal_and_validates_against_its_schema_also_for_a_sku_never_announced() throws Exception {
        for (SeatsRow row : List.of(SeatsRow.of("contoso", "ENTERPRISEPACK", 25, SubscriptionStatus.Suspended, 30, 0, 0, null, 0, java.util.List.of()),
                SeatsRow.of("contoso", "NEVER_ANNOUNCED", 0, null, 0, 2, 0, null, 0, java.util.List.of()))) {
            assertThat(CODEC.decodeSeats(CODEC.encodeSeats(row))).isEqualTo(row);
            assertThat(schemaErrors(SEATS, CODEC.toJsonLine(row))).isEmpty();
        }
        assertThat(CODEC.toJsonLine(SeatsRow.of("contoso", "X", 0, null, 0, 0, 0, null, 0, java.util.List.of()))).contains("\"status\":null");
    }

    @Test
    void a_negative_seat_count_is_rejected_by_the_codec_and_by_the_schema() {
        String json = CODEC.toJsonLine(SeatsRow.of("contoso", "X", 5, SubscriptionStatus.Enabled, 1, 0, 0, null, 0, java.util.List.of()))
                .replace("\"waiting\":0", "\"waiting\":-1");

        assertThatThrownBy(() -> CODEC.decodeSeats(bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("waiting");
                    assertThat(e.problem()).isEqualTo("must be an integer >= 0, was -1");
                });
        assertThat(schemaErrors(SEATS, json)).isNotEmpty();
    }

    @Test
    void a_state_value_is_not_a_cloud_event() {
        assertThat(CODEC.toJsonLine(U1)).doesNotContain("specversion");
        assertThatThrownBy(() -> CODEC.decodeSeats(bytes(CODEC.toJsonLine(U1))))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("skuId"));
    }
}
