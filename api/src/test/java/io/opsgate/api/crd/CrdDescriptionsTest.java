package io.opsgate.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every level of every opsgate CRD has the description that {@code kubectl explain} shows: the kind
 * itself, {@code spec}, {@code status}, each of their fields, and each field of a condition; and
 * {@code status.conditions} is a list keyed by {@code type}, as Kubernetes API conventions ask.
 */
class CrdDescriptionsTest {

    @Test
    void everyLevelAndFieldIsDescribed() throws IOException {
        List<String> undescribed = new ArrayList<>();
        for (Path f : crdFiles()) {
            JsonNode schema = schema(f);
            String name = f.getFileName().toString();
            requireDescription(schema, name + " (the kind)", undescribed);
            requireDescription(schema.path("properties").path("spec"), name + " spec", undescribed);
            requireDescription(schema.path("properties").path("status"), name + " status", undescribed);
            walk(schema.path("properties").path("spec").path("properties"), name + " spec", undescribed);
            walk(schema.path("properties").path("status").path("properties"), name + " status", undescribed);
        }
        assertThat(undescribed).isEmpty();
    }

    @Test
    void conditionsAreAListKeyedByTypeWithRequiredKeys() throws IOException {
        for (Path f : crdFiles()) {
            JsonNode conditions = schema(f).path("properties").path("status").path("properties").path("conditions");
            assertThat(conditions.path("x-kubernetes-list-type").asText()).as(f + " list type").isEqualTo("map");
            assertThat(conditions.path("x-kubernetes-list-map-keys").toString()).as(f + " map keys").isEqualTo("[\"type\"]");
            // The API server refuses a map list whose key fields are neither required nor defaulted.
            assertThat(conditions.path("items").path("required").toString()).as(f + " required").contains("\"type\"");
            assertThat(conditions.path("items").path("properties").size()).as(f + " condition fields").isEqualTo(6);
        }
    }

    private static List<Path> crdFiles() throws IOException {
        try (Stream<Path> files = Files.list(CrdFiles.repoRoot().resolve("crds"))) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(list).hasSizeGreaterThanOrEqualTo(7);
            return list;
        }
    }

    private static JsonNode schema(Path f) throws IOException {
        return CrdFiles.parse(f).path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    }

    private static void requireDescription(JsonNode schema, String path, List<String> out) {
        if (schema.path("description").asText("").isBlank()) {
            out.add(path);
        }
    }

    private static void walk(JsonNode properties, String path, List<String> out) {
        properties.fields().forEachRemaining(e -> {
            String p = path + "." + e.getKey();
            JsonNode schema = e.getValue();
            requireDescription(schema, p, out);
            walk(schema.path("properties"), p, out);
            walk(schema.path("items").path("properties"), p + "[]", out);
        });
    }
}
