package dev.seatflow.scim.directory;

import static dev.seatflow.scim.directory.ScimFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.DirectoryEvent.GroupDeleted;
import dev.seatflow.events.DirectoryEvent.GroupMemberAdded;
import dev.seatflow.events.DirectoryEvent.GroupMemberRemoved;
import dev.seatflow.events.DirectoryEvent.GroupSubgroupAdded;
import dev.seatflow.events.DirectoryEvent.GroupSubgroupRemoved;
import org.junit.jupiter.api.Test;

/** Groups and their members: what each request answers and what it publishes. */
class GroupRequestsTest {
    private final ScimFixture scim = new ScimFixture();

    @Test
    void entrasCreateGroupWithItsActiveDirectorySchemaIsAnswered201WithNoMembersAndPublishesNothing() {
        Outcome created = scim.post("/Groups", """
                {
                    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                    "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
                    "displayName": "displayName",
                    "meta": {
                        "resourceType": "Group"
                    }
                }""");

        assertThat(created.response().status()).isEqualTo(201);
        var group = body(created);
        assertThat(group.get("schemas")).hasSize(1);
        assertThat(group.get("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:Group");
        assertThat(group.get("externalId").asText()).isEqualTo("8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159");
        assertThat(group.get("displayName").asText()).isEqualTo("displayName");
        assertThat(group.get("members")).isEmpty();
        assertThat(group.at("/meta/resourceType").asText()).isEqualTo("Group");
        assertThat(created.events()).isEmpty();
    }

    @Test
    void entrasGetGroupWithExcludedMembersLeavesThemOut() {
        String g = scim.group("displayName");
        scim.patch("/Groups/" + g, addMembers(scim.user("ann")));

        var got = body(scim.get("/Groups/" + g + "?excludedAttributes=members"));
        assertThat(got.has("members")).isFalse();
        assertThat(got.get("displayName").asText()).isEqualTo("displayName");

        var list = body(scim.get("/Groups?excludedAttributes=members&filter=displayName eq \"displayName\""));
        assertThat(list.get("totalResults").asInt()).isEqualTo(1);
        assertThat(list.at("/Resources/0/id").asText()).isEqualTo(g);
        assertThat(list.at("/Resources/0").has("members")).isFalse();
    }

    @Test
    void entrasRenameIsAnswered204AndPublishesNothing() {
        String g = scim.group("displayName");
        Outcome renamed = scim.patch("/Groups/" + g, """
                {
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [{
                        "op": "Replace",
                        "path": "displayName",
                        "value": "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"
                    }]
                }""");
        assertThat(renamed.response().status()).isEqualTo(204);
        assertThat(renamed.response().body()).isNull();
        assertThat(renamed.events()).isEmpty();
        assertThat(body(scim.get("/Groups/" + g)).get("displayName").asText())
                .isEqualTo("1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName");
    }

    @Test
    void entrasAddAndRemoveMembersAreAnswered204AndPublishMembershipEvents() {
        String g = scim.group("Sales");
        String ann = scim.user("ann");

        Outcome added = scim.patch("/Groups/" + g, """
                {
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [{
                        "op": "Add",
                        "path": "members",
                        "value": [{
                            "$ref": null,
                            "value": "%s"
                        }]
                    }]
                }""".formatted(ann));
        assertThat(added.response().status()).isEqualTo(204);
        assertThat(added.events()).containsExactly(new GroupMemberAdded(g, ann));
        assertThat(body(scim.get("/Groups/" + g)).at("/members/0/value").asText()).isEqualTo(ann);
        assertThat(body(scim.get("/Groups/" + g)).at("/members/0/display").asText()).isEqualTo("ann");

        Outcome again = scim.patch("/Groups/" + g, addMembers(ann));
        assertThat(again.writes()).as("adding an existing member changes nothing").isFalse();

        Outcome removed = scim.patch("/Groups/" + g, """
                {
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [{
                        "op": "Remove",
                        "path": "members",
                        "value": [{
                            "$ref": null,
                            "value": "%s"
                        }]
                    }]
                }""".formatted(ann));
        assertThat(removed.response().status()).isEqualTo(204);
        assertThat(removed.events()).containsExactly(new GroupMemberRemoved(g, ann));
        assertThat(body(scim.get("/Groups/" + g)).get("members")).isEmpty();
    }

    @Test
    void aFilteredRemoveTakesOutTheSelectedMemberOnly() {
        String g = scim.group("Sales");
        String ann = scim.user("ann");
        String ben = scim.user("ben");
        scim.patch("/Groups/" + g, addMembers(ann, ben));

        Outcome removed = scim.patch("/Groups/" + g, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}""".formatted(ann));

        assertThat(removed.events()).containsExactly(new GroupMemberRemoved(g, ann));
        assertThat(scim.directory.members(g)).containsOnlyKeys(ben);
    }

    @Test
    void aGroupMemberIsASubgroup() {
        String parent = scim.group("All staff");
        String child = scim.group("Sales");
        String ann = scim.user("ann");

        Outcome added = scim.patch("/Groups/" + parent, addMembers(child, ann));
        assertThat(added.events()).containsExactly(new GroupSubgroupAdded(parent, child),
                new GroupMemberAdded(parent, ann));
        assertThat(body(scim.get("/Groups/" + parent)).at("/members/0/type").asText()).isEqualTo("Group");

        Outcome removed = scim.patch("/Groups/" + parent, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"remove","path":"members[type eq \\"Group\\"]"}]}""");
        assertThat(removed.events()).containsExactly(new GroupSubgroupRemoved(parent, child));
    }

