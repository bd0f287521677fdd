package io.opsgate.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.opsgate.api.defaults.Defaults;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CRDs' {@code default:} values and {@link Defaults} must agree: the API server applies the
 * schema's defaults before the mutating webhook applies Defaults, and the engine applies Defaults to
 * objects that never met an API server (standalone). Checked on a skeleton of every kind that holds
 * every nested object of the schema (once per value of a top-level {@code type} enum, since some
 * defaults depend on it).
 */
class CrdDefaultsAgreementTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    static Stream<Path> crds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("opsgate.repoRoot", "..")).resolve("crds"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("crds")
    void defaultsAfterTheSchemaChangeOnlyFieldsTheSchemaHasNoDefaultFor(Path crd) throws IOException {
        JsonNode root = YAML.readTree(crd.toFile());
        String kind = root.path("spec").path("names").path("kind").asText();
        JsonNode spec = specSchema(root);
        Map<String, JsonNode> schemaDefaults = new TreeMap<>();
        collectDefaults(spec, "", schemaDefaults);

        for (ObjectNode skeleton : variants(spec)) {
            JsonNode byTheSchema = applySchemaDefaults(skeleton.deepCopy(), spec);
            JsonNode byBoth = DefaultsPatch.defaultedSpec(kind, byTheSchema).orElseThrow(
                    () -> new AssertionError(kind + ": the model cannot read the schema-defaulted spec " + byTheSchema));
            for (Map.Entry<String, JsonNode> d : schemaDefaults.entrySet()) {
                JsonNode before = valueAt(byTheSchema, d.getKey());
                if (before != null) {
                    assertThat(valueAt(byBoth, d.getKey())).as(kind + " " + d.getKey() + " after Defaults").isEqualTo(before);
                }
            }
            ArrayNode ops = DefaultsPatch.forObject(kind, wrap(byTheSchema));
            for (JsonNode op : ops) {
                for (String leaf : leafPaths(op.path("path").asText().substring("/spec".length()), op.get("value"))) {
                    assertThat(schemaDefaults).as(kind + ": Defaults added " + leaf + ", which the schema defaults")
                            .doesNotContainKey(leaf);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("crds")
    void everySchemaDefaultIsTheValueDefaultsGives(Path crd) throws IOException {
        JsonNode root = YAML.readTree(crd.toFile());
        String kind = root.path("spec").path("names").path("kind").asText();
        JsonNode spec = specSchema(root);
        Map<String, JsonNode> schemaDefaults = new TreeMap<>();
        collectDefaults(spec, "", schemaDefaults);
        assertThat(schemaDefaults).as(kind + " has schema defaults").isNotEmpty();

        Map<String, Boolean> given = new TreeMap<>();
        for (ObjectNode skeleton : variants(spec)) {
            JsonNode byDefaults = DefaultsPatch.defaultedSpec(kind, skeleton).orElseThrow();
            for (Map.Entry<String, JsonNode> d : schemaDefaults.entrySet()) {
                JsonNode v = valueAt(byDefaults, d.getKey());
                if (v != null) {
                    assertThat(v).as(kind + " " + d.getKey() + ": Defaults and the CRD schema differ").isEqualTo(d.getValue());
                    given.put(d.getKey(), true);
                }
            }
        }
        assertThat(given.keySet()).as(kind + ": schema defaults that Defaults never applies")
                .containsExactlyInAnyOrderElementsOf(schemaDefaults.keySet());
    }

    private static JsonNode specSchema(JsonNode crd) {
        return crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema").path("properties").path("spec");
    }

    /** Path ("a.b[].c") to default value of every property with a default. */
    private static void collectDefaults(JsonNode schema, String path, Map<String, JsonNode> out) {
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            String child = path.isEmpty() ? p.getKey() : path + "." + p.getKey();
            if (p.getValue().has("default")) {
                out.put(child, p.getValue().get("default"));
            }
            collectDefaults(p.getValue(), child, out);
            if (p.getValue().has("items")) {
                collectDefaults(p.getValue().get("items"), child + "[]", out);
            }
        }
    }

    /** One skeleton per value of a top-level type enum (or one), holding every nested object. */
    private static List<ObjectNode> variants(JsonNode spec) {
        List<ObjectNode> result = new ArrayList<>();
        JsonNode type = spec.path("properties").path("type");
        if (type.has("enum")) {
            for (JsonNode value : type.get("enum")) {
                ObjectNode s = skeleton(spec);
                s.set("type", value);
                result.add(s);
            }
        } else {
            result.add(skeleton(spec));
        }
        return result;
    }

    private static ObjectNode skeleton(JsonNode schema) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            if (p.getValue().has("properties")) {
                o.set(p.getKey(), skeleton(p.getValue()));
            } else if (p.getValue().path("items").has("properties")) {
                o.putArray(p.getKey()).add(skeleton(p.getValue().get("items")));
            }
        }
        return o;
    }

    /** Structural defaulting as the API server does it: a missing field of a present object gets its default. */
    private static JsonNode applySchemaDefaults(JsonNode value, JsonNode schema) {
        if (value instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
                if (!o.has(p.getKey()) && p.getValue().has("default")) {
                    o.set(p.getKey(), p.getValue().get("default").deepCopy());
                }
                if (o.has(p.getKey())) {
                    applySchemaDefaults(o.get(p.getKey()), p.getValue());
                }
            }
        } else if (value instanceof ArrayNode a && schema.has("items")) {
            a.forEach(item -> applySchemaDefaults(item, schema.get("items")));
        }
        return value;
    }

    private static JsonNode valueAt(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            boolean item = part.endsWith("[]");
            n = n.get(item ? part.substring(0, part.length() - 2) : part);
            if (n != null && item) {
                n = n.get(0);
            }
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    /** The dotted paths of every leaf of a value added at a JSON pointer. */
    private static List<String> leafPaths(String pointer, JsonNode value) {
        StringBuilder dotted = new StringBuilder();
        for (String token : pointer.substring(1).split("/")) {
            if (token.matches("\\d+")) {
                dotted.append("[]");
            } else {
                dotted.append(dotted.length() == 0 ? "" : ".").append(token);
            }
        }
        List<String> out = new ArrayList<>();
        leaves(dotted.toString(), value, out);
        return out;
    }

    private static void leaves(String path, JsonNode value, List<String> out) {
        if (value.isObject()) {
            value.properties().forEach(f -> leaves(path + "." + f.getKey(), f.getValue(), out));
        } else if (value.isArray() && value.size() > 0 && value.get(0).isObject()) {
            value.forEach(v -> leaves(path + "[]", v, out));
        } else {
            out.add(path);
        }
    }

    private static JsonNode wrap(JsonNode spec) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("spec", spec);
        return o;
    }
}
