package io.opsgate.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.v1alpha1.TenantSpec;
import io.opsgate.operator.config.TenantCompiler;
import io.opsgate.operator.tenant.model.DesiredTenant;
import io.opsgate.operator.tenant.model.TenantDeploymentBuilder;
import io.opsgate.operator.tenant.model.TenantNetworkPolicy;
import io.opsgate.operator.tenant.model.TenantPlatform;
import io.opsgate.operator.tenant.model.TenantServiceBuilder;
import io.opsgate.operator.tenant.model.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's tenant ServiceMonitor scrapes what the operator builds: it selects the ingest and notify Services,
 * on the port that leads to the plain metrics port (9090), and the namespace the chart names for monitoring is
 * the one the tenant NetworkPolicy admits to that port.
 */
class TenantScrapingTest {

    private final Manifests m = Manifests.cached(Chart.Values.PLATFORM_DEFAULTS);

    @Test
    void theTenantServiceMonitorSelectsBothServicesOnTheirMetricsPort() {
        GenericKubernetesResource monitor = m.all(GenericKubernetesResource.class).stream()
                .filter(o -> o.getKind().equals("ServiceMonitor") && o.getMetadata().getName().equals("opsgate-tenants"))
                .findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
        @SuppressWarnings("unchecked")
        Map<String, Object> selector = (Map<String, Object>) spec.get("selector");
        @SuppressWarnings("unchecked")
        Map<String, String> matchLabels = (Map<String, String>) selector.get("matchLabels");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> expressions = (List<Map<String, Object>>) selector.get("matchExpressions");
        @SuppressWarnings("unchecked")
        String port = (String) ((List<Map<String, Object>>) spec.get("endpoints")).get(0).get("port");

        DesiredTenant d = desired(TenantPlatform.of("engine:1"));
        for (Workload w : Workload.values()) {
            Service s = TenantServiceBuilder.build(d, w);
            assertThat(s.getMetadata().getLabels()).as(w + " Service labels").containsAllEntriesOf(matchLabels);
            assertThat(expressions).singleElement().satisfies(e -> {
                assertThat(s.getMetadata().getLabels().get(e.get("key"))).isIn((List<?>) e.get("values"));
            });
            ServicePort scraped = s.getSpec().getPorts().stream().filter(p -> p.getName().equals(port)).findFirst()
                    .orElseThrow(() -> new AssertionError(w + " Service has no port " + port));
            Container c = TenantDeploymentBuilder.build(d, w).getSpec().getTemplate().getSpec().getContainers().get(0);
            int target = c.getPorts().stream().filter(p -> p.getName().equals(scraped.getTargetPort().getStrVal()))
                    .findFirst().orElseThrow().getContainerPort();
            assertThat(target).as(w + ": the ServiceMonitor's port leads to the plain metrics listener")
                    .isEqualTo(TenantDeploymentBuilder.METRICS_PORT);
        }
    }

    @Test
    void theMonitoringNamespaceTheChartNamesIsTheOneTheTenantPolicyAdmitsToTheMetricsPort() {
        Container operator = m.one(Deployment.class, "opsgate-operator").getSpec().getTemplate().getSpec().getContainers().get(0);
        String monitoring = operator.getEnv().stream().filter(e -> e.getName().equals("OPSGATE_MONITORING_NAMESPACE"))
                .findFirst().orElseThrow().getValue();
        assertThat(monitoring).isEqualTo("prometheus");
        NetworkPolicy p = TenantNetworkPolicy.METRICS_INGRESS.build(desired(new TenantPlatform("engine:1", monitoring, null)));
        assertThat(p.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getPorts()).singleElement()
                    .satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(TenantDeploymentBuilder.METRICS_PORT));
            assertThat(rule.getFrom().get(0).getNamespaceSelector().getMatchExpressions().get(0).getValues())
                    .containsExactly("prometheus");
        });
    }

    private static DesiredTenant desired(TenantPlatform platform) {
        Tenant t = new Tenant();
        t.setMetadata(new ObjectMetaBuilder().withName("acme").build());
        t.setSpec(new TenantSpec());
        return DesiredTenant.beforeCompilation("acme", "opsgate-acme", TenantCompiler.defaultedSpec(t), platform);
    }
}
