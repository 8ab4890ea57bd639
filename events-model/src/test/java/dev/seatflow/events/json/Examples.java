package dev.seatflow.events.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.seatflow.events.EventType;
import dev.seatflow.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The documented examples under {@code examples/} and the shipped schemas under {@code schemas/}. */
final class Examples {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> LOADED = new ConcurrentHashMap<>();

    private Examples() {
    }

    static List<String> inputTypes() {
        return Arrays.stream(EventType.values())
                .filter(t -> t.topic().equals(Topics.DIRECTORY_CHANGES) || t.topic().equals(Topics.LICENSING_CONFIG))
                .map(EventType::type)
                .toList();
    }

    static String text(String resource) {
        try (InputStream in = Examples.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String example(String name) {
        return text("examples/" + name + ".json");
    }

    /** The example of {@code type} with one change applied, as JSON text. */
    static String mutated(String type, Consumer<ObjectNode> change) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(example(type));
            change.accept(event);
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.get("data");
    }

    static JsonSchema schema(String name) {
        return LOADED.computeIfAbsent(name, n -> {
            try (InputStream in = Examples.class.getResourceAsStream("/schemas/" + n + ".schema.json")) {
                if (in == null) {
                    throw new IllegalArgumentException("no schema " + n);
                }
                return SCHEMAS.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** What the schema finds wrong with {@code json}; the text must already be valid JSON. */
    static Set<ValidationMessage> schemaErrors(String schemaName, String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return schema(schemaName).validate(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
