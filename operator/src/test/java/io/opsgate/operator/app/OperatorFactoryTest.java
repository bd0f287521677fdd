package io.opsgate.operator.app;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationService;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The production configuration: server-side apply off, leader election by Lease, five controllers by kind. */
class OperatorFactoryTest {

    @Test
    void configuresLeaderElectionAndTurnsServerSideApplyOff() {
        OperatorSettings settings = OperatorSettings.fromEnv(Map.of("OPSGATE_ENGINE_IMAGE", "e", "POD_NAMESPACE", "opsgate-system",
                "POD_NAME", "op-1"));
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build()).build()) {
            Operator operator = OperatorFactory.create(client, settings, Metrics.NOOP, Clock.systemUTC(), false);
            ConfigurationService config = operator.getConfigurationService();
            assertThat(config.useSSAToPatchPrimaryResource()).isFalse();
            assertThat(config.ssaBasedCreateUpdateMatchForDependentResources()).isFalse();
            assertThat(config.getLeaderElectionConfiguration()).hasValueSatisfying(le -> {
                assertThat(le.getLeaseName()).isEqualTo("opsgate-operator");
                assertThat(le.getLeaseNamespace()).hasValue("opsgate-system");
                assertThat(le.getIdentity()).hasValue("op-1");
            });
            assertThat(operator.getRegisteredControllers()).extracting(c -> c.getConfiguration().getName())
                    .containsExactlyInAnyOrderElementsOf(OperatorFactory.KINDS);
        }
    }
}
