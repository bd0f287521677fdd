package io.opsgate.api.jobs;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobNetTest {

    /** backup <- verify <- report; backup <- cleanup; unrelated stays out; report also needs cleanup. */
    private static Map<String, List<String>> jobs() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("backup", List.of());
        m.put("verify", List.of("backup"));
        m.put("cleanup", List.of("backup"));
        m.put("report", List.of("verify", "cleanup"));
        m.put("unrelated", List.of());
        m.put("upstream-only", List.of());
        return m;
    }

    @Test
    void theNetIsTheJobAndEverythingDownstreamInDependencyOrder() {
        JobNet net = JobNet.of("backup", jobs());
        assertThat(net.order()).containsExactly("backup", "cleanup", "verify", "report");
        assertThat(net.dependenciesOf("report")).containsExactly("verify", "cleanup");
        assertThat(net.dependenciesOf("backup")).isEmpty();
        assertThat(net.hasDependents()).isTrue();
    }

    @Test
    void dependenciesOutsideTheNetDoNotHoldAStepBack() {
        Map<String, List<String>> m = jobs();
        m.put("verify", List.of("backup", "upstream-only"));
        JobNet net = JobNet.of("verify", m);
        assertThat(net.order()).containsExactly("verify", "report");
        assertThat(net.dependenciesOf("verify")).isEmpty();
        assertThat(net.dependenciesOf("report")).containsExactly("verify");
        assertThat(JobNet.of("unrelated", m).hasDependents()).isFalse();
    }

    @Test
    void unknownJobsAndCyclesAreRefusedWithAMessage() {
        assertThatThrownBy(() -> JobNet.of("nope", jobs())).hasMessageContaining("\"nope\" does not exist");
        Map<String, List<String>> m = jobs();
        m.put("backup", List.of("report"));
        assertThatThrownBy(() -> JobNet.of("verify", m)).hasMessageContaining("cycle");
    }
}
