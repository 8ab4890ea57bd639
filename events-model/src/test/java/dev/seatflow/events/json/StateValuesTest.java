package dev.seatflow.events.json;

import static dev.seatflow.events.json.Examples.bytes;
import static dev.seatflow.events.json.Examples.example;
import static dev.seatflow.events.json.Examples.schemaErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seatflow.events.AlertLevel;
import dev.seatflow.events.GroupStatus;
import dev.seatflow.events.LicenseEntry;
import dev.seatflow.events.LicenseState;
import dev.seatflow.events.PoolSeats;
import dev.seatflow.events.Reason;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserLicenses;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StateValuesTest {

    private static final EventCodec CODEC = EventCodec.INSTANCE;
    private static final String USER_LICENSES = "licensing.user-licenses";
    private static final String SEATS = "licensing.seats";
    private static final String GROUP_STATUS = "licensing.group-status";

    private static final UserLicenses U1 = new UserLicenses("contoso", "u-1", List.of(
            new LicenseEntry("ENTERPRISEPACK", LicenseState.Assigned, null, List.of("YAMMER_ENTERPRISE"),
                    List.of("g-sales"), false),
            new LicenseEntry("POWER_BI_PRO", LicenseState.Blocked, Reason.UsageLocationRequired, List.of(), List.of(),
                    true)));

    /**
     * The documented row: 2 of the 3 waiting users are Queued, capped by the full pool p-sales
     * (no borrowing), while 3 seats are still free; someone waiting makes the alert Exhausted.
     */
    private static final SeatsRow ROW = SeatsRow.of("contoso", "ENTERPRISEPACK", 25, SubscriptionStatus.Enabled,
            22, 3, 2, 5, 15, List.of( // assigned, waiting, queued, lowSeatsThreshold, reserved, pools
                    new PoolSeats("p-eng", "g-eng", 5, true, 3, 0, 2),
                    new PoolSeats("p-sales", "g-sales", 10, false, 10, 2, 0)));

    /**
     * The documented group status: of its 12 members, 2 wait for a seat of ENTERPRISEPACK and
     * another is blocked for POWER_BI_PRO, so 3 have license errors.
     */
    private static final GroupStatus SALES = new GroupStatus("contoso", "g-sales", 12, 3, List.of(
            new GroupStatus.License("ENTERPRISEPACK", List.of("YAMMER_ENTERPRISE"), 10, 2, 0),
            new GroupStatus.License("POWER_BI_PRO", List.of(), 11, 0, 1)));
    private static final String SALES_LICENSES = "{\"skuId\":\"ENTERPRISEPACK\",\"disabledPlans\":[\"YAMMER_ENTERPRISE\"],"
            + "\"assigned\":10,\"queued\":2,\"blocked\":0},"
            + "{\"skuId\":\"POWER_BI_PRO\",\"disabledPlans\":[],\"assigned\":11,\"queued\":0,\"blocked\":1}";

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
        assertThat(CODEC.toJsonLine(ROW)).isEqualTo("{\"tenantId\":\"contoso\",\"skuId\":\"ENTERPRISEPACK\",\"seats\":25,"
                + "\"status\":\"Enabled\",\"assigned\":22,\"waiting\":3,\"available\":3,\"overAllocated\":0,"
                + "\"queued\":2,\"lowSeatsThreshold\":5,\"alert\":\"Exhausted\",\"reserved\":15,\"pools\":["
                + "{\"poolId\":\"p-eng\",\"groupId\":\"g-eng\",\"seats\":5,\"borrow\":true,\"assigned\":3,\"queued\":0,\"available\":2},"
                + "{\"poolId\":\"p-sales\",\"groupId\":\"g-sales\",\"seats\":10,\"borrow\":false,\"assigned\":10,\"queued\":2,"
                + "\"available\":0}]}");
        assertThat(CODEC.toJsonLine(ROW)).isEqualTo(example(SEATS).strip());
    }

    @Test
    void a_row_without_threshold_or_pools_writes_null_and_an_empty_list_keeping_the_v1_members_first() {
        assertThat(CODEC.toJsonLine(withoutPools("ENTERPRISEPACK", 25, SubscriptionStatus.Enabled, 25, 2, 1)))
                .isEqualTo("{\"tenantId\":\"contoso\",\"skuId\":\"ENTERPRISEPACK\",\"seats\":25,"
                        + "\"status\":\"Enabled\",\"assigned\":25,\"waiting\":3,\"available\":0,\"overAllocated\":0,"
                        + "\"queued\":2,\"lowSeatsThreshold\":null,\"alert\":\"Exhausted\",\"reserved\":0,\"pools\":[]}");
    }

    @Test
    void a_seats_row_reads_back_equal_and_validates_against_its_schema_also_for_a_sku_never_announced() throws Exception {
        for (SeatsRow row : List.of(ROW,
                withoutPools("ENTERPRISEPACK", 25, SubscriptionStatus.Suspended, 30, 0, 4),
                withoutPools("NEVER_ANNOUNCED", 0, null, 0, 2, 0),
                // Two pools of the largest seats each: reserved is their sum, past the largest int.
                SeatsRow.of("contoso", "E5", 5, SubscriptionStatus.Enabled, 0, 0, 0, null, 2L * Integer.MAX_VALUE, List.of(
                        new PoolSeats("p1", "g1", Integer.MAX_VALUE, true, 0, 0, 5),
                        new PoolSeats("p2", "g2", Integer.MAX_VALUE, true, 0, 0, 5))))) {
            assertThat(CODEC.decodeSeats(CODEC.encodeSeats(row))).isEqualTo(row);
            assertThat(CODEC.encodeSeats(CODEC.decodeSeats(CODEC.encodeSeats(row)))).isEqualTo(CODEC.encodeSeats(row));
            assertThat(schemaErrors(SEATS, CODEC.toJsonLine(row))).isEmpty();
        }
        assertThat(CODEC.toJsonLine(withoutPools("X", 0, null, 0, 0, 0))).contains("\"status\":null");
    }

    @Test
    void the_alert_level_of_a_row_is_the_first_that_applies() {
        assertThat(alert(SubscriptionStatus.Enabled, 10, 11, 3, 5)).as("more held than owned, others waiting")
                .isEqualTo(AlertLevel.OverAllocated);
        assertThat(alert(SubscriptionStatus.Enabled, 10, 10, 1, 5)).as("someone queued").isEqualTo(AlertLevel.Exhausted);
        assertThat(alert(SubscriptionStatus.Enabled, 10, 7, 0, 3)).as("available = threshold").isEqualTo(AlertLevel.Low);
        assertThat(alert(SubscriptionStatus.Warning, 10, 10, 0, 0)).as("a threshold of 0 and none left")
                .isEqualTo(AlertLevel.Low);
        assertThat(alert(SubscriptionStatus.Enabled, 10, 6, 0, 3)).as("available above the threshold").isEqualTo(AlertLevel.Ok);
        assertThat(alert(SubscriptionStatus.Enabled, 10, 10, 0, null)).as("no threshold").isEqualTo(AlertLevel.Ok);
        assertThat(alert(SubscriptionStatus.Suspended, 10, 2, 0, 5)).as("an inactive subscription is never Low")
                .isEqualTo(AlertLevel.Ok);
        assertThat(withoutPools("E5", 10, SubscriptionStatus.Enabled, 10, 0, 4).alert()).as("only Blocked users waiting")
                .isEqualTo(AlertLevel.Ok);
        assertThat(withoutPools("NEVER_ANNOUNCED", 0, null, 0, 0, 0).alert()).isEqualTo(AlertLevel.Ok);
    }

    @Test
    void a_negative_seat_count_is_rejected_by_the_codec_and_by_the_schema() {
        String json = CODEC.toJsonLine(withoutPools("X", 5, SubscriptionStatus.Enabled, 1, 0, 0))
                .replace("\"waiting\":0", "\"waiting\":-1");

        assertThatThrownBy(() -> CODEC.decodeSeats(bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("waiting");
                    assertThat(e.problem()).isEqualTo("must be an integer >= 0, was -1");
                });
        assertThat(schemaErrors(SEATS, json)).isNotEmpty();
    }

    static Stream<Arguments> badSeatsRows() {
        return Stream.of(
                Arguments.of("a v1 row without the v2 members", ",\"queued\":2,\"lowSeatsThreshold\":5,\"alert\":\"Exhausted\","
                        + "\"reserved\":15,\"pools\":[{\"poolId\":\"p-eng\",\"groupId\":\"g-eng\",\"seats\":5,\"borrow\":true,"
                        + "\"assigned\":3,\"queued\":0,\"available\":2},{\"poolId\":\"p-sales\",\"groupId\":\"g-sales\",\"seats\":10,"
                        + "\"borrow\":false,\"assigned\":10,\"queued\":2,\"available\":0}]", "", "queued", "is required"),
                Arguments.of("no threshold member", "\"lowSeatsThreshold\":5,", "", "lowSeatsThreshold",
                        "is required (null for none)"),
                Arguments.of("a negative threshold", "\"lowSeatsThreshold\":5", "\"lowSeatsThreshold\":-5",
                        "lowSeatsThreshold", "must be an integer >= 0 or null, was -5"),
                Arguments.of("an unknown alert level", "\"alert\":\"Exhausted\"", "\"alert\":\"Critical\"", "alert",
                        "must be one of OverAllocated, Exhausted, Low, Ok, was \"Critical\""),
                Arguments.of("no alert level", "\"alert\":\"Exhausted\"", "\"alert\":null", "alert", "is required"),
                Arguments.of("reserved as a string", "\"reserved\":15", "\"reserved\":\"15\"", "reserved",
                        "must be an integer >= 0, was \"15\""),
                Arguments.of("pools not a list", "\"pools\":[", "\"pools\":\"p-eng\",\"x\":[", "pools",
                        "must be an array of objects, was \"p-eng\""),
                Arguments.of("a pool without its group", "\"groupId\":\"g-eng\",", "", "pools[0].groupId", "is required"),
                Arguments.of("a pool's borrow as a string", "\"borrow\":false", "\"borrow\":\"false\"", "pools[1].borrow",
                        "must be true or false, was \"false\""),
                Arguments.of("a negative pool count", "\"queued\":2,\"available\":0}", "\"queued\":-2,\"available\":0}",
                        "pools[1].queued", "must be an integer >= 0, was -2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSeatsRows")
    void a_bad_seats_row_is_rejected_by_the_codec_naming_the_field_and_by_the_schema(
            String name, String from, String to, String field, String problem) {
        String json = CODEC.toJsonLine(ROW).replace(from, to);
        assertThat(json).as("the case changes the row").isNotEqualTo(CODEC.toJsonLine(ROW));

        assertThatThrownBy(() -> CODEC.decodeSeats(bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.problem()).isEqualTo(problem);
                });
        assertThat(schemaErrors(SEATS, json)).as("schema errors").isNotEmpty();
    }

    // ---------------------------------------------------------------- v2: licensing.group-status

    @Test
    void a_group_status_value_is_plain_json_encoded_exactly_as_documented() {
        assertThat(CODEC.toJsonLine(SALES)).isEqualTo("{\"tenantId\":\"contoso\",\"groupId\":\"g-sales\",\"members\":12,"
                + "\"membersWithLicenseErrors\":3,\"licenses\":["
                + "{\"skuId\":\"ENTERPRISEPACK\",\"disabledPlans\":[\"YAMMER_ENTERPRISE\"],\"assigned\":10,\"queued\":2,\"blocked\":0},"
                + "{\"skuId\":\"POWER_BI_PRO\",\"disabledPlans\":[],\"assigned\":11,\"queued\":0,\"blocked\":1}]}");
        assertThat(CODEC.toJsonLine(SALES)).isEqualTo(example(GROUP_STATUS).strip());
        assertThat(SALES.key()).isEqualTo("contoso/g-sales");
    }

    @Test
    void a_group_status_value_reads_back_equal_and_validates_against_its_schema() throws Exception {
        GroupStatus empty = new GroupStatus("contoso", "g-new", 0, 0,
                List.of(new GroupStatus.License("E5", List.of(), 0, 0, 0)));

        for (GroupStatus v : List.of(SALES, empty)) {
            assertThat(CODEC.decodeGroupStatus(CODEC.encodeGroupStatus(v))).isEqualTo(v);
            assertThat(CODEC.encodeGroupStatus(CODEC.decodeGroupStatus(CODEC.encodeGroupStatus(v))))
                    .isEqualTo(CODEC.encodeGroupStatus(v));
            assertThat(schemaErrors(GROUP_STATUS, CODEC.toJsonLine(v))).isEmpty();
        }
    }

    static Stream<Arguments> badGroupStatuses() {
        return Stream.of(
                Arguments.of("no licenses", "\"licenses\":[" + SALES_LICENSES + "]", "\"licenses\":[]", "licenses",
                        "must not be empty: a group without licenses has a tombstone instead"),
                Arguments.of("no group", "\"groupId\":\"g-sales\",", "", "groupId", "is required"),
                Arguments.of("members as a string", "\"members\":12", "\"members\":\"12\"", "members",
                        "must be an integer >= 0, was \"12\""),
                Arguments.of("a license without disabled plans", "\"disabledPlans\":[],", "", "licenses[1].disabledPlans",
                        "is required"),
                Arguments.of("an empty disabled plan", "[\"YAMMER_ENTERPRISE\"]", "[\"\"]", "licenses[0].disabledPlans[0]",
                        "must be a non-empty string, was \"\""),
                Arguments.of("a negative count", "\"blocked\":0", "\"blocked\":-1", "licenses[0].blocked",
                        "must be an integer >= 0, was -1"),
                Arguments.of("a license that is not an object", "{\"skuId\":\"POWER_BI_PRO\"", "\"POWER_BI_PRO\",{\"x\":0",
                        "licenses[1]", "must be a JSON object, was \"POWER_BI_PRO\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badGroupStatuses")
    void a_bad_group_status_value_is_rejected_by_the_codec_naming_the_field_and_by_the_schema(
            String name, String from, String to, String field, String problem) {
        String json = CODEC.toJsonLine(SALES).replace(from, to);
        assertThat(json).as("the case changes the value").isNotEqualTo(CODEC.toJsonLine(SALES));

        assertThatThrownBy(() -> CODEC.decodeGroupStatus(bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.problem()).isEqualTo(problem);
                });
        assertThat(schemaErrors(GROUP_STATUS, json)).as("schema errors").isNotEmpty();
    }

    static Stream<Arguments> miscountedGroupStatuses() {
        return Stream.of(
                Arguments.of("a license whose states do not add up to the members", "\"assigned\":11", "\"assigned\":12",
                        "licenses[1]", "assigned + queued + blocked must equal members (12), was 13"),
                Arguments.of("more members with errors than members", "\"membersWithLicenseErrors\":3",
                        "\"membersWithLicenseErrors\":13", "membersWithLicenseErrors", "must be at most members (12), was 13"),
                Arguments.of("fewer members with errors than wait for one license", "\"membersWithLicenseErrors\":3",
                        "\"membersWithLicenseErrors\":1", "membersWithLicenseErrors",
                        "must be at least queued + blocked of licenses[0] (2), was 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("miscountedGroupStatuses")
    void a_group_status_whose_counts_break_the_contract_is_rejected_by_the_codec_and_refused_by_the_encoder(
            String name, String from, String to, String field, String problem) throws Exception {
        String json = CODEC.toJsonLine(SALES).replace(from, to);
        assertThat(json).as("the case changes the value").isNotEqualTo(CODEC.toJsonLine(SALES));
        assertThat(schemaErrors(GROUP_STATUS, json)).as("a schema cannot compare members").isEmpty();

        assertThatThrownBy(() -> CODEC.decodeGroupStatus(bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.problem()).isEqualTo(problem);
                });
        GroupStatus miscounted = lenientlyRead(json);
        assertThatThrownBy(() -> CODEC.encodeGroupStatus(miscounted))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(field + ": " + problem);
    }

    @Test
    void a_state_value_is_not_a_cloud_event() {
        assertThat(CODEC.toJsonLine(U1)).doesNotContain("specversion");
        assertThat(CODEC.toJsonLine(SALES)).doesNotContain("specversion");
        assertThatThrownBy(() -> CODEC.decodeSeats(bytes(CODEC.toJsonLine(U1))))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("skuId"));
        assertThatThrownBy(() -> CODEC.decodeGroupStatus(bytes(CODEC.toJsonLine(U1))))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("groupId"));
    }

    /** The group status in the JSON text, read without the codec's checks of the counts. */
    private static GroupStatus lenientlyRead(String json) throws Exception {
        JsonNode v = Examples.JSON.readTree(json);
        List<GroupStatus.License> licenses = new ArrayList<>();
        for (JsonNode l : v.get("licenses")) {
            List<String> plans = new ArrayList<>();
            l.get("disabledPlans").forEach(p -> plans.add(p.asText()));
            licenses.add(new GroupStatus.License(l.get("skuId").asText(), plans, l.get("assigned").asInt(),
                    l.get("queued").asInt(), l.get("blocked").asInt()));
        }
        return new GroupStatus(v.get("tenantId").asText(), v.get("groupId").asText(), v.get("members").asInt(),
                v.get("membersWithLicenseErrors").asInt(), licenses);
    }

    /** A row of a SKU without pools or threshold, as every row of a v1 input stream is. */
    private static SeatsRow withoutPools(String skuId, int seats, SubscriptionStatus status, int assigned, int queued,
            int blocked) {
        return SeatsRow.of("contoso", skuId, seats, status, assigned, queued + blocked, queued, null, 0, List.of());
    }

    private static AlertLevel alert(SubscriptionStatus status, int seats, int assigned, int queued, Integer threshold) {
        return SeatsRow.of("contoso", "E5", seats, status, assigned, queued, queued, threshold, 0, List.of()).alert();
    }
}
