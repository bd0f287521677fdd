package io.opsgate.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Supply chain (ISO/IEC 27017 12.6.1, 15.1.3): every deployable built in this reactor has a CycloneDX
 * SBOM beside its jar that lists its key components. The helm module builds after them (it depends on
 * the operator), so the operator's is always checked; the engine's and the webhook's whenever their
 * jars were built in the same run.
 */
class SbomTest {

    /** Module, its jar in target/, and components its SBOM must list. */
    private record Deployable(String module, String jar, List<String> components) {
    }

    private static final List<Deployable> DEPLOYABLES = List.of(
            new Deployable("operator", "opsgate-operator.jar", List.of("operator-framework-core", "bcpkix-jdk18on", "opsgate-api")),
            new Deployable("engine", "opsgate-engine.jar", List.of("vertx-core", "rocksdbjni", "opsgate-api")),
            new Deployable("webhook", "opsgate-webhook.jar", List.of("vertx-web", "opsgate-api")));

    @Test
    void everyBuiltDeployableHasACycloneDxSbomListingItsKeyComponents() throws Exception {
        assumeFalse("offline=true".equals(System.getProperty("opsgate.mavenMode")),
                "cyclonedx-maven-plugin's makeBom needs Maven online; this build ran offline (-o), so it made no SBOM");
        List<String> checked = new ArrayList<>();
        for (Deployable d : DEPLOYABLES) {
            Path target = Chart.repoRoot().resolve(d.module()).resolve("target");
            if (!d.module().equals("operator") && !Files.exists(target.resolve(d.jar()))) {
                continue;
            }
            Path bom = target.resolve("bom.json");
            assertThat(bom).as("SBOM of " + d.module()).exists();
            JsonNode json = JsonMapper.builder().build().readTree(bom.toFile());
            assertThat(json.path("bomFormat").asText()).isEqualTo("CycloneDX");
            assertThat(json.path("metadata").path("component").path("name").asText()).isEqualTo("opsgate-" + d.module());
            List<String> names = new ArrayList<>();
            json.path("components").forEach(c -> names.add(c.path("name").asText()));
            assertThat(names).as("components of " + d.module()).containsAll(d.components());
            assertThat(json.path("components")).allSatisfy(c -> assertThat(c.path("purl").asText()).startsWith("pkg:maven/"));
            checked.add(d.module());
        }
        assertThat(checked).contains("operator");
    }
}
