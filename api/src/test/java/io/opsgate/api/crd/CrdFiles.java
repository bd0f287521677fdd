package io.opsgate.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
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
}
