package io.opsgate.api.crd;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed CRDs (crds/ and the Helm chart's copy) must be exactly what the build generates from
 * the Java model. Run with -Dopsgate.updateCrds=true to rewrite them after changing the model.
 */
class CrdDriftTest {

    @Test
    void committedCrdsMatchTheJavaModel() throws IOException {
        Map<String, String> expected = CrdFiles.expected();
        assertThat(expected).as("crd-generator produced the opsgate CRDs").hasSizeGreaterThanOrEqualTo(6);
        List<Path> targets = new ArrayList<>();
        targets.add(CrdFiles.repoRoot().resolve("crds"));
        Path chart = CrdFiles.repoRoot().resolve("helm/opsgate/crds");
        if (Files.isDirectory(chart.getParent())) {
            targets.add(chart);
        }
        boolean update = Boolean.getBoolean("opsgate.updateCrds");
        List<String> drift = new ArrayList<>();
        for (Path dir : targets) {
            if (update) {
                write(dir, expected);
                continue;
            }
            for (Map.Entry<String, String> e : expected.entrySet()) {
                Path f = dir.resolve(e.getKey());
                if (!Files.exists(f)) {
                    drift.add(f + " is missing");
                } else if (!Files.readString(f).equals(e.getValue())) {
                    drift.add(f + " differs from the model");
                }
            }
            for (String extra : listYaml(dir)) {
                if (!expected.containsKey(extra)) {
                    drift.add(dir.resolve(extra) + " has no model class");
                }
            }
        }
        assertThat(drift).as("CRD drift; regenerate with: mvn -pl api -am verify -Dopsgate.updateCrds=true").isEmpty();
    }

    private static void write(Path dir, Map<String, String> expected) throws IOException {
        Files.createDirectories(dir);
        for (String old : listYaml(dir)) {
            if (!expected.containsKey(old)) {
                Files.delete(dir.resolve(old));
            }
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue());
        }
    }

    private static TreeSet<String> listYaml(Path dir) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).forEach(names::add);
            }
        }
        return names;
    }
}
