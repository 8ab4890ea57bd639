package dev.seatflow.scim.directory;

import static dev.seatflow.scim.directory.ScimFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lists, filters, paging, and every refusal: a SCIM error that names the problem, and nothing published. */
class QueriesAndErrorsTest {
    private final ScimFixture scim = new ScimFixture();

    @Test
    void entrasZeroResultQueryIsAnEmptyListResponse() {
        var list = body(scim.get("/Users?filter=userName eq \"non-existent user\""));
        assertThat(list.get("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        assertThat(list.get("totalResults").asInt()).isZero();
        assertThat(list.get("Resources")).isEmpty();
        assertThat(list.get("startIndex").asInt()).isEqualTo(1);
    }

    @Test
    void usersAreFoundByUserNameExternalIdAndIdAndGroupsByDisplayName() {
        String ann = id(scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ann@contoso.com","externalId":"A1"}"""));
        scim.user("ben@contoso.com");
        String sales = scim.group("Sales");
        scim.group("Design");

        assertThat(ids("/Users?filter=userName eq \"ANN@contoso.com\"")).containsExactly(ann);
        assertThat(ids("/Users?filter=externalId eq \"A1\"")).containsExactly(ann);
        assertThat(ids("/Users?filter=id eq \"" + ann + "\"")).containsExactly(ann);
        assertThat(ids("/Groups?filter=displayName eq \"Sales\"")).containsExactly(sales);
        assertThat(ids("/Users?filter=userName sw \"b\"")).hasSize(1);
        assertThat(ids("/Users")).hasSize(2);
    }

    @Test
    void groupsAreFoundByTheirMembers() {
        String ann = scim.user("ann");
        String sales = scim.group("Sales");
        scim.group("Design");
        scim.patch("/Groups/" + sales, GroupRequestsTest.addMembers(ann));
        assertThat(ids("/Groups?filter=members[value eq \"" + ann + "\"]")).containsExactly(sales);
    }

    @Test
    void pagesFollowStartIndexAndCountInAStableOrder() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(scim.user("user" + i));
        }
        all.sort(String::compareTo);
        JsonNode page2 = body(scim.get("/Users?startIndex=4&count=3"));
        assertThat(page2.get("totalResults").asInt()).isEqualTo(7);
        assertThat(page2.get("startIndex").asInt()).isEqualTo(4);
        assertThat(page2.get("itemsPerPage").asInt()).isEqualTo(3);
        assertThat(ids(page2)).containsExactlyElementsOf(all.subList(3, 6));
        assertThat(ids(body(scim.get("/Users?startIndex=7&count=3")))).containsExactly(all.get(6));
        assertThat(body(scim.get("/Users?count=0")).get("Resources")).isEmpty();
        assertThat(status(scim.get("/Users?count=many"))).isEqualTo(400);
    }

    @Test
    void attributesAndExcludedAttributesShapeTheResources() {
        String ann = scim.user("ann");
        var only = body(scim.get("/Users/" + ann + "?attributes=userName"));
        assertThat(only.get("userName").asText()).isEqualTo("ann");
        assertThat(only.get("id").asText()).isEqualTo(ann);
        assertThat(only.has("meta")).isFalse();
        var without = body(scim.get("/Users/" + ann + "?excludedAttributes=meta"));
        assertThat(without.has("meta")).isFalse();
        assertThat(without.has("userName")).isTrue();
    }

    @Test
    void malformedJsonIsInvalidSyntax() {
        assertError(scim.post("/Users", "{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\""),
                400, "invalidSyntax", "not valid JSON");
        assertError(scim.post("/Users", "[1,2]"), 400, "invalidSyntax", "JSON object");
        assertError(scim.post("/Users", ""), 400, "invalidSyntax", "no body");
    }

    @Test
    void anUnknownSchemaIsInvalidValueNamingIt() {
        assertError(scim.post("/Users", """
                {"schemas":["urn:example:custom:User"],"userName":"ann"}"""), 400, "invalidValue",
                "unknown schema \"urn:example:custom:User\"");
        assertError(scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"userName":"ann"}"""), 400, "invalidValue",
                "unknown schema");
        assertError(scim.post("/Users", """
                {"userName":"ann"}"""), 400, "invalidValue", "\"schemas\" is required");
        assertError(scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ann",
                 "urn:example:ext:2.0:User":{"x":1}}"""), 400, "invalidValue", "urn:example:ext:2.0:User");
        assertError(scim.patch("/Users/" + scim.user("ann"), """
                {"schemas":["urn:example:Patch"],"Operations":[{"op":"add","path":"title","value":"x"}]}"""),
                400, "invalidValue", "urn:example:Patch");
    }

    @Test
    void aMissingUserNameOrDisplayNameIsInvalidValue() {
        assertError(scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"name":{"givenName":"Ann"}}"""),
                400, "invalidValue", "userName is required");
        String ann = scim.user("ann");
        assertError(scim.patch("/Users/" + ann, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"remove","path":"userName"}]}"""), 400, "invalidValue", "userName is required");
        assertError(scim.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"]}"""), 400, "invalidValue",
                "displayName is required");
    }

    @Test
    void aMemberThatDoesNotExistIsInvalidValueAndNothingChanges() {
        String g = scim.group("Sales");
        String ann = scim.user("ann");
        Outcome o = scim.patch("/Groups/" + g, GroupRequestsTest.addMembers(ann, "no-such-id"));
        assertError(o, 400, "invalidValue", "member no-such-id does not exist");
        assertThat(scim.directory.members(g)).isEmpty();
        assertError(scim.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"X",
                 "members":[{"value":"ghost"}]}"""), 400, "invalidValue", "member ghost does not exist");
    }

    @Test
    void anInvalidFilterIsInvalidFilter() {
        assertError(scim.get("/Users?filter=userName zz \"ann\""), 400, "invalidFilter", "unknown operator 'zz'");
        assertError(scim.get("/Users?filter=userName eq"), 400, "invalidFilter", "expected a value");
    }

    @Test
    void badPatchesAreRefused() {
        String ann = scim.user("ann");
        assertError(scim.patch("/Users/" + ann, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"move","path":"a"}]}"""),
                400, "invalidSyntax", "add, replace or remove");
        assertError(scim.patch("/Users/" + ann, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove"}]}"""),
                400, "noTarget", "needs a \"path\"");
        assertError(scim.patch("/Users/" + ann, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}"""),
                400, "invalidSyntax", "Operations");
        assertError(scim.patch("/Users/" + ann, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"active","value":"maybe"}]}"""), 400, "invalidValue", "active");
        assertError(scim.patch("/Users/" + ann, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"id","value":"x"}]}"""), 400, "mutability", "read-only");
        assertError(scim.patch("/Users/" + ann, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:seatflow:2.0:User:usageLocation","value":"Germany"}]}"""),
                400, "invalidValue", "ISO 3166-1 alpha-2");
    }

    @Test
    void unknownResourcesAndMethodsAreAnsweredAsSuch() {
        assertError(scim.get("/Users/nope"), 404, null, "User nope not found");
        assertError(scim.get("/Widgets"), 404, null, "no such endpoint");
        assertError(scim.delete("/Users"), 405, null, "POST to create");
    }

    private void assertError(Outcome o, int status, String scimType, String detail) {
        assertThat(o.response().status()).isEqualTo(status);
        JsonNode e = o.response().body();
        assertThat(e.get("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(e.get("status").isTextual()).as("status is a string").isTrue();
        assertThat(e.get("status").asText()).isEqualTo(Integer.toString(status));
        if (scimType == null) {
            assertThat(e.has("scimType")).isFalse();
        } else {
            assertThat(e.get("scimType").asText()).isEqualTo(scimType);
        }
        assertThat(e.get("detail").asText()).contains(detail);
        assertThat(o.records()).isEmpty();
        assertThat(o.events()).as("nothing published").isEmpty();
    }

    private List<String> ids(String path) {
        Outcome o = scim.get(path);
        assertThat(o.response().status()).as(body(o).toString()).isEqualTo(200);
        return ids(body(o));
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.get("Resources").forEach(r -> out.add(r.get("id").asText()));
        return out;
    }

    private static int status(Outcome o) {
        return o.response().status();
    }

    private static String id(Outcome o) {
        return body(o).get("id").asText();
    }
}
