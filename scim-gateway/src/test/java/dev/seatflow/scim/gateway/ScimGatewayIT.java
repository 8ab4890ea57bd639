package dev.seatflow.scim.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Address;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.DirectoryEvent.GroupMemberAdded;
import dev.seatflow.events.DirectoryEvent.GroupMemberRemoved;
import dev.seatflow.events.DirectoryEvent.GroupSubgroupAdded;
import dev.seatflow.events.DirectoryEvent.UserUpserted;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.UserType;
import dev.seatflow.testkit.KafkaCluster;
import dev.seatflow.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The running gateway on a real broker, driven by UnboundID's SCIM 2 SDK (a client written by others) and by
 * the exact requests identity providers send; checked by its answers and by what a read_committed consumer of
 * {@code directory.changes} sees. One gateway serves the whole class.
 */
@WithKafka
class ScimGatewayIT {
    private static final String CONTOSO = "contoso-token-4f1c2a";
    private static final String FABRIKAM = "fabrikam-token-9b7e11";
    private static final String TAILSPIN = "tailspin-token-0c55d2";
    private static GatewayHarness harness;
    /** Everything the gateway logs while this class runs, DEBUG included: no token may appear in it. */
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @BeforeAll
    static void startGateway(KafkaCluster kafka) throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        LOG.start();
        logging.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(LOG);
        logging.getLogger("dev.seatflow").setLevel(Level.DEBUG);
        harness = new GatewayHarness(kafka, "scim-it",
                Map.of("contoso", CONTOSO, "fabrikam", FABRIKAM, "tailspin", TAILSPIN)).start();
    }

    @AfterAll
    static void stopGatewayAndCheckTheLogsHoldNoToken() throws Exception {
        harness.close();
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        logging.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(LOG);
        logging.getLogger("dev.seatflow").setLevel(null);
        List<String> lines = LOG.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
        assertThat(lines).as("the gateway logged per request").anyMatch(l -> l.contains("tenant=contoso"));
        for (String token : List.of(CONTOSO, FABRIKAM, TAILSPIN, "not-a-token")) {
            assertThat(lines).as("tokens are never logged").noneMatch(l -> l.contains(token));
        }
    }

    @Test
    void aUserCreatedWithAScimClientIsPublishedAsACloudEventOfItsTenantAndIsFoundAgain() throws Exception {
        ScimService scim = harness.client(CONTOSO);
        UserResource ann = new UserResource().setUserName("ann@contoso.com").setUserType("Guest")
                .setName(new Name().setGivenName("Ann").setFamilyName("Lee"))
                .setEmails(List.of(new Email().setType("work").setValue("ann@contoso.com").setPrimary(true)))
                .setAddresses(List.of(new Address().setType("work").setCountry("SE")));

        UserResource created = scim.create("Users", ann);

        assertThat(created.getId()).isNotBlank();
        assertThat(created.getMeta().getLocation().toString()).isEqualTo(harness.gateway.localUrl() + "/Users/"
                + created.getId());
        assertThat(scim.retrieve("Users", created.getId(), UserResource.class).getName().getFamilyName())
                .isEqualTo("Lee");
        ListResponse<UserResource> found = scim.searchRequest("Users")
                .filter("userName eq \"ANN@contoso.com\"").invoke(UserResource.class);
        assertThat(found.getTotalResults()).isEqualTo(1);
        assertThat(found.getResources().get(0).getId()).isEqualTo(created.getId());

        ConsumerRecord<byte[], byte[]> record = harness.awaitRecords(e -> e.data() instanceof UserUpserted u
                && u.userId().equals(created.getId()), 1).get(0);
        InboundEvent event = GatewayHarness.decode(record);
        assertThat(event.data()).isEqualTo(new UserUpserted(created.getId(), "SE", UserType.Guest));
        assertThat(event.tenantId()).isEqualTo("contoso");
        assertThat(event.envelope().source()).isEqualTo("/scim/contoso");
        assertThat(event.envelope().time()).isNotNull();
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("contoso");
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json");
    }

    @Test
    void membersAddedAndRemovedWithAScimClientArePublishedInOrder() throws Exception {
        ScimService scim = harness.client(CONTOSO);
        String ben = scim.create("Users", new UserResource().setUserName("ben@contoso.com")).getId();
        String cat = scim.create("Users", new UserResource().setUserName("cat@contoso.com")).getId();
        String design = scim.create("Groups", new GroupResource().setDisplayName("Design")).getId();
        GroupResource sales = scim.create("Groups", new GroupResource().setDisplayName("Sales")
                .setMembers(List.of(new Member().setValue(ben))));

        scim.modifyRequest("Groups", sales.getId())
                .addValues("members", new Member().setValue(cat), new Member().setValue(design))
                .invoke(GroupResource.class);
        scim.modifyRequest("Groups", sales.getId()).removeValues("members[value eq \"" + ben + "\"]")
                .invoke(GroupResource.class);

        GroupResource now = scim.retrieve("Groups", sales.getId(), GroupResource.class);
        assertThat(now.getMembers()).extracting(Member::getValue).containsExactly(cat, design);
        assertThat(now.getMembers()).extracting(Member::getType).containsExactly("User", "Group");
        List<DirectoryEvent> events = harness.awaitEvents(e -> involves(e.data(), sales.getId()), 4).stream()
                .map(e -> (DirectoryEvent) e.data()).toList();
        assertThat(events).containsExactly(new GroupMemberAdded(sales.getId(), ben),
                new GroupMemberAdded(sales.getId(), cat), new GroupSubgroupAdded(sales.getId(), design),
                new GroupMemberRemoved(sales.getId(), ben));
        ListResponse<GroupResource> byName = scim.searchRequest("Groups").filter("displayName eq \"Sales\"")
                .excludedAttributes("members").invoke(GroupResource.class);
        assertThat(byName.getResources()).extracting(GroupResource::getId).containsExactly(sales.getId());
        assertThat(byName.getResources().get(0).getMembers()).isNull();
    }

    @Test
    void theClientPagesThroughUsersAndReadsTheDiscoveryDocuments() throws Exception {
        ScimService scim = harness.client(FABRIKAM);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            ids.add(scim.create("Users", new UserResource().setUserName("pager" + i + "@fabrikam.com")).getId());
        }
        Set<String> seen = new HashSet<>();
        for (int start = 1; start <= 5; start += 2) {
            ListResponse<UserResource> page = scim.searchRequest("Users").filter("userName sw \"pager\"")
                    .page(start, 2).invoke(UserResource.class);
            assertThat(page.getTotalResults()).isEqualTo(5);
            page.getResources().forEach(u -> seen.add(u.getId()));
        }
        assertThat(seen).isEqualTo(ids);

        assertThat(scim.getServiceProviderConfig().getPatch().isSupported()).isTrue();
        assertThat(scim.getResourceTypes().getResources()).extracting(r -> r.getEndpoint().toString())
                .containsExactly("/Users", "/Groups");
        assertThat(scim.getSchemas().getTotalResults()).isEqualTo(4);
        assertThat(scim.getSchema("urn:ietf:params:scim:schemas:extension:seatflow:2.0:User").getAttributes())
                .extracting(a -> a.getName()).containsExactly("usageLocation");
    }

    @Test
    void aTokenOfOneTenantNeitherReadsNorChangesAnotherTenantsResources() throws Exception {
        ScimService contoso = harness.client(CONTOSO);
        ScimService fabrikam = harness.client(FABRIKAM);
        String secret = contoso.create("Users", new UserResource().setUserName("secret@contoso.com")).getId();
        String group = contoso.create("Groups", new GroupResource().setDisplayName("Contoso only")).getId();
        String theirGroup = fabrikam.create("Groups", new GroupResource().setDisplayName("Fabrikam")).getId();

        assertThatThrownBy(() -> fabrikam.retrieve("Users", secret, UserResource.class))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(fabrikam.searchRequest("Users").filter("userName eq \"secret@contoso.com\"")
                .invoke(UserResource.class).getTotalResults()).isZero();
        assertThat(fabrikam.searchRequest("Users").invoke(UserResource.class).getResources())
                .extracting(UserResource::getId).doesNotContain(secret);
        assertThatThrownBy(() -> fabrikam.modifyRequest("Users", secret).replaceValue("active", false)
                .invoke(UserResource.class))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> fabrikam.delete("Groups", group)).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> fabrikam.modifyRequest("Groups", theirGroup)
                .addValues("members", new Member().setValue(secret)).invoke(GroupResource.class))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("does not exist");
        // The same userName is free in another tenant.
        assertThat(fabrikam.create("Users", new UserResource().setUserName("secret@contoso.com")).getId())
                .isNotEqualTo(secret);

        assertThat(contoso.retrieve("Users", secret, UserResource.class).getActive()).isNull();
        assertThat(contoso.retrieve("Groups", group, GroupResource.class).getDisplayName()).isEqualTo("Contoso only");
    }

    @Test
    void noTokenOrAWrongTokenIs401WithAScimErrorWhileDiscoveryNeedsNone() throws Exception {
        var none = harness.send(null, "GET", "/Users", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body().get("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(none.body().get("status").asText()).isEqualTo("401");
        assertThat(none.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer"));
        assertThat(harness.send("not-a-token", "GET", "/Groups", null).status()).isEqualTo(401);
        assertThat(harness.send(CONTOSO + "x", "POST", "/Users", "{}").status()).isEqualTo(401);
        var config = harness.send(null, "GET", "/ServiceProviderConfig", null);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.raw().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/scim+json"));
    }

    @Test
    void badInputIsA400NamingTheProblemAndPublishesNothing() throws Exception {
        String group = harness.send(TAILSPIN, "POST", "/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Tailspin"}""").body()
                .get("id").asText();
        record Bad(String method, String path, String body, String scimType, String detail) {
        }
        List<Bad> bad = List.of(
                new Bad("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",",
                        "invalidSyntax", "not valid JSON"),
                new Bad("POST", "/Users", "{\"schemas\":[\"urn:example:User\"],\"userName\":\"x\"}",
                        "invalidValue", "unknown schema"),
                new Bad("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}",
                        "invalidValue", "userName is required"),
                new Bad("PATCH", "/Groups/" + group, """
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations":[{"op":"add","path":"members","value":[{"value":"ghost"}]}]}""",
                        "invalidValue", "member ghost does not exist"),
                new Bad("GET", "/Users?filter=userName eq", null, "invalidFilter", "expected a value"));
        for (Bad b : bad) {
            var r = harness.send(TAILSPIN, b.method(), b.path(), b.body());
            assertThat(r.status()).as(b.toString()).isEqualTo(400);
            assertThat(r.body().get("scimType").asText()).as(b.toString()).isEqualTo(b.scimType());
            assertThat(r.body().get("detail").asText()).as(b.toString()).contains(b.detail());
            assertThat(r.body().get("status").asText()).isEqualTo("400");
        }

        String marker = harness.send(TAILSPIN, "POST", "/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"marker"}""").body()
                .get("id").asText();
        assertThat(harness.eventsOfTenantUpTo("tailspin", e -> e.data() instanceof UserUpserted u
                && u.userId().equals(marker))).extracting(InboundEvent::data)
                .containsExactly(new UserUpserted(marker, null, UserType.Member));
    }

    @Test
    void entrasProvisioningCycleIsAnsweredAsMicrosoftDocumentsIt() throws Exception {
        var testConnection = harness.send(FABRIKAM, "GET",
                "/Users?filter=userName eq \"0fe1a2b3-9c8d-4e7f-a6b5-c4d3e2f1a0b9\"", null);
        assertThat(testConnection.status()).isEqualTo(200);
        assertThat(testConnection.body().get("totalResults").asInt()).isZero();
        assertThat(testConnection.body().get("Resources")).isEmpty();

        var created = harness.send(FABRIKAM, "POST", "/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"Test_User_entra@testuser.com","active":true,
                 "emails":[{"primary":true,"type":"work","value":"Test_User_entra@testuser.com"}],
                 "meta":{"resourceType":"User"},"name":{"formatted":"givenName familyName","familyName":"familyName",
                 "givenName":"givenName"},"roles":[]}""");
        assertThat(created.status()).isEqualTo(201);
        String user = created.body().get("id").asText();
        assertThat(created.raw().headers().firstValue("Location")).hasValue(harness.gateway.localUrl() + "/Users/" + user);
        var byName = harness.send(FABRIKAM, "GET", "/Users?filter=userName eq \"Test_User_entra@testuser.com\"", null);
        assertThat(byName.body().at("/Resources/0/id").asText()).isEqualTo(user);

        var group = harness.send(FABRIKAM, "POST", "/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                 "externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"Entra cycle","meta":{"resourceType":"Group"}}""");
        assertThat(group.status()).isEqualTo(201);
        String g = group.body().get("id").asText();
        var found = harness.send(FABRIKAM, "GET", "/Groups?excludedAttributes=members&filter=displayName eq \"Entra cycle\"",
                null);
        assertThat(found.body().at("/Resources/0/id").asText()).isEqualTo(g);
        assertThat(found.body().at("/Resources/0").has("members")).isFalse();

        var added = harness.send(FABRIKAM, "PATCH", "/Groups/" + g, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Add","path":"members","value":[{"$ref":null,"value":"%s"}]}]}""".formatted(user));
        assertThat(added.status()).isEqualTo(204);
        assertThat(added.body()).isNull();
        var disabled = harness.send(FABRIKAM, "PATCH", "/Users/" + user, """
                {"Operations":[{"op":"Replace","path":"active","value":"False"}],
                 "schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}""");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.body().get("active").asBoolean()).isFalse();
        var removed = harness.send(FABRIKAM, "PATCH", "/Groups/" + g, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Remove","path":"members","value":[{"$ref":null,"value":"%s"}]}]}""".formatted(user));
        assertThat(removed.status()).isEqualTo(204);
        assertThat(harness.send(FABRIKAM, "DELETE", "/Users/" + user, null).status()).isEqualTo(204);
        assertThat(harness.send(FABRIKAM, "DELETE", "/Groups/" + g, null).status()).isEqualTo(204);
        var gone = harness.send(FABRIKAM, "GET", "/Users/" + user, null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body().get("status").asText()).isEqualTo("404");

        assertThat(harness.awaitEvents(e -> mentions(e, user, g), 5)).extracting(InboundEvent::data).containsExactly(
                new UserUpserted(user, null, UserType.Member), new GroupMemberAdded(g, user),
                new GroupMemberRemoved(g, user), new DirectoryEvent.UserDeleted(user), new DirectoryEvent.GroupDeleted(g));
    }

    private static boolean mentions(InboundEvent e, String user, String group) {
        Object d = e.data();
        return (d instanceof UserUpserted u && u.userId().equals(user)) || involves(d, group)
                || (d instanceof DirectoryEvent.UserDeleted x && x.userId().equals(user))
                || (d instanceof DirectoryEvent.GroupDeleted x && x.groupId().equals(group));
    }

    private static boolean involves(Object data, String groupId) {
        return (data instanceof GroupMemberAdded a && a.groupId().equals(groupId))
                || (data instanceof GroupMemberRemoved r && r.groupId().equals(groupId))
                || (data instanceof GroupSubgroupAdded s && s.groupId().equals(groupId));
    }
}
