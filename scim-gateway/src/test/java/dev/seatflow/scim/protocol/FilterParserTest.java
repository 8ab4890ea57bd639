package dev.seatflow.scim.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FilterParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static boolean matches(String filter, String resource) throws Exception {
        JsonNode r = JSON.readTree(resource);
        return FilterEvaluator.matches(FilterParser.parse(filter), r);
    }

    @Test
    void equalityIsCaseInsensitiveForUserNameAndExactForExternalId() throws Exception {
        String user = "{\"userName\":\"Ann@Contoso.com\",\"externalId\":\"Ann-1\"}";
        assertThat(matches("userName eq \"ann@contoso.com\"", user)).isTrue();
        assertThat(matches("userName EQ \"ann@contoso.com\"", user)).isTrue();
        assertThat(matches("externalId eq \"ann-1\"", user)).isFalse();
        assertThat(matches("externalId eq \"Ann-1\"", user)).isTrue();
    }

    @Test
    void andBindsTighterThanOrAndNotAndParenthesesGroup() throws Exception {
        String user = "{\"userName\":\"a\",\"title\":\"x\",\"active\":true}";
        assertThat(matches("userName eq \"b\" and title eq \"x\" or active eq true", user)).isTrue();
        assertThat(matches("userName eq \"b\" and (title eq \"x\" or active eq true)", user)).isFalse();
        assertThat(matches("not (userName eq \"b\")", user)).isTrue();
        assertThat(matches("title pr and nickName pr", user)).isFalse();
    }

    @Test
    void valueFiltersSelectValuesOfMultiValuedAttributes() throws Exception {
        String user = "{\"emails\":[{\"type\":\"home\",\"value\":\"a@home\"},{\"type\":\"work\",\"value\":\"a@work\"}]}";
        assertThat(matches("emails[type eq \"work\" and value co \"@work\"]", user)).isTrue();
        assertThat(matches("emails.value eq \"a@home\"", user)).isTrue();
        // Microsoft's form: a value path followed by a sub-attribute and a comparison.
        assertThat(matches("emails[type eq \"work\"].value eq \"a@work\"", user)).isTrue();
        assertThat(matches("emails[type eq \"work\"].value eq \"a@home\"", user)).isFalse();
    }

    @Test
    void extensionAttributesAreReachedThroughTheirUrn() throws Exception {
        String user = "{\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":{\"employeeNumber\":\"42\"}}";
        assertThat(matches("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"42\"", user))
                .isTrue();
    }

    @Test
    void aBareWordIsAStringAsMicrosoftsSampleSendsIt() throws Exception {
        assertThat(matches("externalId eq jyoung", "{\"externalId\":\"jyoung\"}")).isTrue();
    }

    @Test
    void comparisonsOfStringsOrderThemAndMetaTimestampsCompare() throws Exception {
        String r = "{\"meta\":{\"lastModified\":\"2026-11-23T10:00:00Z\"}}";
        assertThat(matches("meta.lastModified gt \"2026-11-01T00:00:00Z\"", r)).isTrue();
        assertThat(matches("meta.lastModified lt \"2026-11-01T00:00:00Z\"", r)).isFalse();
    }

    @Test
    void invalidFiltersAreRefusedSayingWhere() {
        assertThatThrownBy(() -> FilterParser.parse("userName zz \"a\""))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.scimType()).isEqualTo("invalidFilter");
                    assertThat(e.detail()).contains("unknown operator 'zz'");
                });
        assertThatThrownBy(() -> FilterParser.parse("userName eq")).hasMessageContaining("expected a value");
        assertThatThrownBy(() -> FilterParser.parse("userName eq \"a")).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> FilterParser.parse("(userName eq \"a\"")).hasMessageContaining("missing ')'");
        assertThatThrownBy(() -> FilterParser.parse("userName eq \"a\" junk")).hasMessageContaining("unexpected");
        assertThatThrownBy(() -> FilterParser.parse(" ")).hasMessageContaining("empty");
    }

    @Test
    void patchPathsCarryAFilterAndASubAttribute() {
        PatchPath p = FilterParser.parsePath("emails[type eq \"work\"].value");
        assertThat(p.attribute()).isEqualTo(AttributePath.of("emails"));
        assertThat(p.subAttribute()).isEqualTo("value");
        assertThat(p.valueFilter()).isInstanceOf(Filter.Compare.class);
        PatchPath ext = FilterParser.parsePath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager");
        assertThat(ext.attribute().schema()).isEqualTo(Schemas.ENTERPRISE_USER);
        assertThat(ext.attribute().attribute()).isEqualTo("manager");
        assertThatThrownBy(() -> FilterParser.parsePath("urn:example:nope:attr"))
                .hasMessageContaining("unknown schema");
        assertThatThrownBy(() -> FilterParser.parsePath("members[value eq \"1\""))
                .hasMessageContaining("missing ']'");
    }
}
