package io.opsgate.testing.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LayerOrderTest {

    static final String FIXTURE = "io.opsgate.testing.arch.fixture";
    final JavaClasses classes = new ClassFileImporter().importPackages(FIXTURE);

    @Test
    void usingOnlyFloorsBelowPasses() {
        LayerOrder order = LayerOrder.of(FIXTURE).floor("beside").floor("top").floor("bottom");
        assertThat(order.layerRule().evaluate(classes).hasViolation()).isFalse();
        assertThat(order.cycleRule().evaluate(classes).hasViolation()).isFalse();
    }

    @Test
    void anUpwardDependencyFailsAndNamesTheClasses() {
        LayerOrder order = LayerOrder.of(FIXTURE).floor("top").floor("beside").floor("bottom");
        EvaluationResult result = order.layerRule().evaluate(classes);
        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains(FIXTURE + ".beside.UpwardImport").contains(FIXTURE + ".top.Top");
        assertThatThrownBy(() -> order.layerRule().check(classes)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("UpwardImport");
    }

    @Test
    void packagesOnOneFloorMayNotUseEachOther() {
        LayerOrder order = LayerOrder.of(FIXTURE).floor("top", "beside").floor("bottom");
        assertThat(order.layerRule().evaluate(classes).hasViolation()).isTrue();
    }

    @Test
    void aPackageLeftOutOfTheOrderFails() {
        LayerOrder order = LayerOrder.of(FIXTURE).floor("top").floor("bottom");
        EvaluationResult result = order.layerRule().evaluate(classes);
        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails())).contains("UpwardImport");
    }

    @Test
    void twoPackagesUsingEachOtherAreACycle() {
        String cyclic = "io.opsgate.testing.arch.cyclic";
        JavaClasses both = new ClassFileImporter().importPackages(cyclic);
        EvaluationResult result = LayerOrder.of(cyclic).floor("one").floor("two").cycleRule().evaluate(both);
        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails())).contains("Cycle detected");
    }
}
