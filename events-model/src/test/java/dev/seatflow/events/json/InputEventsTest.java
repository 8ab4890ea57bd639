package dev.seatflow.events.json;

import static dev.seatflow.events.json.Examples.JSON;
import static dev.seatflow.events.json.Examples.bytes;
import static dev.seatflow.events.json.Examples.data;
import static dev.seatflow.events.json.Examples.example;
import static dev.seatflow.events.json.Examples.mutated;
import static dev.seatflow.events.json.Examples.schemaErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.Envelope;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.LicensingEvent;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class InputEventsTest {

    private static final EventCodec CODEC = EventCodec.INSTANCE;

    static Stream<String> inputTypes() {
        return Examples.inputTypes().stream();
    }

    @ParameterizedTest
    @MethodSource("inputTypes")
    void every_documented_example_decodes_and_encodes_back_to_the_same_event(String type) throws Exception {
        InboundEvent decoded = CODEC.decodeInput(bytes(example(type)));

        assertThat(decoded.data().type()).isEqualTo(type);
        assertThat(CODEC.decodeInput(CODEC.encodeInput(decoded))).isEqualTo(decoded);
        assertThat(JSON.readTree(CODEC.encodeInput(decoded))).isEqualTo(JSON.readTree(example(type)));
    }

    @ParameterizedTest
    @MethodSource("inputTypes")
    void every_documented_example_validates_against_its_schema(String type) {
        assertThat(schemaErrors(type, example(type))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("inputTypes")
    void every_encoded_example_validates_against_its_schema(String type) throws Exception {
        byte[] encoded = CODEC.encodeInput(CODEC.decodeInput(bytes(example(type))));

        assertThat(schemaErrors(type, new String(encoded, java.nio.charset.StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void the_contracts_envelope_example_decodes_and_validates() throws Exception {
        String contract = """
                {"specversion":"1.0","id":"e-42","source":"/directory-sync/contoso","type":"directory.group.member.added",
                 "time":"2026-11-23T10:00:00Z","tenantid":"contoso","data":{"groupId":"g-sales","userId":"u-1"}}""";

        assertThat(CODEC.decodeInput(bytes(contract))).isEqualTo(new InboundEvent(
                new Envelope("e-42", "/directory-sync/contoso", "contoso", "2026-11-23T10:00:00Z"),
                new DirectoryEvent.GroupMemberAdded("g-sales", "u-1")));
        assertThat(schemaErrors("directory.group.member.added", contract)).isEmpty();
    }

    @Test
    void an_input_event_is_encoded_in_the_documented_member_order() {
        InboundEvent e = new InboundEvent(new Envelope("e-42", "/directory-sync/contoso", "contoso", null),
                new DirectoryEvent.UserUpserted("u-1", null, UserType.Guest));

        assertThat(new String(CODEC.encodeInput(e), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "{\"specversion\":\"1.0\",\"id\":\"e-42\",\"source\":\"/directory-sync/contoso\","
                        + "\"type\":\"directory.user.upserted\",\"tenantid\":\"contoso\","
                        + "\"data\":{\"userId\":\"u-1\",\"usageLocation\":null,\"userType\":\"Guest\"}}");
    }

    // ---------------------------------------------------------------- defaults

    @Test
    void a_missing_user_type_is_Member() throws Exception {
        String json = mutated("directory.user.upserted", e -> {
            data(e).remove("userType");
            data(e).put("usageLocation", "DE");
        });

        assertThat(CODEC.decodeInput(bytes(json)).data())
                .isEqualTo(new DirectoryEvent.UserUpserted("u-1", "DE", UserType.Member));
        assertThat(schemaErrors("directory.user.upserted", json)).isEmpty();
    }

    @Test
    void a_null_user_type_is_Member_as_for_older_Entra_users() throws Exception {
        String json = mutated("directory.user.upserted", e -> data(e).putNull("userType"));

        assertThat(CODEC.decodeInput(bytes(json)).data())
                .isEqualTo(new DirectoryEvent.UserUpserted("u-1", "US", UserType.Member));
        assertThat(schemaErrors("directory.user.upserted", json)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing", "null", "empty"})
    void a_missing_null_or_empty_usage_location_is_none(String how) throws Exception {
        String json = mutated("directory.user.upserted", e -> {
            switch (how) {
                case "missing" -> data(e).remove("usageLocation");
                case "null" -> data(e).putNull("usageLocation");
                default -> data(e).put("usageLocation", "");
            }
        });

        assertThat(CODEC.decodeInput(bytes(json)).data())
                .isEqualTo(new DirectoryEvent.UserUpserted("u-1", null, UserType.Member));
        assertThat(schemaErrors("directory.user.upserted", json)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing", "null", "empty"})
    void a_missing_null_or_empty_default_usage_location_is_none(String how) throws Exception {
        String json = mutated("licensing.tenant.settings.upserted", e -> {
            switch (how) {
                case "missing" -> data(e).remove("defaultUsageLocation");
                case "null" -> data(e).putNull("defaultUsageLocation");
                default -> data(e).put("defaultUsageLocation", "");
            }
        });

        assertThat(CODEC.decodeInput(bytes(json)).data()).isEqualTo(new LicensingEvent.TenantSettingsUpserted(null));
        assertThat(schemaErrors("licensing.tenant.settings.upserted", json)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"licensing.group.license.assigned", "licensing.user.license.assigned"})
    void a_missing_or_null_disabled_plans_list_is_empty(String type) throws Exception {
        for (String json : List.of(
                mutated(type, e -> data(e).remove("disabledPlans")),
                mutated(type, e -> data(e).putNull("disabledPlans")))) {
            Object data = CODEC.decodeInput(bytes(json)).data();
            List<String> plans = data instanceof LicensingEvent.GroupLicenseAssigned g
                    ? g.disabledPlans()
                    : ((LicensingEvent.UserLicenseAssigned) data).disabledPlans();

            assertThat(plans).isEmpty();
            assertThat(schemaErrors(type, json)).isEmpty();
        }
    }

    @Test
    void a_missing_service_plans_list_is_empty() throws Exception {
        String json = mutated("licensing.subscription.upserted", e -> data(e).remove("servicePlans"));

        assertThat(CODEC.decodeInput(bytes(json)).data()).isEqualTo(
                new LicensingEvent.SubscriptionUpserted("ENTERPRISEPACK", 25, SubscriptionStatus.Enabled, List.of(), 5));
        assertThat(schemaErrors("licensing.subscription.upserted", json)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing", "null"})
    void a_missing_or_null_low_seats_threshold_is_none(String how) throws Exception {
        String json = mutated("licensing.subscription.upserted", e -> {
            if (how.equals("missing")) {
                data(e).remove("lowSeatsThreshold");
            } else {
                data(e).putNull("lowSeatsThreshold");
            }
        });

        var subscription = (LicensingEvent.SubscriptionUpserted) CODEC.decodeInput(bytes(json)).data();

        assertThat(subscription.lowSeatsThreshold()).isNull();
        assertThat(subscription).isEqualTo(new LicensingEvent.SubscriptionUpserted("ENTERPRISEPACK", 25,
                SubscriptionStatus.Enabled, List.of("EXCHANGE_S_ENTERPRISE", "SHAREPOINTENTERPRISE", "TEAMS1", "YAMMER_ENTERPRISE")));
        assertThat(schemaErrors("licensing.subscription.upserted", json)).isEmpty();
    }

    @Test
    void a_low_seats_threshold_of_zero_is_a_threshold_not_none() throws Exception {
        String json = mutated("licensing.subscription.upserted", e -> data(e).put("lowSeatsThreshold", 0));

        assertThat(((LicensingEvent.SubscriptionUpserted) CODEC.decodeInput(bytes(json)).data()).lowSeatsThreshold())
                .isZero();
        assertThat(schemaErrors("licensing.subscription.upserted", json)).isEmpty();
    }

    @Test
    void a_subscription_without_a_threshold_is_encoded_exactly_as_v1_encoded_it() {
        InboundEvent v1 = new InboundEvent(new Envelope("a-1", "/license-admin/contoso", "contoso", null),
                new LicensingEvent.SubscriptionUpserted("ENTERPRISEPACK", 25, SubscriptionStatus.Enabled, List.of("TEAMS1")));

        assertThat(new String(CODEC.encodeInput(v1), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "{\"specversion\":\"1.0\",\"id\":\"a-1\",\"source\":\"/license-admin/contoso\","
                        + "\"type\":\"licensing.subscription.upserted\",\"tenantid\":\"contoso\","
                        + "\"data\":{\"skuId\":\"ENTERPRISEPACK\",\"seats\":25,\"status\":\"Enabled\",\"servicePlans\":[\"TEAMS1\"]}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing", "null"})
    void a_missing_or_null_borrow_is_true(String how) throws Exception {
        String json = mutated("licensing.pool.upserted", e -> {
            if (how.equals("missing")) {
                data(e).remove("borrow");
            } else {
                data(e).putNull("borrow");
            }
        });

        assertThat(CODEC.decodeInput(bytes(json)).data())
                .isEqualTo(new LicensingEvent.PoolUpserted("p-sales", "ENTERPRISEPACK", "g-sales", 10, true));
        assertThat(schemaErrors("licensing.pool.upserted", json)).isEmpty();
    }

    @Test
    void a_pool_is_encoded_in_the_documented_member_order_with_borrow_written_out_even_when_true() {
        InboundEvent e = new InboundEvent(new Envelope("a-8", "/license-admin/contoso", "contoso", null),
                new LicensingEvent.PoolUpserted("p-sales", "ENTERPRISEPACK", "g-sales", 10, true));

        assertThat(new String(CODEC.encodeInput(e), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "{\"specversion\":\"1.0\",\"id\":\"a-8\",\"source\":\"/license-admin/contoso\","
                        + "\"type\":\"licensing.pool.upserted\",\"tenantid\":\"contoso\",\"data\":{\"poolId\":\"p-sales\","
                        + "\"skuId\":\"ENTERPRISEPACK\",\"groupId\":\"g-sales\",\"seats\":10,\"borrow\":true}}");
    }

    @Test
    void a_pool_of_zero_seats_is_valid() throws Exception {
        String json = mutated("licensing.pool.upserted", e -> data(e).put("seats", 0));

        assertThat(((LicensingEvent.PoolUpserted) CODEC.decodeInput(bytes(json)).data()).seats()).isZero();
        assertThat(schemaErrors("licensing.pool.upserted", json)).isEmpty();
    }

    @Test
    void a_group_added_as_its_own_subgroup_is_a_valid_event() throws Exception {
        String json = mutated("directory.group.subgroup.added", e -> data(e).put("subgroupId", "g-sales"));

        assertThat(CODEC.decodeInput(bytes(json)).data())
                .isEqualTo(new DirectoryEvent.GroupSubgroupAdded("g-sales", "g-sales"));
        assertThat(schemaErrors("directory.group.subgroup.added", json)).isEmpty();
    }

    @Test
    void data_may_be_omitted_or_null_for_types_whose_fields_are_all_optional() throws Exception {
        for (String json : List.of(
                mutated("licensing.tenant.settings.upserted", e -> e.remove("data")),
                mutated("licensing.tenant.settings.upserted", e -> e.putNull("data")))) {
            assertThat(CODEC.decodeInput(bytes(json)).data()).isEqualTo(new LicensingEvent.TenantSettingsUpserted(null));
            assertThat(schemaErrors("licensing.tenant.settings.upserted", json)).isEmpty();
        }
        for (String json : List.of(
                mutated("licensing.reprocess.requested", e -> e.remove("data")),
                mutated("licensing.reprocess.requested", e -> data(e).remove("userId")),
                mutated("licensing.reprocess.requested", e -> data(e).putNull("userId")))) {
            assertThat(CODEC.decodeInput(bytes(json)).data()).isEqualTo(new LicensingEvent.ReprocessRequested(null));
            assertThat(schemaErrors("licensing.reprocess.requested", json)).isEmpty();
        }
    }

    @Test
    void unknown_attributes_and_data_fields_are_ignored() throws Exception {
        String json = mutated("directory.group.member.added", e -> {
            e.put("subject", "u-1");
            e.put("comexampletrace", 7);
            e.put("datacontenttype", "application/json");
            data(e).put("displayName", "Sales");
            data(e).putObject("future").put("x", 1);
        });

        assertThat(CODEC.decodeInput(bytes(json))).isEqualTo(CODEC.decodeInput(bytes(example("directory.group.member.added"))));
        assertThat(schemaErrors("directory.group.member.added", json)).isEmpty();
    }

    @Test
    void time_is_optional_and_kept_exactly_as_written() throws Exception {
        String missing = mutated("directory.user.deleted", e -> e.remove("time"));
        String isNull = mutated("directory.user.deleted", e -> e.putNull("time"));
        String precise = mutated("directory.user.deleted", e -> e.put("time", "2026-11-23T11:00:00.123456+01:00"));

        assertThat(CODEC.decodeInput(bytes(missing)).envelope().time()).isNull();
        assertThat(CODEC.decodeInput(bytes(isNull)).envelope().time()).isNull();
        assertThat(CODEC.decodeInput(bytes(precise)).envelope().time()).isEqualTo("2026-11-23T11:00:00.123456+01:00");
        for (String json : List.of(missing, isNull, precise)) {
            assertThat(schemaErrors("directory.user.deleted", json)).isEmpty();
        }
    }

    @Test
    void seats_written_with_a_zero_fraction_or_an_exponent_are_integers_as_in_JSON_Schema() throws Exception {
        String zeroFraction = example("licensing.subscription.upserted").replace("\"seats\": 25", "\"seats\": 25.0");
        String exponent = example("licensing.subscription.upserted").replace("\"seats\": 25", "\"seats\": 2.5e1");

        for (String json : List.of(zeroFraction, exponent)) {
            assertThat(((LicensingEvent.SubscriptionUpserted) CODEC.decodeInput(bytes(json)).data()).seats()).isEqualTo(25);
            assertThat(schemaErrors("licensing.subscription.upserted", json)).isEmpty();
        }
    }

    @Test
    void the_largest_seat_count_is_the_largest_int() throws Exception {
        String max = mutated("licensing.subscription.upserted", e -> data(e).put("seats", Integer.MAX_VALUE));
        String tooMany = mutated("licensing.subscription.upserted", e -> data(e).put("seats", Integer.MAX_VALUE + 1L));

        assertThat(((LicensingEvent.SubscriptionUpserted) CODEC.decodeInput(bytes(max)).data()).seats())
                .isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> CODEC.decodeInput(bytes(tooMany)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("data.seats");
                    assertThat(e.problem()).isEqualTo("must be at most 2147483647, was 2147483648");
                });
        assertThat(schemaErrors("licensing.subscription.upserted", max)).isEmpty();
        assertThat(schemaErrors("licensing.subscription.upserted", tooMany)).isNotEmpty();
    }

    // ---------------------------------------------------------------- encoding refuses what decoding would

    @Test
    void encoding_refuses_an_event_that_would_not_read_back_equal() {
        Envelope env = new Envelope("e-1", "/s", "contoso", null);

        assertThatThrownBy(() -> CODEC.encodeInput(new InboundEvent(new Envelope("", "/s", "contoso", null),
                new DirectoryEvent.UserDeleted("u-1")))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> CODEC.encodeInput(new InboundEvent(env, new DirectoryEvent.UserUpserted("u-1", "", UserType.Member))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usageLocation");
        assertThatThrownBy(() -> CODEC.encodeInput(new InboundEvent(env,
                new LicensingEvent.GroupLicenseAssigned("g", "sku", List.of("")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("disabledPlans");
        assertThatThrownBy(() -> CODEC.encodeInput(new InboundEvent(new Envelope("e-1", "/s", "contoso", "yesterday"),
                new DirectoryEvent.UserDeleted("u-1")))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time");
    }
}
