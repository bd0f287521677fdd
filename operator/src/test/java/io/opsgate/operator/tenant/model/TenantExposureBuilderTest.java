package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.opsgate.api.v1alpha1.IngestExposeSpec;
import io.opsgate.api.v1alpha1.IngestExposeSpec.ExposeType;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.support.Desired;
import io.opsgate.operator.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TenantExposureBuilderTest {

    @Test
    void notExposedMeansNoObjects() {
        assertThat(TenantExposureBuilder.build(Desired.acme())).isEmpty();
    }

    @Test
    void aLoadBalancerKeepsTheClientAddressAndFiltersTheAllowedCidrsAtTheCloud() {
        IngestExposeSpec e = expose(ExposeType.LoadBalancer);
        e.smtp = true;
        e.annotations = Map.of("service.beta.kubernetes.io/aws-load-balancer-type", "nlb");
        Service s = (Service) single(e);
        assertThat(s.getMetadata().getName()).isEqualTo("opsgate-ingest-external");
        assertThat(s.getMetadata().getNamespace()).isEqualTo("opsgate-acme");
        assertThat(s.getMetadata().getAnnotations()).containsEntry("service.beta.kubernetes.io/aws-load-balancer-type", "nlb");
        assertThat(s.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(s.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
        assertThat(s.getSpec().getLoadBalancerSourceRanges()).containsExactly("10.0.0.0/8");
        assertThat(s.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "ingest");
        assertThat(s.getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort() + "->" + p.getTargetPort().getStrVal())
                .containsExactly("https:443->http", "smtp:25->smtp");
    }

    @Test
    void aNodePortWithoutSmtpServesHttpsOnlyAndMaySetClusterPolicy() {
        IngestExposeSpec e = expose(ExposeType.NodePort);
        e.externalTrafficPolicy = IngestExposeSpec.TrafficPolicy.Cluster;
        Service s = (Service) single(e);
        assertThat(s.getSpec().getType()).isEqualTo("NodePort");
        assertThat(s.getSpec().getExternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(s.getSpec().getLoadBalancerSourceRanges()).isEmpty();
        assertThat(s.getSpec().getPorts()).extracting(p -> p.getName()).containsExactly("https");
    }

    @Test
    void aTlsRoutePassesTlsThroughToIngestsHttpsPortOnTheNamedGateway() {
        IngestExposeSpec e = expose(ExposeType.TLSRoute);
        e.hostname = "alerts.acme.example";
        e.gateway = new IngestExposeSpec.GatewayReference();
        e.gateway.name = "edge";
        e.gateway.namespace = "gateways";
        e.gateway.sectionName = "tls-passthrough";
        GenericKubernetesResource r = (GenericKubernetesResource) single(e);
        assertThat(r.getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1alpha2");
        assertThat(r.getKind()).isEqualTo("TLSRoute");
        assertThat(r.getMetadata().getName()).isEqualTo("opsgate-ingest");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) r.getAdditionalProperties().get("spec");
        assertThat(spec.get("hostnames")).isEqualTo(List.of("alerts.acme.example"));
        assertThat(spec.get("parentRefs")).isEqualTo(List.of(Map.of("group", "gateway.networking.k8s.io",
                "kind", "Gateway", "name", "edge", "namespace", "gateways", "sectionName", "tls-passthrough")));
        assertThat(spec.get("rules")).isEqualTo(List.of(Map.of("backendRefs",
                List.of(Map.of("name", "opsgate-ingest", "port", 9093)))));
    }

    @Test
    void anIngressAsksIngressNginxForSslPassthroughToTheHttpsBackend() {
        IngestExposeSpec e = expose(ExposeType.Ingress);
        e.hostname = "alerts.acme.example";
        Ingress i = (Ingress) single(e);
        assertThat(i.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/ssl-passthrough", "true")
                .containsEntry("nginx.ingress.kubernetes.io/backend-protocol", "HTTPS");
        assertThat(i.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(i.getSpec().getTls()).as("passthrough: the controller never holds the key").isEmpty();
        assertThat(i.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isEqualTo("alerts.acme.example");
            assertThat(rule.getHttp().getPaths().get(0).getBackend().getService().getName()).isEqualTo("opsgate-ingest");
            assertThat(rule.getHttp().getPaths().get(0).getBackend().getService().getPort().getNumber()).isEqualTo(9093);
        });
    }

    private static IngestExposeSpec expose(ExposeType type) {
        IngestExposeSpec e = new IngestExposeSpec();
        e.type = type;
        e.controllerNamespace = "gateways";
        return e;
    }

    private static HasMetadata single(IngestExposeSpec e) {
        Tenant t = Fixtures.tenant("acme");
        t.getSpec().ingest.expose = e;
        List<HasMetadata> objects = TenantExposureBuilder.build(Desired.of(t, List.of()));
        assertThat(objects).hasSize(1);
        return objects.get(0);
    }
}
