package io.opsgate.api.crd;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.opsgate.api.common.ConditionSchema;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The committed CRDs: what crd-generator writes, with the printer columns put in the order kubectl
 * users expect (Ready first, Age last; the generator sorts them by JSON path), written as plain YAML.
 */
public final class CrdFiles {

    static final String HEADER = "# Generated from the Java model in api/ by crd-generator. Do not edit.\n"
            + "# Regenerate with: mvn -pl api -am verify -Dopsgate.updateCrds=true\n";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES));

    /** The order of the key columns of kinds where the order of their JSON paths would mislead. */
    private static final Map<String, List<String>> MIDDLE_ORDER = Map.of(
            "OnCallSchedule", List.of("On-Call", "Until", "Next"),
            "OperationsSuspension", List.of("Phase", "Window-Start", "Window-End", "Requested-By"));

    private CrdFiles() {
    }

    public static Path repoRoot() {
        return Path.of(System.getProperty("opsgate.repoRoot", "..")).toAbsolutePath().normalize();
    }

    public static Path generatedDir() {
        return Path.of(System.getProperty("opsgate.generatedCrds", "target/classes/META-INF/fabric8"));
    }

    /** File name -> content of every CRD as it must be committed. */
    public static Map<String, String> expected() throws IOException {
        Map<String, String> result = new TreeMap<>();
        try (Stream<Path> files = Files.list(generatedDir())) {
            for (Path f : files.filter(p -> p.toString().endsWith("-v1.yml")).sorted().toList()) {
                ObjectNode crd = (ObjectNode) YAML.readTree(f.toFile());
                String name = crd.path("metadata").path("name").asText();
                result.put(name + ".yaml", HEADER + YAML.writeValueAsString(normalise(crd)));
            }
        }
        return result;
    }

    /** Parses a committed CRD file. */
    public static JsonNode parse(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    static ObjectNode normalise(ObjectNode crd) {
        for (JsonNode version : crd.path("spec").path("versions")) {
            describe(crd.path("spec").path("names").path("kind").asText(),
                    (ObjectNode) version.path("schema").path("openAPIV3Schema"));
            JsonNode cols = version.path("additionalPrinterColumns");
            if (cols.isArray()) {
                List<JsonNode> ready = new ArrayList<>();
                List<JsonNode> middle = new ArrayList<>();
                List<JsonNode> message = new ArrayList<>();
                List<JsonNode> age = new ArrayList<>();
                for (JsonNode c : cols) {
                    switch (c.path("name").asText()) {
                        case "Ready" -> ready.add(c);
                        case "Message" -> message.add(c);
                        case "Age" -> age.add(c);
                        default -> middle.add(c);
                    }
                }
                // Key fields keep the order of their jsonPath, which the generator gives; OpsJobRun's
                // Job/Phase read best before Ready, so a column whose path is under .spec comes first there.
                // Kinds whose path order reads wrong (Next before On-Call) name their order here.
                List<String> order = MIDDLE_ORDER.get(crd.path("spec").path("names").path("kind").asText());
                if (order != null) {
                    middle.sort(java.util.Comparator.comparingInt(c -> order.indexOf(c.path("name").asText())));
                }
                ArrayNode ordered = ((ObjectNode) version).putArray("additionalPrinterColumns");
                if (crd.path("spec").path("names").path("kind").asText().equals("OpsJobRun")) {
                    middle.forEach(ordered::add);
                    ready.forEach(ordered::add);
                } else {
                    ready.forEach(ordered::add);
                    middle.forEach(ordered::add);
                }
                message.forEach(ordered::add);
                age.forEach(ordered::add);
            }
        }
        return crd;
    }

    /**
     * What the generator leaves out: the descriptions of the kind, its spec and its status (from the model's
     * {@code @JsonClassDescription}), and the conditions' field descriptions and list keys
     * ({@link ConditionSchema}), so {@code kubectl explain} has something to say at every level.
     */
    private static void describe(String kind, ObjectNode schema) {
        Class<?> type = modelClass(kind);
        Type[] specAndStatus = ((ParameterizedType) type.getGenericSuperclass()).getActualTypeArguments();
        ObjectNode properties = (ObjectNode) schema.path("properties");
        ObjectNode described = schema.objectNode();
        described.put("description", classDescription(type));
        described.setAll(schema);
        schema.removeAll();
        schema.setAll(described);
        putFirst((ObjectNode) properties.path("spec"), "description", classDescription((Class<?>) specAndStatus[0]));
        putFirst((ObjectNode) properties.path("status"), "description", classDescription((Class<?>) specAndStatus[1]));
        JsonNode conditions = properties.path("status").path("properties").path("conditions");
        if (conditions instanceof ObjectNode list) {
            list.put("x-kubernetes-list-type", "map");
            list.putArray("x-kubernetes-list-map-keys").add(ConditionSchema.KEY);
            ObjectNode item = (ObjectNode) list.path("items");
            ArrayNode required = item.putArray("required");
            ConditionSchema.REQUIRED.forEach(required::add);
            item.path("properties").fields().forEachRemaining(e ->
                    putFirst((ObjectNode) e.getValue(), "description", ConditionSchema.FIELDS.get(e.getKey())));
        }
    }

    private static Class<?> modelClass(String kind) {
        try {
            return Class.forName("io.opsgate.api.v1alpha1." + kind);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no model class for CRD kind " + kind, e);
        }
    }

    private static String classDescription(Class<?> type) {
        JsonClassDescription d = type.getAnnotation(JsonClassDescription.class);
        if (d == null) {
            throw new IllegalStateException(type.getName() + " has no @JsonClassDescription for kubectl explain");
        }
        return d.value();
    }

    /** Sets a field as the object's first, where the generator puts descriptions. */
    private static void putFirst(ObjectNode node, String field, String value) {
        if (value == null) {
            return;
        }
        ObjectNode copy = node.objectNode();
        copy.put(field, value);
        node.remove(field);
        copy.setAll(node);
        node.removeAll();
        node.setAll(copy);
    }
}
