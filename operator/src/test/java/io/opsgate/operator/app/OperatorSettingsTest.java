package io.opsgate.operator.app;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorSettingsTest {

    @Test
    void readsTheContractsVariablesWithDefaults() {
        OperatorSettings s = OperatorSettings.fromEnv(Map.of("OPSGATE_ENGINE_IMAGE", "reg/engine:1", "POD_NAMESPACE", "opsgate-system",
                "POD_NAME", "op-0", "WATCH_NAMESPACES", " opsgate-a, opsgate-b ,"));
        assertThat(s.watchNamespaces()).isEqualTo(Set.of("opsgate-a", "opsgate-b"));
        assertThat(s.engineImage()).isEqualTo("reg/engine:1");
        assertThat(s.logLevel()).isEqualTo("INFO");
        assertThat(s.leaderElection()).isTrue();
        assertThat(s.podNamespace()).isEqualTo("opsgate-system");
        assertThat(s.podName()).isEqualTo("op-0");
        assertThat(s.httpPort()).isEqualTo(8080);
    }

    @Test
    void emptyWatchNamespacesMeansAllAndElectionCanBeOff() {
        OperatorSettings s = OperatorSettings.fromEnv(Map.of("OPSGATE_ENGINE_IMAGE", "e", "OPSGATE_LEADER_ELECTION", "false",
                "OPSGATE_HTTP_PORT", "9090", "OPSGATE_LOG_LEVEL", "debug"));
        assertThat(s.watchNamespaces()).isEmpty();
        assertThat(s.leaderElection()).isFalse();
        assertThat(s.httpPort()).isEqualTo(9090);
        assertThat(s.logLevel()).isEqualTo("DEBUG");
    }

    @Test
    void everyBadVariableIsNamedAtOnce() {
        assertThatThrownBy(() -> OperatorSettings.fromEnv(Map.of("WATCH_NAMESPACES", "Bad_Name", "OPSGATE_LOG_LEVEL", "loud",
                "OPSGATE_LEADER_ELECTION", "maybe", "OPSGATE_HTTP_PORT", "70000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WATCH_NAMESPACES: \"Bad_Name\"")
                .hasMessageContaining("OPSGATE_ENGINE_IMAGE is required")
                .hasMessageContaining("OPSGATE_LOG_LEVEL")
                .hasMessageContaining("OPSGATE_LEADER_ELECTION")
                .hasMessageContaining("OPSGATE_HTTP_PORT");
        assertThatThrownBy(() -> OperatorSettings.fromEnv(Map.of("OPSGATE_ENGINE_IMAGE", "e")))
                .hasMessageContaining("POD_NAMESPACE is required with leader election");
    }

    @Test
    void thePlatformsMonitoringNamespaceAndExternalUrlTemplateReachTheTenants() {
        OperatorSettings s = OperatorSettings.fromEnv(Map.of("OPSGATE_ENGINE_IMAGE", "e", "OPSGATE_LEADER_ELECTION", "false",
                "OPSGATE_MONITORING_NAMESPACE", "prometheus", "OPSGATE_EXTERNAL_URL_TEMPLATE", "https://ops.example.com/{tenant}"));
        assertThat(s.platform().monitoringNamespace()).isEqualTo("prometheus");
        assertThat(s.platform().externalUrl("acme", "opsgate-acme", null)).isEqualTo("https://ops.example.com/acme");
        assertThat(s.platform().externalUrl("acme", "opsgate-acme", "https://own.example")).isEqualTo("https://own.example");
        OperatorSettings none = OperatorSettings.fromEnv(Map.of("OPSGATE_ENGINE_IMAGE", "e", "OPSGATE_LEADER_ELECTION", "false"));
        assertThat(none.platform().monitoringNamespace()).isNull();
        assertThat(none.platform().externalUrl("acme", "opsgate-acme", null)).isNull();
        assertThatThrownBy(() -> OperatorSettings.fromEnv(Map.of("OPSGATE_ENGINE_IMAGE", "e", "OPSGATE_LEADER_ELECTION", "false",
                "OPSGATE_MONITORING_NAMESPACE", "Mon_itoring", "OPSGATE_EXTERNAL_URL_TEMPLATE", "ops.example.com/{tenant}")))
                .hasMessageContaining("OPSGATE_MONITORING_NAMESPACE").hasMessageContaining("OPSGATE_EXTERNAL_URL_TEMPLATE");
    }
}
