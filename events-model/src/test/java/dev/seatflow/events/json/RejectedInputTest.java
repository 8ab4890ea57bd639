package dev.seatflow.events.json;

import static dev.seatflow.events.json.Examples.JSON;
import static dev.seatflow.events.json.Examples.bytes;
import static dev.seatflow.events.json.Examples.data;
import static dev.seatflow.events.json.Examples.example;
import static dev.seatflow.events.json.Examples.mutated;
import static dev.seatflow.events.json.Examples.schemaErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every class of bad input is refused by the codec, naming the field, and by the shipped schema alike. */
class RejectedInputTest {

    private static final String ADDED = "directory.group.member.added";
    private static final String SUBSCRIPTION = "licensing.subscription.upserted";
    private static final String SUBGROUP_ADDED = "directory.group.subgroup.added";
    private static final String SUBGROUP_REMOVED = "directory.group.subgroup.removed";
    private static final String POOL = "licensing.pool.upserted";
    private static final String POOL_REMOVED = "licensing.pool.removed";

    static Stream<Arguments> badEvents() {
        return Stream.of(
                arguments("missing id", ADDED, mutated(ADDED, e -> e.remove("id")), "id", "is required"),
                arguments("null id", ADDED, mutated(ADDED, e -> e.putNull("id")), "id", "is required"),
                arguments("empty id", ADDED, mutated(ADDED, e -> e.put("id", "")), "id",
                        "must be a non-empty string, was \"\""),
                arguments("missing source", ADDED, mutated(ADDED, e -> e.remove("source")), "source", "is required"),
                arguments("missing tenantid", ADDED, mutated(ADDED, e -> e.remove("tenantid")), "tenantid", "is required"),
                arguments("numeric tenantid", ADDED, mutated(ADDED, e -> e.put("tenantid", 7)), "tenantid",
                        "must be a non-empty string, was 7"),
                arguments("missing specversion", ADDED, mutated(ADDED, e -> e.remove("specversion")), "specversion",
                        "is required"),
                arguments("old specversion", ADDED, mutated(ADDED, e -> e.put("specversion", "0.3")), "specversion",
                        "must be \"1.0\", was \"0.3\""),
                arguments("time not a timestamp", ADDED, mutated(ADDED, e -> e.put("time", "yesterday")), "time",
                        "must be an RFC 3339 timestamp such as 2026-11-23T10:00:00Z, was \"yesterday\""),
                arguments("time not a string", ADDED, mutated(ADDED, e -> e.put("time", 1764000000)), "time",
                        "must be an RFC 3339 timestamp such as 2026-11-23T10:00:00Z, was 1764000000"),
                arguments("data missing where required", ADDED, mutated(ADDED, e -> e.remove("data")), "data",
                        "is required for type directory.group.member.added"),
                arguments("data null where required", ADDED, mutated(ADDED, e -> e.putNull("data")), "data",
                        "is required for type directory.group.member.added"),
                arguments("data not an object", ADDED, mutated(ADDED, e -> e.put("data", "g-sales,u-1")), "data",
                        "must be a JSON object, was \"g-sales,u-1\""),
                arguments("data not an object where optional", "licensing.reprocess.requested",
                        mutated("licensing.reprocess.requested", e -> e.putArray("data")), "data",
                        "must be a JSON object, was []"),
                arguments("binary data", "licensing.tenant.settings.upserted",
                        mutated("licensing.tenant.settings.upserted", e -> e.put("data_base64", "e30=")), "data_base64",
                        "is not supported: send data as a JSON object"),
                arguments("missing required field", ADDED, mutated(ADDED, e -> data(e).remove("userId")), "data.userId",
                        "is required"),
                arguments("empty required field", ADDED, mutated(ADDED, e -> data(e).put("groupId", "")), "data.groupId",
                        "must be a non-empty string, was \"\""),
                arguments("wrongly typed field", ADDED, mutated(ADDED, e -> data(e).put("userId", 42)), "data.userId",
                        "must be a non-empty string, was 42"),
                arguments("seats as a string", SUBSCRIPTION, mutated(SUBSCRIPTION, e -> data(e).put("seats", "25")),
                        "data.seats", "must be an integer >= 0, was \"25\""),
                arguments("negative seats", SUBSCRIPTION, mutated(SUBSCRIPTION, e -> data(e).put("seats", -3)),
                        "data.seats", "must be an integer >= 0, was -3"),
                arguments("fractional seats", SUBSCRIPTION,
                        mutated(SUBSCRIPTION, e -> data(e).put("seats", new java.math.BigDecimal("2.5"))),
                        "data.seats", "must be an integer >= 0, was 2.5"),
                arguments("missing seats", SUBSCRIPTION, mutated(SUBSCRIPTION, e -> data(e).remove("seats")),
                        "data.seats", "is required"),
                arguments("unknown status", SUBSCRIPTION, mutated(SUBSCRIPTION, e -> data(e).put("status", "Active")),
                        "data.status", "must be one of Enabled, Warning, Suspended, Deleted, was \"Active\""),
                arguments("status in the wrong case", SUBSCRIPTION,
                        mutated(SUBSCRIPTION, e -> data(e).put("status", "enabled")),
                        "data.status", "must be one of Enabled, Warning, Suspended, Deleted, was \"enabled\""),
                arguments("unknown user type", "directory.user.upserted",
                        mutated("directory.user.upserted", e -> data(e).put("userType", "Partner")),
                        "data.userType", "must be one of Member, Guest, was \"Partner\""),
                arguments("usage location not a string", "directory.user.upserted",
                        mutated("directory.user.upserted", e -> data(e).put("usageLocation", 840)),
                        "data.usageLocation", "must be a string or null, was 840"),
                arguments("service plans not a list", SUBSCRIPTION,
                        mutated(SUBSCRIPTION, e -> data(e).put("servicePlans", "TEAMS1")),
                        "data.servicePlans", "must be an array of strings, was \"TEAMS1\""),
                arguments("disabled plans not a list", "licensing.group.license.assigned",
                        mutated("licensing.group.license.assigned", e -> data(e).put("disabledPlans", "YAMMER_ENTERPRISE")),
                        "data.disabledPlans", "must be an array of strings, was \"YAMMER_ENTERPRISE\""),
                arguments("empty disabled plan", "licensing.user.license.assigned",
                        mutated("licensing.user.license.assigned", e -> data(e).putArray("disabledPlans").add("A").add("")),
                        "data.disabledPlans[1]", "must be a non-empty string, was \"\""),
                arguments("empty reprocess user", "licensing.reprocess.requested",
                        mutated("licensing.reprocess.requested", e -> data(e).put("userId", "")),
                        "data.userId", "must be a non-empty string, was \"\""),
                arguments("negative low seats threshold", SUBSCRIPTION,
                        mutated(SUBSCRIPTION, e -> data(e).put("lowSeatsThreshold", -1)),
                        "data.lowSeatsThreshold", "must be an integer >= 0 or null, was -1"),
                arguments("fractional low seats threshold", SUBSCRIPTION,
                        mutated(SUBSCRIPTION, e -> data(e).put("lowSeatsThreshold", new java.math.BigDecimal("2.5"))),
                        "data.lowSeatsThreshold", "must be an integer >= 0 or null, was 2.5"),
                arguments("low seats threshold as a string", SUBSCRIPTION,
                        mutated(SUBSCRIPTION, e -> data(e).put("lowSeatsThreshold", "5")),
                        "data.lowSeatsThreshold", "must be an integer >= 0 or null, was \"5\""),
                arguments("low seats threshold as a boolean", SUBSCRIPTION,
                        mutated(SUBSCRIPTION, e -> data(e).put("lowSeatsThreshold", false)),
                        "data.lowSeatsThreshold", "must be an integer >= 0 or null, was false"));
    }

