package io.opsgate.helm;

import com.marcnuri.helm.Helm;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart ships exactly the repository's CRDs. (api's CrdDriftTest checks both against the Java
 * model; this checks the chart against crds/ and that Helm really installs them.)
 */
class CrdCopyTest {

    @Test
    void theChartsCrdsAreTheFilesOfCrds() throws Exception {
        List<Path> repo = Crds.files(Chart.repoRoot().resolve("crds"));
        List<Path> chart = Crds.files(Chart.dir().resolve("crds"));
        assertThat(chart.stream().map(p -> p.getFileName().toString()))
                .containsExactlyElementsOf(repo.stream().map(p -> p.getFileName().toString()).toList());
        for (int i = 0; i < repo.size(); i++) {
            assertThat(Files.mismatch(repo.get(i), chart.get(i))).as(chart.get(i) + " differs from crds/").isEqualTo(-1L);
        }
    }

    @Test
    void helmInstallsEveryCrd() {
        String shown = new Helm(Chart.dir()).show().crds().call();
        for (String kind : Crds.kinds()) {
            assertThat(shown).contains("    kind: " + kind + "\n");
        }
        assertThat(shown.split("(?m)^apiVersion: apiextensions.k8s.io/v1$")).hasSize(Crds.kinds().size() + 1);
    }
}
