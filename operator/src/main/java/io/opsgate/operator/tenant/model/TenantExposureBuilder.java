package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.opsgate.api.v1alpha1.IngestExposeSpec;
import io.opsgate.api.v1alpha1.IngestExposeSpec.ExposeType;
import io.opsgate.operator.common.Labels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects that expose a tenant's ingest outside the cluster, as {@code spec.ingest.expose} asks: a
 * LoadBalancer or NodePort Service that keeps the client's address (externalTrafficPolicy Local by default, so
 * the allow lists apply to it), a Gateway API TLSRoute or an ingress-nginx Ingress, both TLS passthrough (ingest
 * keeps its own certificate and speaks only HTTPS). A pure function of the desired state.
 */
public final class TenantExposureBuilder {

    /** The Service of a LoadBalancer or NodePort exposure. */
    public static final String EXTERNAL_SERVICE = "opsgate-ingest-external";
    /** The TLSRoute or Ingress. */
    public static final String ROUTE = "opsgate-ingest";
    public static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
    /** TLSRoute is in Gateway API's experimental channel, served as v1alpha2. */
    public static final String TLS_ROUTE_VERSION = GATEWAY_GROUP + "/v1alpha2";
    public static final String TLS_ROUTE_CRD = "tlsroutes." + GATEWAY_GROUP;
    static final int HTTPS_PORT = 443;
    static final int SMTP_PORT = 25;

    private TenantExposureBuilder() {
    }

    /** Whether senders come through a gateway or ingress controller, whose pods then reach ingest. */
    public static boolean throughController(IngestExposeSpec expose) {
        return expose.type == ExposeType.TLSRoute || expose.type == ExposeType.Ingress;
    }

    /** The exposure objects; empty when ingest is not exposed. */
    public static List<HasMetadata> build(DesiredTenant d) {
        IngestExposeSpec expose = d.spec().ingest.expose;
        if (expose == null || expose.type == null) {
            return List.of();
        }
        return switch (expose.type) {
            case LoadBalancer, NodePort -> List.of(service(d, expose));
            case TLSRoute -> List.of(tlsRoute(d, expose));
            case Ingress -> List.of(ingress(d, expose));
        };
    }

    static Service service(DesiredTenant d, IngestExposeSpec expose) {
        List<ServicePort> ports = new ArrayList<>();
        ports.add(port("https", HTTPS_PORT, "http"));
        if (Boolean.TRUE.equals(expose.smtp)) {
            ports.add(port("smtp", SMTP_PORT, "smtp"));
        }
        boolean loadBalancer = expose.type == ExposeType.LoadBalancer;
        return new ServiceBuilder()
                .withMetadata(meta(d, EXTERNAL_SERVICE, expose))
                .withNewSpec()
                .withType(expose.type.name())
                .withSelector(Labels.selector(d.tenantName(), Workload.INGEST.component()))
                .withPorts(ports)
                .withExternalTrafficPolicy(expose.externalTrafficPolicy == null ? "Local" : expose.externalTrafficPolicy.name())
                // The cloud's firewall drops what the NetworkPolicy would drop anyway, before it costs anything.
                .withLoadBalancerSourceRanges(loadBalancer ? List.copyOf(d.spec().ingest.allowedCidrs) : List.of())
                .endSpec()
                .build();
    }

    static GenericKubernetesResource tlsRoute(DesiredTenant d, IngestExposeSpec expose) {
        Map<String, Object> parent = new LinkedHashMap<>();
        parent.put("group", GATEWAY_GROUP);
        parent.put("kind", "Gateway");
        parent.put("name", expose.gateway.name);
        if (expose.gateway.namespace != null) {
            parent.put("namespace", expose.gateway.namespace);
        }
        if (expose.gateway.sectionName != null) {
            parent.put("sectionName", expose.gateway.sectionName);
        }
        Map<String, Object> backend = new LinkedHashMap<>();
        backend.put("name", Workload.INGEST.objectName());
        backend.put("port", Workload.INGEST.httpPort());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("parentRefs", List.of(parent));
        spec.put("hostnames", List.of(expose.hostname));
        spec.put("rules", List.of(Map.of("backendRefs", List.of(backend))));
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(TLS_ROUTE_VERSION)
                .withKind("TLSRoute")
                .withMetadata(meta(d, ROUTE, expose))
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
    }

    static Ingress ingress(DesiredTenant d, IngestExposeSpec expose) {
        ObjectMeta meta = meta(d, ROUTE, expose);
        Map<String, String> annotations = new LinkedHashMap<>(meta.getAnnotations());
        // TLS reaches ingest untouched: the controller routes by SNI and never holds the tenant's key.
        annotations.put("nginx.ingress.kubernetes.io/ssl-passthrough", "true");
        annotations.put("nginx.ingress.kubernetes.io/backend-protocol", "HTTPS");
        meta.setAnnotations(annotations);
        return new IngressBuilder()
                .withMetadata(meta)
                .withNewSpec()
                .withIngressClassName(expose.ingressClassName == null ? "nginx" : expose.ingressClassName)
                .addNewRule()
                .withHost(expose.hostname)
                .withNewHttp()
                .addNewPath()
                .withPath("/")
                .withPathType("Prefix")
                .withNewBackend().withNewService().withName(Workload.INGEST.objectName())
                .withNewPort().withNumber(Workload.INGEST.httpPort()).endPort().endService().endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec()
                .build();
    }

    private static ObjectMeta meta(DesiredTenant d, String name, IngestExposeSpec expose) {
        ObjectMeta meta = d.meta(name, "ingest-exposure");
        meta.setAnnotations(new LinkedHashMap<>(expose.annotations == null ? Map.of() : expose.annotations));
        return meta;
    }

    private static ServicePort port(String name, int port, String target) {
        return new ServicePortBuilder().withName(name).withPort(port).withTargetPort(new IntOrString(target))
                .withProtocol("TCP").build();
    }
}
