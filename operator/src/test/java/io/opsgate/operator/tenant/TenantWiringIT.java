package io.opsgate.operator.tenant;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.v1alpha1.EgressRule;
import io.opsgate.api.v1alpha1.IngestExposeSpec;
import io.opsgate.api.v1alpha1.Monitor;
import io.opsgate.api.v1alpha1.MonitorSpec;
import io.opsgate.api.v1alpha1.TcpCheck;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import io.opsgate.operator.tenant.model.TenantPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a tenant is wired into a real cluster: ingest's way to the API server, scraping of the metrics port,
 * exposure outside the cluster, the Prometheus configuration Secret and the ticket links' base URL.
 */
class TenantWiringIT {

    static final String NS = "opsgate-acme";
    static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    final MockCluster cluster = MockCluster.runningOperator().withDeploymentController()
            .withPlatform(new TenantPlatform(MockCluster.ENGINE_IMAGE, "prometheus", "https://opsgate.example.com/{tenant}"));

    @Test
    void ingestReachesTheApiServerEndpointsOnlyOnceItHasAMonitorAndFollowsTheEndpoints() {
        cluster.create(apiServerSlice("172.18.0.2"));
        Tenant acme = Fixtures.tenant("acme");
        // The monitor's target is an IP literal: valid only inside the Tenant's egress (issue 13, finding 2).
        acme.getSpec().egress = new ArrayList<>(List.of(new EgressRule("198.51.100.0/24", new ArrayList<>())));
        cluster.create(acme);
        await().atMost(WAIT).untilAsserted(() -> assertThat(policy("opsgate-ingest-apiserver-egress")).isNotNull()
                .satisfies(p -> assertThat(p.getSpec().getEgress()).as("no monitors, no triggered jobs").isEmpty()));

        cluster.create(tcpMonitor("db", "198.51.100.20", 5432));
        await().atMost(WAIT).untilAsserted(() -> assertThat(policy("opsgate-ingest-apiserver-egress").getSpec().getEgress())
                .singleElement().satisfies(r -> {
                    assertThat(r.getTo().get(0).getIpBlock().getCidr()).isEqualTo("172.18.0.2/32");
                    assertThat(r.getPorts().get(0).getPort().getIntVal()).isEqualTo(6443);
                }));
        assertThat(policy("opsgate-notify-egress").getSpec().getEgress()).as("notify never gets the API server")
                .noneSatisfy(r -> assertThat(String.valueOf(r.getTo().get(0).getIpBlock())).contains("172.18.0.2"));

        EndpointSlice moved = cluster.client().resources(EndpointSlice.class).inNamespace("default").withName("kubernetes").get();
        moved.getEndpoints().get(0).setAddresses(java.util.List.of("172.18.0.9"));
        cluster.client().resource(moved).update();
        await().atMost(WAIT).untilAsserted(() -> assertThat(policy("opsgate-ingest-apiserver-egress").getSpec().getEgress())
                .singleElement().satisfies(r -> assertThat(r.getTo().get(0).getIpBlock().getCidr()).isEqualTo("172.18.0.9/32")));
    }

    @Test
    void theMonitoringNamespaceMayScrapeBothWorkloadsAndNotifyGetsTheTemplatedExternalUrl() {
        cluster.create(Fixtures.tenant("acme"));
        await().atMost(WAIT).untilAsserted(() -> {
            NetworkPolicy p = policy("opsgate-metrics-ingress");
            assertThat(p.getSpec().getIngress()).singleElement().satisfies(r -> {
                assertThat(r.getPorts()).singleElement().satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(9090));
                assertThat(r.getFrom().get(0).getNamespaceSelector().getMatchExpressions().get(0).getValues())
                        .containsExactly("prometheus");
            });
            assertThat(cluster.client().apps().deployments().inNamespace(NS).withName("opsgate-notify").get()
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                    .anySatisfy(e -> {
                        assertThat(e.getName()).isEqualTo("OPSGATE_EXTERNAL_URL");
                        assertThat(e.getValue()).isEqualTo("https://opsgate.example.com/acme");
                    });
        });
    }

