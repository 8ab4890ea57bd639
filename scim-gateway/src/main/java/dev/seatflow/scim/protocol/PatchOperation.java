package dev.seatflow.scim.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One operation of a PATCH request (RFC 7644 section 3.5.2). {@link #parse} reads a whole PatchOp message,
 * accepting {@code op} in any case (Microsoft sends "Add", "Replace", "Remove").
 */
public record PatchOperation(Op op, PatchPath path, JsonNode value) {

    public enum Op {
        ADD, REPLACE, REMOVE
    }

    public static List<PatchOperation> parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("a PATCH request is a JSON object with \"schemas\" and \"Operations\"");
        }
        JsonNode schemas = Attributes.get(body, "schemas");
        if (schemas != null) {
            boolean patchOp = false;
            for (JsonNode s : schemas.isArray() ? schemas : List.of(schemas)) {
                if (!s.isTextual() || !s.asText().equalsIgnoreCase(Schemas.PATCH_OP)) {
                    throw ScimException.invalidValue("unknown schema " + s + " in a PATCH request: its schemas are ["
                            + "\"" + Schemas.PATCH_OP + "\"]");
                }
                patchOp = true;
            }
            if (!patchOp) {
                throw ScimException.invalidValue("a PATCH request's schemas must be [\"" + Schemas.PATCH_OP + "\"]");
            }
        }
        JsonNode ops = Attributes.get(body, "Operations");
        if (ops == null || !ops.isArray() || ops.isEmpty()) {
            throw ScimException.invalidSyntax("a PATCH request needs a non-empty \"Operations\" array");
        }
        List<PatchOperation> out = new ArrayList<>();
        int i = 0;
        for (JsonNode o : ops) {
            String where = "Operations[" + i++ + "]";
            if (!o.isObject()) {
                throw ScimException.invalidSyntax(where + " must be an object with \"op\", \"path\" and \"value\"");
            }
            String opText = Attributes.text(o, "op");
            Op op;
            try {
                op = opText == null ? null : Op.valueOf(opText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                op = null;
            }
            if (op == null) {
                throw ScimException.invalidSyntax(where + ".op must be add, replace or remove, was "
                        + (o.get("op") == null ? "missing" : o.get("op")));
            }
            JsonNode pathNode = Attributes.get(o, "path");
            if (pathNode != null && !pathNode.isTextual()) {
                throw ScimException.invalidPath(where + ".path must be a string");
            }
            PatchPath path = pathNode == null || pathNode.asText().isBlank() ? null : PatchPath.parse(pathNode.asText());
            JsonNode value = Attributes.get(o, "value");
            if (op != Op.REMOVE && value == null) {
                throw ScimException.invalidValue(where + " (" + opText + ") needs a \"value\"");
            }
            if (op == Op.REMOVE && path == null) {
                throw ScimException.noTarget(where + ": remove needs a \"path\"");
            }
            if (path == null && !value.isObject()) {
                throw ScimException.invalidValue(where + ": without a \"path\", the value must be an object of "
                        + "attributes, was " + value);
            }
            out.add(new PatchOperation(op, path, value));
        }
        return out;
    }
}
