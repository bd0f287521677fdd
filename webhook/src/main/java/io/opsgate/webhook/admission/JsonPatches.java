package io.opsgate.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/** RFC 6902 JSON Patch operations that fill in what a document lacks, and nothing else. */
final class JsonPatches {

    private JsonPatches() {
    }

    /**
     * Appends to {@code ops} an operation for every field of {@code target} that {@code original}
     * lacks (absent, null, or an empty list where the target has entries, which the defaults treat
     * as unset). Fields present in both are compared deeper; values that differ are left as written.
     * Empty lists and objects are never added: they come from the model's initialisers, not defaults.
     */
    static void addMissing(JsonNode original, JsonNode target, String pointer, ArrayNode ops) {
        if (original.isObject() && target.isObject()) {
            for (Map.Entry<String, JsonNode> field : target.properties()) {
                String path = pointer + "/" + escape(field.getKey());
                JsonNode have = original.get(field.getKey());
                JsonNode want = pruned(field.getValue());
                if (want == null) {
                    continue;
                }
                if (have == null) {
                    ops.add(op("add", path, want));
                } else if (have.isNull() || (have.isArray() && have.isEmpty() && want.isArray())) {
                    ops.add(op("replace", path, want));
                } else {
                    addMissing(have, field.getValue(), path, ops);
                }
            }
        } else if (original.isArray() && target.isArray() && original.size() == target.size()) {
            for (int i = 0; i < original.size(); i++) {
                addMissing(original.get(i), target.get(i), pointer + "/" + i, ops);
            }
        }
    }

    /** The value without empty lists and objects at any depth; null when nothing is left or it is null. */
    static JsonNode pruned(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            value.properties().forEach(f -> {
                JsonNode v = pruned(f.getValue());
                if (v != null) {
                    out.set(f.getKey(), v);
                }
            });
            return out.isEmpty() ? null : out;
        }
        if (value.isArray()) {
            if (value.isEmpty()) {
                return null;
            }
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            // Entries keep their positions: an entry emptied by pruning stays as it was.
            value.forEach(v -> {
                JsonNode p = pruned(v);
                out.add(p == null ? v : p);
            });
            return out;
        }
        return value;
    }

    private static ObjectNode op(String op, String path, JsonNode value) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("op", op);
        o.put("path", path);
        o.set("value", value);
        return o;
    }

    /** RFC 6901: "~" becomes "~0" and "/" becomes "~1". */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
