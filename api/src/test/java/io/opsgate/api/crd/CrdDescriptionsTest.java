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

/** Every field of every opsgate CRD has the description that {@code kubectl explain} shows. */
class CrdDescriptionsTest {

    @Test
    void everySpecAndStatusFieldIsDescribed() throws IOException {
        List<String> undescribed = new ArrayList<>();
        try (Stream<Path> files = Files.list(CrdFiles.repoRoot().resolve("crds"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                JsonNode root = CrdFiles.parse(f).path("spec").path("versions").get(0)
                        .path("schema").path("openAPIV3Schema").path("properties");
                walk(root.path("spec").path("properties"), f.getFileName() + " spec", undescribed);
                walk(root.path("status").path("properties"), f.getFileName() + " status", undescribed);
            }
        }
        assertThat(undescribed).isEmpty();
    }

    private static void walk(JsonNode properties, String path, List<String> out) {
        properties.fields().forEachRemaining(e -> {
            String p = path + "." + e.getKey();
            JsonNode schema = e.getValue();
            // Kubernetes' own Condition type comes undocumented from the fabric8 model; it is standard.
            if (p.endsWith("status.conditions")) {
                if (!schema.hasNonNull("description")) {
                    out.add(p);
                }
                return;
            }
            if (!schema.hasNonNull("description")) {
                out.add(p);
            }
            walk(schema.path("properties"), p, out);
            walk(schema.path("items").path("properties"), p + "[]", out);
        });
    }
}