    @Test
    void creatingAGroupWithMembersPublishesEachInOrder() {
        String ann = scim.user("ann");
        String ben = scim.user("ben");
        Outcome created = scim.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Test SCIMv2",
                 "members":[{"value":"%s","display":"ben"},{"value":"%s"}]}""".formatted(ben, ann));
        String g = body(created).get("id").asText();
        assertThat(created.events()).containsExactly(new GroupMemberAdded(g, ben), new GroupMemberAdded(g, ann));
    }

    @Test
    void oktasRenameRepeatsTheIdAndChangesOnlyTheName() {
        String g = scim.group("Test SCIMv2");
        String ann = scim.user("ann");
        scim.patch("/Groups/" + g, addMembers(ann));

        Outcome renamed = scim.patch("/Groups/" + g, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"id":"%s","displayName":"Renamed"}}]}""".formatted(g));

        assertThat(renamed.response().status()).isEqualTo(204);
        assertThat(renamed.events()).isEmpty();
        var got = body(scim.get("/Groups/" + g));
        assertThat(got.get("displayName").asText()).isEqualTo("Renamed");
        assertThat(got.get("members")).hasSize(1);
    }

    @Test
    void replacingTheMembersPublishesTheDifference() {
        String g = scim.group("Sales");
        String ann = scim.user("ann");
        String ben = scim.user("ben");
        String cat = scim.user("cat");
        scim.patch("/Groups/" + g, addMembers(ann, ben));

        Outcome replaced = scim.patch("/Groups/" + g, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"members","value":[{"value":"%s"},{"value":"%s"}]}]}"""
                .formatted(ben, cat));

        assertThat(replaced.events()).containsExactly(new GroupMemberRemoved(g, ann), new GroupMemberAdded(g, cat));
    }

    @Test
    void aPutWithoutMembersKeepsThemAndAPutWithMembersSetsThem() {
        String g = scim.group("Sales");
        String ann = scim.user("ann");
        scim.patch("/Groups/" + g, addMembers(ann));

        Outcome renamed = scim.put("/Groups/" + g, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Sales EMEA"}""");
        assertThat(renamed.response().status()).isEqualTo(200);
        assertThat(renamed.events()).isEmpty();
        assertThat(body(renamed).get("members")).hasSize(1);

        Outcome emptied = scim.put("/Groups/" + g, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Sales EMEA","members":[]}""");
        assertThat(emptied.events()).containsExactly(new GroupMemberRemoved(g, ann));
    }

    @Test
    void askingForAttributesMakesAGroupPatchAnswer200WithTheGroup() {
        String g = scim.group("Sales");
        String ann = scim.user("ann");
        Outcome o = scim.patch("/Groups/" + g + "?attributes=members", addMembers(ann));
        assertThat(o.response().status()).isEqualTo(200);
        assertThat(body(o).get("id").asText()).isEqualTo(g);
        assertThat(body(o).at("/members/0/value").asText()).isEqualTo(ann);
        assertThat(body(o).has("displayName")).isFalse();
    }

    @Test
    void deletingAGroupPublishesGroupDeletedAndTakesItOutOfTheGroupsItWasIn() {
        String parent = scim.group("All staff");
        String g = scim.group("Sales");
        String ann = scim.user("ann");
        scim.patch("/Groups/" + g, addMembers(ann));
        scim.patch("/Groups/" + parent, addMembers(g));

        Outcome deleted = scim.delete("/Groups/" + g);

        assertThat(deleted.response().status()).isEqualTo(204);
        assertThat(deleted.events()).containsExactly(new GroupDeleted(g));
        assertThat(scim.directory.members(parent)).isEmpty();
        assertThat(scim.directory.memberOf(ann)).isEmpty();
        assertThat(scim.get("/Groups/" + g).response().status()).isEqualTo(404);
    }

    static String addMembers(String... ids) {
        StringBuilder values = new StringBuilder();
        for (String id : ids) {
            values.append(values.length() == 0 ? "" : ",").append("{\"value\":\"").append(id).append("\"}");
        }
        return """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"members","value":[%s]}]}""".formatted(values);
    }
}
