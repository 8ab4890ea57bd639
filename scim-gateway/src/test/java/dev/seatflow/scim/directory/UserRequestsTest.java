package dev.seatflow.scim.directory;

import static dev.seatflow.scim.directory.ScimFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.DirectoryEvent.UserDeleted;
import dev.seatflow.events.DirectoryEvent.UserUpserted;
import dev.seatflow.events.UserType;
import org.junit.jupiter.api.Test;

/** Users: what each request answers and what it publishes. */
class UserRequestsTest {
    private final ScimFixture scim = new ScimFixture();

    /** Microsoft's "Create User" request, as its SCIM tutorial shows it. */
    private static final String ENTRA_CREATE_USER = """
            {
                "schemas": [
                    "urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
                "userName": "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
                "active": true,
                "emails": [{
                    "primary": true,
                    "type": "work",
                    "value": "Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com"
                }],
                "meta": {
                    "resourceType": "User"
                },
                "name": {
                    "formatted": "givenName familyName",
                    "familyName": "familyName",
                    "givenName": "givenName"
                },
                "roles": []
            }""";

    @Test
    void entrasCreateUserIsAnswered201WithTheUserAndPublishesAMemberWithoutUsageLocation() {
        Outcome created = scim.post("/Users", ENTRA_CREATE_USER);

        assertThat(created.response().status()).isEqualTo(201);
        var user = body(created);
        String id = user.get("id").asText();
        assertThat(created.response().headers()).containsEntry("Location", ScimFixture.BASE + "/Users/" + id);
        assertThat(user.get("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:User");
        assertThat(user.get("userName").asText()).isEqualTo("Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee");
        assertThat(user.get("externalId").asText()).isEqualTo("0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef");
        assertThat(user.get("active").asBoolean()).isTrue();
        assertThat(user.at("/emails/0/value").asText())
                .isEqualTo("Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com");
        assertThat(user.at("/name/familyName").asText()).isEqualTo("familyName");
        assertThat(user.at("/meta/resourceType").asText()).isEqualTo("User");
        assertThat(user.at("/meta/created").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(user.at("/meta/location").asText()).isEqualTo(ScimFixture.BASE + "/Users/" + id);
        assertThat(user.has("roles")).as("an empty array is unassigned").isFalse();
        assertThat(created.events()).containsExactly(new UserUpserted(id, null, UserType.Member));
    }

    @Test
    void entrasProvisionUserSampleWithItsMistypedSchemaAndNullsIsAccepted() {
        Outcome created = scim.post("/Users", """
                {
                   "schemas":
                   [
                     "urn:ietf:params:scim:schemas:core:2.0:User",
                     "urn:ietf:params:scim:schemas:extension:enterprise:2.0User"],
                   "externalId":"jyoung",
                   "userName":"jyoung@testuser.com",
                   "active":true,
                   "addresses":null,
                   "displayName":"Joy Young",
                   "emails": [
                     {
                       "type":"work",
                       "value":"jyoung@Contoso.com",
                       "primary":true}],
                   "meta": {
                     "resourceType":"User"},
                    "name":{
                     "familyName":"Young",
                     "givenName":"Joy"},
                   "phoneNumbers":null,
                   "preferredLanguage":null,
                   "title":null,
                   "department":null,
                   "manager":null}""");

        assertThat(created.response().status()).isEqualTo(201);
        assertThat(body(created).has("addresses")).isFalse();
        assertThat(body(created).get("displayName").asText()).isEqualTo("Joy Young");
        assertThat(scim.get("/Users?filter=externalId eq jyoung").response().body().get("totalResults").asInt())
                .isEqualTo(1);
    }

    @Test
    void usageLocationComesFromSeatflowsExtensionElseFromTheWorkAddress() {
        Outcome explicit = scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                            "urn:ietf:params:scim:schemas:extension:seatflow:2.0:User"],
                 "userName":"ann","userType":"guest",
                 "addresses":[{"type":"work","country":"FR"}],
                 "urn:ietf:params:scim:schemas:extension:seatflow:2.0:User":{"usageLocation":"de"}}""");
        Outcome fromAddress = scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ben",
                 "addresses":[{"type":"home","country":"IT"},{"type":"work","country":"fr"}]}""");
        Outcome notACode = scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"cat",
                 "addresses":[{"type":"work","country":"France"}]}""");

        assertThat(explicit.events()).containsExactly(new UserUpserted(id(explicit), "DE", UserType.Guest));
        assertThat(body(explicit).get("schemas")).hasSize(2);
        assertThat(fromAddress.events()).containsExactly(new UserUpserted(id(fromAddress), "FR", UserType.Member));
        assertThat(notACode.events()).containsExactly(new UserUpserted(id(notACode), null, UserType.Member));
    }

    @Test
    void entrasMultiValuedUpdateChangesTheWorkEmailAndTheFamilyNameAndPublishesNothing() {
        String id = id(scim.post("/Users", ENTRA_CREATE_USER));

        Outcome patched = scim.patch("/Users/" + id, """
                {
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [
                            {
                            "op": "Replace",
                            "path": "emails[type eq \\"work\\"].value",
                            "value": "updatedEmail@microsoft.com"
                            },
                            {
                            "op": "Replace",
                            "path": "name.familyName",
                            "value": "updatedFamilyName"
                            }
                    ]
                }""");

        assertThat(patched.response().status()).isEqualTo(200);
        assertThat(body(patched).at("/emails/0/value").asText()).isEqualTo("updatedEmail@microsoft.com");
        assertThat(body(patched).at("/emails/0/primary").asBoolean()).isTrue();
        assertThat(body(patched).at("/name/familyName").asText()).isEqualTo("updatedFamilyName");
        assertThat(body(patched).at("/name/givenName").asText()).isEqualTo("givenName");
        assertThat(patched.records()).hasSize(1);
        assertThat(patched.events()).as("neither userType nor usage location changed").isEmpty();
    }

    @Test
    void entrasSingleValuedUpdateRenamesTheUser() {
        String id = id(scim.post("/Users", ENTRA_CREATE_USER));

        Outcome patched = scim.patch("/Users/" + id, """
                {
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [{
                        "op": "Replace",
                        "path": "userName",
                        "value": "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"
                    }]
                }""");

        assertThat(patched.response().status()).isEqualTo(200);
        assertThat(body(patched).get("userName").asText()).isEqualTo("5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com");
        assertThat(body(scim.get("/Users?filter=userName eq \"5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com\""))
                .get("totalResults").asInt()).isEqualTo(1);
    }

    @Test
    void disablingAUserWithABooleanOrWithEntrasStringStoresActiveFalseAndPublishesNothing() {
        String id = id(scim.post("/Users", ENTRA_CREATE_USER));

        Outcome asBoolean = scim.patch("/Users/" + id, """
                {"Operations":[{"op":"Replace","path":"active","value":false}],
                 "schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}""");
        assertThat(asBoolean.response().status()).isEqualTo(200);
        assertThat(body(asBoolean).get("active").isBoolean()).isTrue();
        assertThat(body(asBoolean).get("active").asBoolean()).isFalse();
        assertThat(asBoolean.events()).isEmpty();

        scim.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"active","value":true}]}""");
        Outcome asString = scim.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","path":"active","value":"False"}]}""");
        assertThat(body(asString).get("active").asBoolean()).isFalse();
        assertThat(asString.events()).isEmpty();
    }

    @Test
    void entrasAddOfASingleValuedAttributeSetsIt() {
        String id = id(scim.post("/Users", ENTRA_CREATE_USER));
        for (String op : new String[] {"Add", "add"}) {
            Outcome o = scim.patch("/Users/" + id, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                     "Operations":[{"op":"%s","path":"nickName","value":"Babs"}]}""".formatted(op));
            assertThat(body(o).get("nickName").asText()).isEqualTo("Babs");
        }
    }

    @Test
    void entrasReplaceOfMultipleAttributesWithAndWithoutPathsIsApplied() {
        String id = id(scim.post("/Users", ENTRA_CREATE_USER));

        Outcome withPaths = scim.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                  {"op":"Replace","path":"displayName","value":"Pvlo"},
                  {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"TestBcwqnm@test.microsoft.com"},
                  {"op":"Replace","path":"name.givenName","value":"Gtfd"},
                  {"op":"Replace","path":"name.familyName","value":"Pkqf"},
                  {"op":"Replace","path":"externalId","value":"Eqpj"},
                  {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"Eqpj"}]}""");
        assertThat(withPaths.response().status()).isEqualTo(200);
        assertThat(body(withPaths).get("displayName").asText()).isEqualTo("Pvlo");
        assertThat(body(withPaths).at("/emails/0/value").asText()).isEqualTo("TestBcwqnm@test.microsoft.com");
        assertThat(body(withPaths).get("externalId").asText()).isEqualTo("Eqpj");
        assertThat(body(withPaths).at("/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/employeeNumber")
                .asText()).isEqualTo("Eqpj");

        Outcome withoutPath = scim.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                  {"op":"replace","path":"emails[type eq \\"work\\"].value","value":"TestMhvaes@test.microsoft.com"},
                  {"op":"replace","value":{
                     "displayName":"Bjfe",
                     "name.givenName":"Kkom",
                     "name.familyName":"Unua",
                     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"Aklq"}}]}""");
        var u = body(withoutPath);
        assertThat(u.get("displayName").asText()).isEqualTo("Bjfe");
        assertThat(u.at("/name/givenName").asText()).isEqualTo("Kkom");
        assertThat(u.at("/name/familyName").asText()).isEqualTo("Unua");
        assertThat(u.at("/emails/0/value").asText()).isEqualTo("TestMhvaes@test.microsoft.com");
        assertThat(u.at("/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/employeeNumber").asText())
                .isEqualTo("Aklq");
        assertThat(u.has("name.givenName")).isFalse();
    }

    @Test
    void entrasManagerReferenceIsStoredAndFound() {
        String id = id(scim.post("/Users", ENTRA_CREATE_USER));
        String boss = scim.user("boss@contoso.com");

        Outcome o = scim.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"manager",
                  "value":[{"$ref":"http://.../scim/Users/%s","value":"%s"}]}]}""".formatted(boss, boss));

        assertThat(o.response().status()).isEqualTo(200);
        assertThat(body(scim.get("/Users?filter=id eq \"" + id + "\" and manager eq \"" + boss + "\""))
                .get("totalResults").asInt()).isEqualTo(1);
    }

    @Test
    void aWorkAddressCountryAddedByPatchBecomesTheUsageLocation() {
        String id = scim.user("ann");

        Outcome o = scim.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","path":"addresses[type eq \\"work\\"].country","value":"ML"}]}""");

        assertThat(body(o).at("/addresses/0/type").asText()).isEqualTo("work");
        assertThat(body(o).at("/addresses/0/country").asText()).isEqualTo("ML");
        assertThat(o.events()).containsExactly(new UserUpserted(id, "ML", UserType.Member));
    }

    @Test
    void oktasDeactivationWithoutPathStoresActiveFalse() {
        String id = scim.user("ann");

        Outcome o = scim.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"active":false}}]}""");

        assertThat(body(o).get("active").asBoolean()).isFalse();
        assertThat(o.events()).isEmpty();
    }

    @Test
    void oktasCreateAndPutKeepNoPasswordAndPublishAChangeOfUserType() {
        Outcome created = scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"test.user@okta.local",
                 "name":{"givenName":"Test","familyName":"User"},
                 "emails":[{"primary":true,"value":"test.user@okta.local","type":"work"}],
                 "displayName":"Test User","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","groups":[],
                 "password":"1mz050nq","active":true}""");
        String id = id(created);
        assertThat(body(created).has("password")).isFalse();
        assertThat(scim.directory.user(id).attributes().has("password")).isFalse();

        Outcome replaced = scim.put("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"%s","userName":"test.user@okta.local",
                 "name":{"givenName":"Another","familyName":"User"},"userType":"Guest","active":true,
                 "emails":[{"primary":true,"value":"test.user@okta.local","type":"work"}],"displayName":"Another User"}"""
                .formatted(id));
        assertThat(replaced.response().status()).isEqualTo(200);
        assertThat(body(replaced).has("locale")).as("PUT replaces the whole user").isFalse();
        assertThat(replaced.events()).containsExactly(new UserUpserted(id, null, UserType.Guest));
    }

    @Test
    void aRequestThatChangesNothingPublishesNothing() {
        String id = scim.user("ann");
        Outcome o = scim.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"userName","value":"ann"}]}""");
        assertThat(o.response().status()).isEqualTo(200);
        assertThat(o.writes()).isFalse();
    }

    @Test
    void deletingAUserPublishesUserDeletedAndTakesItOutOfItsGroups() {
        String ann = scim.user("ann");
        String sales = scim.group("Sales");
        scim.patch("/Groups/" + sales, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}""".formatted(ann));

        Outcome deleted = scim.delete("/Users/" + ann);

        assertThat(deleted.response().status()).isEqualTo(204);
        assertThat(deleted.events()).containsExactly(new UserDeleted(ann));
        assertThat(scim.get("/Users/" + ann).response().status()).isEqualTo(404);
        assertThat(body(scim.get("/Groups/" + sales)).get("members")).isEmpty();
        assertThat(scim.delete("/Users/" + ann).response().status()).isEqualTo(404);
    }

    @Test
    void userNamesAreUniquePerTenantCaseInsensitively() {
        scim.user("Ann@Contoso.com");
        Outcome again = scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ann@contoso.com"}""");
        assertThat(again.response().status()).isEqualTo(409);
        assertThat(body(again).get("scimType").asText()).isEqualTo("uniqueness");
        assertThat(again.writes()).isFalse();
    }

    private static String id(Outcome o) {
        return body(o).get("id").asText();
    }
}
