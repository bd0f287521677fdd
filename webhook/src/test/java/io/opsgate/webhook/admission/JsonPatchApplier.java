package io.opsgate.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Applies add and replace operations of a JSON Patch the way the API server does, for tests. */
final class JsonPatchApplier {

    private JsonPatchApplier() {
    }

    static JsonNode apply(JsonNode document, JsonNode patch) {
        JsonNode out = document.deepCopy();
        for (JsonNode op : patch) {
            String kind = op.path("op").asText();
            if (!kind.equals("add") && !kind.equals("replace")) {
                throw new AssertionError("the webhook only adds or replaces, but sent " + op);
            }
            String[] tokens = op.path("path").asText().substring(1).split("/", -1);
            JsonNode parent = out;
            for (int i = 0; i < tokens.length - 1; i++) {
                parent = child(parent, unescape(tokens[i]));
                if (parent == null) {
                    throw new AssertionError("path " + op.path("path") + " has no parent in " + out);
                }
            }
            String last = unescape(tokens[tokens.length - 1]);
            if (parent instanceof ObjectNode o) {
                if (kind.equals("replace") && !o.has(last)) {
                    throw new AssertionError("replace of a missing member: " + op);
                }
                o.set(last, op.get("value"));
            } else if (parent instanceof ArrayNode a) {
                a.set(Integer.parseInt(last), op.get("value"));
            } else {
                throw new AssertionError("cannot apply " + op);
            }
        }
        return out;
    }

    private static JsonNode child(JsonNode node, String token) {
        return node.isArray() ? node.get(Integer.parseInt(token)) : node.get(token);
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
