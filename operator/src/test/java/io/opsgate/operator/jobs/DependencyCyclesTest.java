package io.opsgate.operator.jobs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyCyclesTest {

    @Test
    void aCycleThroughTheNetIsNamedAsAPath() {
        Map<String, List<String>> deps = Map.of("a", List.of("c"), "b", List.of("a"), "c", List.of("b"), "d", List.of());
        assertThat(DependencyCycles.through(deps, List.of("a"))).hasValue("a -> c -> b -> a");
        assertThat(DependencyCycles.through(deps, List.of("d"))).isEmpty();
    }

    @Test
    void theNetOfAJobIsItAndEverythingDownstream() {
        Map<String, List<String>> deps = Map.of("a", List.of(), "b", List.of("a", "c"), "c", List.of("b"), "d", List.of());
        assertThat(DependencyCycles.downstreamOf("a", deps)).containsExactly("a", "b", "c");
        assertThat(DependencyCycles.through(deps, DependencyCycles.downstreamOf("a", deps))).hasValue("b -> c -> b");
    }

    @Test
    void aDiamondIsNoCycle() {
        Map<String, List<String>> deps = Map.of("a", List.of(), "b", List.of("a"), "c", List.of("a"), "d", List.of("b", "c"));
        assertThat(DependencyCycles.through(deps, List.of("a", "b", "c", "d"))).isEmpty();
    }
}