    @Test
    void exposureFollowsTheSpecAndATlsRouteWaitsForTheGatewayApi() {
        Tenant t = Fixtures.tenant("acme");
        t.getSpec().ingest.expose = new IngestExposeSpec();
        t.getSpec().ingest.expose.type = IngestExposeSpec.ExposeType.LoadBalancer;
        cluster.create(t);
        await().atMost(WAIT).untilAsserted(() -> {
            Service s = cluster.client().services().inNamespace(NS).withName("opsgate-ingest-external").get();
            assertThat(s).isNotNull();
            assertThat(s.getSpec().getType()).isEqualTo("LoadBalancer");
            assertThat(s.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
            assertThat(condition("IngestExposed")).isEqualTo("True/Exposed");
        });

        Tenant live = tenant();
        live.getSpec().ingest.expose.type = IngestExposeSpec.ExposeType.TLSRoute;
        live.getSpec().ingest.expose.hostname = "alerts.acme.example";
        live.getSpec().ingest.expose.controllerNamespace = "gateways";
        live.getSpec().ingest.expose.gateway = new IngestExposeSpec.GatewayReference();
        live.getSpec().ingest.expose.gateway.name = "edge";
        cluster.client().resource(live).update();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(condition("IngestExposed")).isEqualTo("False/GatewayAPINotInstalled");
            assertThat(cluster.client().services().inNamespace(NS).withName("opsgate-ingest-external").get())
                    .as("the LoadBalancer is gone").isNull();
        });

        cluster.client().apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("tlsroutes.gateway.networking.k8s.io").endMetadata()
                .withNewSpec().withGroup("gateway.networking.k8s.io").withScope("Namespaced")
                .withNewNames().withKind("TLSRoute").withPlural("tlsroutes").withSingular("tlsroute").endNames()
                .addNewVersion().withName("v1alpha2").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion()
                .endSpec().build()).create();
        // The CRD's arrival is no event the operator watches; a spec change (or the periodic recheck) picks it up.
        Tenant again = tenant();
        again.getSpec().ingest.expose.annotations = Map.of("example.com/note", "crd installed");
        cluster.client().resource(again).update();
        await().atMost(WAIT).untilAsserted(() -> {
            GenericKubernetesResource route = cluster.client().genericKubernetesResources("gateway.networking.k8s.io/v1alpha2",
                    "TLSRoute").inNamespace(NS).withName("opsgate-ingest").get();
            assertThat(route).isNotNull();
            assertThat(route.getMetadata().getAnnotations()).containsEntry("example.com/note", "crd installed");
            assertThat(condition("IngestExposed")).isEqualTo("True/Exposed");
        });
    }

    @Test
    void thePrometheusSecretCarriesTheTenantCaAndItsIngestToken() {
        cluster.create(Fixtures.tenant("acme"));
        await().atMost(WAIT).untilAsserted(() -> {
            Secret wiring = cluster.client().secrets().inNamespace(NS).withName("opsgate-prometheus").get();
            assertThat(wiring).isNotNull();
            Secret token = cluster.client().secrets().inNamespace(NS).withName("opsgate-token-prometheus").get();
            Secret tls = cluster.client().secrets().inNamespace(NS).withName("opsgate-tls").get();
            assertThat(text(wiring, "token")).isEqualTo(text(token, "token").strip());
            assertThat(text(wiring, "ca.crt")).isEqualTo(text(tls, "ca.crt"));
            assertThat(text(wiring, "alertmanagers.yaml")).contains("server_name: opsgate-ingest.opsgate-acme.svc");
            assertThat(wiring.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(r -> assertThat(r.getKind()).isEqualTo("Tenant"));
        });
    }

    private String condition(String type) {
        return Conditions.find(tenant().getStatus() == null ? null : tenant().getStatus().conditions, type)
                .map(c -> c.getStatus() + "/" + c.getReason()).orElse("absent");
    }

    private Tenant tenant() {
        return cluster.client().resources(Tenant.class).withName("acme").get();
    }

    private NetworkPolicy policy(String name) {
        return cluster.client().network().v1().networkPolicies().inNamespace(NS).withName(name).get();
    }

    private static String text(Secret s, String key) {
        return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
    }

    static EndpointSlice apiServerSlice(String address) {
        return new EndpointSliceBuilder()
                .withMetadata(new ObjectMetaBuilder().withName("kubernetes").withNamespace("default")
                        .withLabels(Map.of("kubernetes.io/service-name", "kubernetes")).build())
                .withAddressType("IPv4")
                .addNewEndpoint().withAddresses(address).withNewConditions().withReady(true).endConditions().endEndpoint()
                .addNewPort().withName("https").withPort(6443).withProtocol("TCP").endPort()
                .build();
    }

    static Monitor tcpMonitor(String name, String host, int port) {
        Monitor m = new Monitor();
        m.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        m.setSpec(new MonitorSpec());
        m.getSpec().type = MonitorSpec.MonitorType.TCP;
        m.getSpec().tcp = new TcpCheck();
        m.getSpec().tcp.host = host;
        m.getSpec().tcp.port = port;
        return m;
    }
}
