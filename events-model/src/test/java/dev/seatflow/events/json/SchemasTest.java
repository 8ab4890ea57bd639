package dev.seatflow.events.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import dev.seatflow.events.EventType;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemasTest {

    static Stream<String> schemaNames() {
        return Stream.concat(Arrays.stream(EventType.values()).map(EventType::type),
                Stream.of("licensing.user-licenses", "licensing.seats", "licensing.group-status"));
    }

    @ParameterizedTest
    @MethodSource("schemaNames")
    void every_event_type_and_state_value_has_a_valid_draft_2020_12_schema(String name) throws Exception {
        JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        JsonNode schema = Examples.JSON.readTree(Examples.text("schemas/" + name + ".schema.json"));

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(metaSchema.validate(schema)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("schemaNames")
    void every_cloud_event_schema_pins_its_type(String name) throws Exception {
        JsonNode schema = Examples.JSON.readTree(Examples.text("schemas/" + name + ".schema.json"));

        if (EventType.fromType(name).isPresent()) {
            assertThat(schema.at("/properties/type/const").asText()).isEqualTo(name);
            assertThat(schema.at("/required")).extracting(JsonNode::asText)
                    .contains("specversion", "id", "source", "type", "tenantid");
            if (Examples.inputTypes().contains(name)) {
                assertThat(schema.at("/properties/time/pattern").asText()).isEqualTo(EventCodec.TIMESTAMP.pattern());
            }
        } else {
            assertThat(schema.at("/properties/specversion").isMissingNode()).as("a plain value, not a CloudEvent").isTrue();
        }
    }
}