    /** v2: nested groups and seat pools. */
    static Stream<Arguments> badV2Events() {
        return Stream.of(
                arguments("missing subgroupId", SUBGROUP_ADDED, mutated(SUBGROUP_ADDED, e -> data(e).remove("subgroupId")),
                        "data.subgroupId", "is required"),
                arguments("null subgroupId", SUBGROUP_ADDED, mutated(SUBGROUP_ADDED, e -> data(e).putNull("subgroupId")),
                        "data.subgroupId", "is required"),
                arguments("empty subgroupId", SUBGROUP_ADDED, mutated(SUBGROUP_ADDED, e -> data(e).put("subgroupId", "")),
                        "data.subgroupId", "must be a non-empty string, was \"\""),
                arguments("missing groupId of a subgroup", SUBGROUP_ADDED,
                        mutated(SUBGROUP_ADDED, e -> data(e).remove("groupId")), "data.groupId", "is required"),
                arguments("empty groupId of a subgroup", SUBGROUP_ADDED,
                        mutated(SUBGROUP_ADDED, e -> data(e).put("groupId", "")),
                        "data.groupId", "must be a non-empty string, was \"\""),
                arguments("missing subgroupId on removal", SUBGROUP_REMOVED,
                        mutated(SUBGROUP_REMOVED, e -> data(e).remove("subgroupId")), "data.subgroupId", "is required"),
                arguments("empty subgroupId on removal", SUBGROUP_REMOVED,
                        mutated(SUBGROUP_REMOVED, e -> data(e).put("subgroupId", "")),
                        "data.subgroupId", "must be a non-empty string, was \"\""),
                arguments("missing groupId on removal", SUBGROUP_REMOVED,
                        mutated(SUBGROUP_REMOVED, e -> data(e).remove("groupId")), "data.groupId", "is required"),
                arguments("empty groupId on removal", SUBGROUP_REMOVED,
                        mutated(SUBGROUP_REMOVED, e -> data(e).put("groupId", "")),
                        "data.groupId", "must be a non-empty string, was \"\""),
                arguments("subgroupId as a list", SUBGROUP_ADDED,
                        mutated(SUBGROUP_ADDED, e -> data(e).putArray("subgroupId").add("g-sales-emea")),
                        "data.subgroupId", "must be a non-empty string, was [\"g-sales-emea\"]"),
                arguments("missing poolId", POOL, mutated(POOL, e -> data(e).remove("poolId")), "data.poolId", "is required"),
                arguments("empty poolId", POOL, mutated(POOL, e -> data(e).put("poolId", "")),
                        "data.poolId", "must be a non-empty string, was \"\""),
                arguments("missing skuId of a pool", POOL, mutated(POOL, e -> data(e).remove("skuId")),
                        "data.skuId", "is required"),
                arguments("missing groupId of a pool", POOL, mutated(POOL, e -> data(e).remove("groupId")),
                        "data.groupId", "is required"),
                arguments("empty groupId of a pool", POOL, mutated(POOL, e -> data(e).put("groupId", "")),
                        "data.groupId", "must be a non-empty string, was \"\""),
                arguments("missing pool seats", POOL, mutated(POOL, e -> data(e).remove("seats")), "data.seats", "is required"),
                arguments("negative pool seats", POOL, mutated(POOL, e -> data(e).put("seats", -1)),
                        "data.seats", "must be an integer >= 0, was -1"),
                arguments("fractional pool seats", POOL,
                        mutated(POOL, e -> data(e).put("seats", new java.math.BigDecimal("2.5"))),
                        "data.seats", "must be an integer >= 0, was 2.5"),
                arguments("pool seats as a string", POOL, mutated(POOL, e -> data(e).put("seats", "10")),
                        "data.seats", "must be an integer >= 0, was \"10\""),
                arguments("borrow as the string true", POOL, mutated(POOL, e -> data(e).put("borrow", "true")),
                        "data.borrow", "must be true or false, was \"true\""),
                arguments("borrow as a number", POOL, mutated(POOL, e -> data(e).put("borrow", 1)),
                        "data.borrow", "must be true or false, was 1"),
                arguments("missing poolId on removal", POOL_REMOVED, mutated(POOL_REMOVED, e -> data(e).remove("poolId")),
                        "data.poolId", "is required"),
                arguments("empty poolId on removal", POOL_REMOVED, mutated(POOL_REMOVED, e -> data(e).put("poolId", "")),
                        "data.poolId", "must be a non-empty string, was \"\""),
                arguments("data missing on pool removal", POOL_REMOVED, mutated(POOL_REMOVED, e -> e.remove("data")),
                        "data", "is required for type licensing.pool.removed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"badEvents", "badV2Events"})
    void a_bad_event_is_rejected_by_the_codec_naming_the_field_and_by_the_schema(
            String name, String schema, String json, String field, String problem) {
        assertThatThrownBy(() -> EventCodec.INSTANCE.decodeInput(bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.getMessage()).isEqualTo(field + ": " + problem);
                });
        assertThat(schemaErrors(schema, json)).as("schema errors").isNotEmpty();
    }

    @Test
    void an_unknown_type_is_rejected_by_the_codec_and_by_every_input_schema() {
        String json = mutated(ADDED, e -> e.put("type", "directory.user.renamed"));

        assertThatThrownBy(() -> EventCodec.INSTANCE.decodeInput(bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("type");
                    assertThat(e.problem())
                            .isEqualTo("is not an input event type of the contract, was \"directory.user.renamed\"");
                });
        for (String type : Examples.inputTypes()) {
            assertThat(schemaErrors(type, json)).as(type).isNotEmpty();
        }
    }

    @Test
    void an_output_type_is_not_accepted_as_input() {
        String json = mutated(ADDED, e -> e.put("type", "licensing.user.license.changed"));

        assertThatThrownBy(() -> EventCodec.INSTANCE.decodeInput(bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("type"));
    }

    @Test
    void malformed_json_is_rejected_as_a_document_error_with_the_parsers_message() {
        String json = example(ADDED).substring(0, 40);

        assertThatThrownBy(() -> EventCodec.INSTANCE.decodeInput(bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("(document)");
                    assertThat(e.problem()).startsWith("is not valid JSON: ").contains("line 3");
                    assertThat(e.getMessage()).doesNotContain("\n");
                });
        assertThatThrownBy(() -> JSON.readTree(json)).as("no schema can even see it").isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void a_number_the_parser_cannot_read_is_a_rejection_not_a_crash() {
        String ignoredMember = example(ADDED).replaceFirst("\\{", "{\"extra\":1e2147483648,");
        String hugeSeats = mutated(SUBSCRIPTION, e -> ((com.fasterxml.jackson.databind.node.ObjectNode) e.get("data"))
                .put("seats", new java.math.BigDecimal("100e2147483647")));
        for (String json : new String[] {ignoredMember, hugeSeats}) {
            assertThatThrownBy(() -> EventCodec.INSTANCE.decodeInput(bytes(json))).as(json)
                    .isInstanceOf(InvalidEventException.class);
        }
    }

    @Test
    void a_document_that_is_not_a_json_object_is_rejected() {
        for (String json : new String[] {"[]", "\"e-42\"", "42", "null", "", "   "}) {
            assertThatThrownBy(() -> EventCodec.INSTANCE.decodeInput(bytes(json))).as(json)
                    .isInstanceOfSatisfying(InvalidEventException.class,
                            e -> assertThat(e.field()).isEqualTo("(document)"));
        }
        assertThat(schemaErrors(ADDED, "[]")).isNotEmpty();
    }

    @Test
    void trailing_content_after_the_event_is_rejected() {
        String json = example(ADDED) + " {}";

        assertThatThrownBy(() -> EventCodec.INSTANCE.decodeInput(bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("(document)");
                    assertThat(e.problem()).startsWith("has content after the JSON value at line 13, column 2");
                });
    }

    @Test
    void a_fraction_too_fine_for_a_double_is_still_a_fraction() {
        String json = example(SUBSCRIPTION).replace("\"seats\": 25", "\"seats\": 25.0000000000000000001");

        assertThatThrownBy(() -> EventCodec.INSTANCE.decodeInput(bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("data.seats"));
    }

    @Test
    void a_repeated_attribute_is_rejected_rather_than_letting_the_last_one_win() {
        String json = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/s\",\"type\":\"directory.user.deleted\","
                + "\"tenantid\":\"contoso\",\"tenantid\":\"fabrikam\",\"data\":{\"userId\":\"u-1\"}}";

        assertThatThrownBy(() -> EventCodec.INSTANCE.decodeInput(bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("(document)");
                    assertThat(e.problem()).contains("tenantid");
                });
    }

    @Test
    void invalid_utf8_is_rejected_as_a_document_error() {
        byte[] json = bytes(example(ADDED));
        json[json.length / 2] = (byte) 0xC3;

        assertThatThrownBy(() -> EventCodec.INSTANCE.decodeInput(json))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("(document)"));
    }

    @Test
    void a_huge_bad_value_is_cut_short_in_the_problem() {
        String json = mutated(ADDED, e -> data(e).putArray("userId").add("x".repeat(10_000)));

        assertThatThrownBy(() -> EventCodec.INSTANCE.decodeInput(bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.problem()).hasSizeLessThan(120));
    }
}
