package dev.seatflow.reconciler.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserType;
import dev.seatflow.reconciler.core.EventKey;
import dev.seatflow.reconciler.core.StateRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangelogCodecTest {
    private final ChangelogCodec codec = new ChangelogCodec();

    /** Each record and the JSON the data-binding codec wrote for it: changelogs on disk hold these. */
    private static final List<Object[]> WRITTEN = List.of(
            new Object[] {new StateRecord.UserAttributes("u1", null, UserType.Guest),
                "{\"kind\":\"user\",\"userId\":\"u1\",\"usageLocation\":null,\"userType\":\"Guest\"}"},
            new Object[] {new StateRecord.Membership("g", "u", 5),
                "{\"kind\":\"member\",\"groupId\":\"g\",\"userId\":\"u\",\"joinOrder\":5}"},
            new Object[] {new StateRecord.GroupLicenseRecord("g", "s", List.of("a", "b")),
                "{\"kind\":\"group-license\",\"groupId\":\"g\",\"skuId\":\"s\",\"disabledPlans\":[\"a\",\"b\"]}"},
            new Object[] {new StateRecord.SubscriptionRecord("s", 3, SubscriptionStatus.Enabled, List.of("p"), null),
                "{\"kind\":\"subscription\",\"skuId\":\"s\",\"seats\":3,\"status\":\"Enabled\",\"servicePlans\":[\"p\"],"
                        + "\"lowSeatsThreshold\":null}"},
            new Object[] {new StateRecord.SubscriptionRecord("s", 3, SubscriptionStatus.Warning, List.of(), 2),
                "{\"kind\":\"subscription\",\"skuId\":\"s\",\"seats\":3,\"status\":\"Warning\",\"servicePlans\":[],"
                        + "\"lowSeatsThreshold\":2}"},
            new Object[] {new StateRecord.SubgroupLink("dept", "team", 6),
                "{\"kind\":\"subgroup\",\"groupId\":\"dept\",\"subgroupId\":\"team\",\"joinOrder\":6}"},
            new Object[] {new StateRecord.PoolRecord("eng-e5", "E5", "eng", 10, false),
                "{\"kind\":\"pool\",\"poolId\":\"eng-e5\",\"skuId\":\"E5\",\"groupId\":\"eng\",\"seats\":10,"
                        + "\"borrow\":false}"},
            new Object[] {new StateRecord.EntitlementRecord("u", "s", 7, true, null, "2026-11-28T09:00:00Z"),
                "{\"kind\":\"entitlement\",\"userId\":\"u\",\"skuId\":\"s\",\"position\":7,\"holdsSeat\":true,"
                        + "\"directPlans\":null,\"since\":\"2026-11-28T09:00:00Z\"}"},
            new Object[] {new StateRecord.EntitlementRecord("u", "s", 8, false, List.of(), null),
                "{\"kind\":\"entitlement\",\"userId\":\"u\",\"skuId\":\"s\",\"position\":8,\"holdsSeat\":false,"
                        + "\"directPlans\":[],\"since\":null}"},
            new Object[] {new StateRecord.TenantRecord(null, 1, 2, 3),
                "{\"kind\":\"tenant\",\"defaultUsageLocation\":null,\"nextPosition\":1,\"nextJoin\":2,\"nextSeen\":3}"},
            new Object[] {new StateRecord.SeenEvent(4, "src", "id \"quoted\" é", 9),
                "{\"kind\":\"seen\",\"slot\":4,\"source\":\"src\",\"id\":\"id \\\"quoted\\\" é\",\"seq\":9}"},
            new Object[] {new StateRecord.SeenBlock(3, 96, List.of(new EventKey("/sync", "e-96"),
                    new EventKey("/sync", "e-97"), new EventKey("/admin", "e-97")), 1200, 3400),
                "{\"kind\":\"seen-block\",\"slot\":3,\"firstSeq\":96,\"sources\":[\"/sync\",\"/sync\",\"/admin\"],"
                        + "\"ids\":[\"e-96\",\"e-97\",\"e-97\"],\"nextPosition\":1200,\"nextJoin\":3400}"},
            new Object[] {new StateRecord.SeenBlock(0, 0, List.of(new EventKey("src", "id \"quoted\" é")), 0, 0),
                "{\"kind\":\"seen-block\",\"slot\":0,\"firstSeq\":0,\"sources\":[\"src\"],"
                        + "\"ids\":[\"id \\\"quoted\\\" é\"],\"nextPosition\":0,\"nextJoin\":0}"});

    @Test
    void writesWhatTheDataBindingCodecWroteAndReadsItBack() {
        for (Object[] row : WRITTEN) {
            StateRecord record = (StateRecord) row[0];
            byte[] value = codec.value(record);
            assertThat(new String(value, StandardCharsets.UTF_8)).isEqualTo(row[1]);
            assertThat(codec.decode(value)).isEqualTo(record);
        }
    }

    @Test
    void theCanonicalReaderAndTheJsonPathAgree() {
        for (Object[] row : WRITTEN) {
            byte[] value = ((String) row[1]).getBytes(StandardCharsets.UTF_8);
            assertThat(codec.decode(value)).isEqualTo(codec.decodeAnyJson(value)).isEqualTo(row[0]);
        }
        // Not canonical (spaces, a 19-digit number): read by the JSON path all the same.
        assertThat(codec.decode("{ \"kind\" : \"member\", \"groupId\":\"g\",\"userId\":\"u\",\"joinOrder\":1234567890123456789}"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(new StateRecord.Membership("g", "u", 1234567890123456789L));
    }

    @Test
    void escapesStringsAsJacksonDoes() throws Exception {
        String odd = "q\"b\\s/\u0000\u001f\b\t\n\f\r\u007f é 😀 \u2028 end";
        StateRecord record = new StateRecord.SeenEvent(1, odd, odd, 1);
        String json = new String(codec.value(record), StandardCharsets.UTF_8);
        String quoted = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(odd);
        assertThat(json).isEqualTo("{\"kind\":\"seen\",\"slot\":1,\"source\":" + quoted + ",\"id\":" + quoted + ",\"seq\":1}");
        assertThat(codec.decode(codec.value(record))).isEqualTo(record);
    }

    @Test
    void subscriptionWrittenBeforeThresholdsExistedReadsWithNone() {
        byte[] v1 = "{\"kind\":\"subscription\",\"skuId\":\"s\",\"seats\":3,\"status\":\"Enabled\",\"servicePlans\":[\"p\"]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(codec.decode(v1))
                .isEqualTo(new StateRecord.SubscriptionRecord("s", 3, SubscriptionStatus.Enabled, List.of("p"), null));
    }

    @Test
    void entitlementWrittenBeforeSinceExistedReadsWithoutOne() {
        byte[] old = ("{\"kind\":\"entitlement\",\"userId\":\"u\",\"skuId\":\"s\",\"position\":7,\"holdsSeat\":true,"
                + "\"directPlans\":null}").getBytes(StandardCharsets.UTF_8);
        assertThat(codec.decode(old)).isEqualTo(new StateRecord.EntitlementRecord("u", "s", 7, true, null, null));
    }

    @Test
    void readsFieldsInAnyOrderAndSkipsUnknownOnes() {
        byte[] json = "{\"userId\":\"u\",\"extra\":{\"a\":[1,2]},\"joinOrder\":4,\"groupId\":\"g\",\"kind\":\"member\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(codec.decode(json)).isEqualTo(new StateRecord.Membership("g", "u", 4));
    }

    @Test
    void tombstonesHaveNoValueAndKeysParseBack() {
        assertThat(codec.value(new StateRecord.MembershipEnded("g", "u"))).isNull();
        StateRecord r = new StateRecord.Membership("g:1", "u/2", 1);
        ChangelogCodec.Key key = ChangelogCodec.parseKey(codec.key("ten:ant", r));
        assertThat(key).isEqualTo(new ChangelogCodec.Key("ten:ant", r.key()));
    }

    @Test
    void anUnreadableValueSaysWhat() {
        assertThatThrownBy(() -> codec.decode("{\"kind\":\"alien\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alien");
    }
}
