package io.opsgate.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesResourceMatcher;
import io.opsgate.api.v1alpha1.IngestExposeSpec;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.common.Labels;
import io.opsgate.operator.tenant.model.DesiredTenant;
import io.opsgate.operator.tenant.model.TenantExposureBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the objects that expose ingest outside the cluster ({@link TenantExposureBuilder}): creates or updates
 * what {@code spec.ingest.expose} asks for, removes what it no longer asks for, and says whether ingest is
 * exposed. A TLSRoute is written only when the Gateway API's TLSRoute CRD is installed; otherwise the outcome
 * says so and nothing is written. Not a JOSDK dependent, because how many objects of which kind exist follows
 * the spec (none, a Service, a TLSRoute or an Ingress).
 */
public final class IngestExposure {

    /** The IngestExposed condition's type on the Tenant. */
    public static final String CONDITION = "IngestExposed";
    public static final String EXPOSED = "Exposed";
    public static final String GATEWAY_API_MISSING = "GatewayAPINotInstalled";
    static final ResourceDefinitionContext TLS_ROUTE = new ResourceDefinitionContext.Builder()
            .withGroup(TenantExposureBuilder.GATEWAY_GROUP).withVersion("v1alpha2").withKind("TLSRoute")
            .withPlural("tlsroutes").withNamespaced(true).build();

    /** What the condition says: True/Exposed, or False with why not. */
    public record Outcome(boolean exposed, String reason, String message) {
    }

    private IngestExposure() {
    }

    /**
     * Applies the exposure of this reconcile.
     *
     * @param wasExposed whether the Tenant's status had an exposure before (then leftovers are looked for)
     * @return the condition to report, empty when ingest is not and was not exposed
     */
    public static Optional<Outcome> reconcile(Tenant tenant, Context<Tenant> context, boolean wasExposed) {
        DesiredTenant d = TenantReconcileState.of(context).desired();
        IngestExposeSpec expose = d.spec().ingest.expose;
        if (expose == null && !wasExposed) {
            return Optional.empty();
        }
        KubernetesClient client = context.getClient();
        List<HasMetadata> desired = new ArrayList<>(TenantExposureBuilder.build(d));
        Outcome outcome = null;
        boolean gatewayApi = hasTlsRoutes(client);
        if (desired.stream().anyMatch(o -> o instanceof GenericKubernetesResource) && !gatewayApi) {
            desired.removeIf(o -> o instanceof GenericKubernetesResource);
            outcome = new Outcome(false, GATEWAY_API_MISSING, "spec.ingest.expose.type: TLSRoute needs the Gateway API "
                    + "CRD " + TenantExposureBuilder.TLS_ROUTE_CRD + " (experimental channel), which is not installed; "
                    + "install it, or expose ingest with LoadBalancer, NodePort or Ingress");
        }
        for (HasMetadata object : desired) {
            apply(tenant, context, object);
        }
        removeLeftovers(context, d, desired, gatewayApi);
        if (outcome == null && expose != null) {
            outcome = new Outcome(true, EXPOSED, expose.type + " " + desired.get(0).getMetadata().getName()
                    + (expose.hostname == null ? "" : " for " + expose.hostname));
        }
        return Optional.ofNullable(outcome);
    }

    private static boolean hasTlsRoutes(KubernetesClient client) {
        try {
            return client.apiextensions().v1().customResourceDefinitions()
                    .withName(TenantExposureBuilder.TLS_ROUTE_CRD).get() != null;
        } catch (KubernetesClientException e) {
            return false;
        }
    }

    private static void apply(Tenant tenant, Context<Tenant> context, HasMetadata desired) {
        KubernetesClient client = context.getClient();
        HasMetadata live = get(client, desired);
        desired.addOwnerReference(tenant);
        if (live != null && TenantOwnership.isOwnedBy(live, tenant)
                && Objects.equals(live.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations())
                && GenericKubernetesResourceMatcher.match(desired, live, false, false, context).matched()) {
            return;
        }
        HasMetadata written;
        if (desired instanceof GenericKubernetesResource route) {
            written = client.genericKubernetesResources(TLS_ROUTE).inNamespace(route.getMetadata().getNamespace())
                    .resource(route).createOr(r -> r.update());
        } else {
            written = client.resource(desired).createOr(r -> r.update());
        }
        TenantReconcileState state = TenantReconcileState.of(context);
        state.record(live == null ? TenantReconcileState.CREATED : state.updateAction(), written);
    }

    private static HasMetadata get(KubernetesClient client, HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        String name = o.getMetadata().getName();
        if (o instanceof GenericKubernetesResource) {
            return client.genericKubernetesResources(TLS_ROUTE).inNamespace(ns).withName(name).get();
        }
        if (o instanceof Service) {
            return client.services().inNamespace(ns).withName(name).get();
        }
        return client.network().v1().ingresses().inNamespace(ns).withName(name).get();
    }

    /** Deletes the exposure objects of other types, which an earlier spec asked for. */
    private static void removeLeftovers(Context<Tenant> context, DesiredTenant d, List<HasMetadata> desired,
                                        boolean gatewayApi) {
        KubernetesClient client = context.getClient();
        String ns = d.namespace();
        TenantReconcileState state = TenantReconcileState.of(context);
        if (desired.stream().noneMatch(o -> o instanceof Service)) {
            Service s = client.services().inNamespace(ns).withName(TenantExposureBuilder.EXTERNAL_SERVICE).get();
            if (managed(s)) {
                client.resource(s).delete();
                state.record(TenantReconcileState.DELETED, s);
            }
        }
        if (desired.stream().noneMatch(o -> o instanceof Ingress)) {
            Ingress i = client.network().v1().ingresses().inNamespace(ns).withName(TenantExposureBuilder.ROUTE).get();
            if (managed(i)) {
                client.resource(i).delete();
                state.record(TenantReconcileState.DELETED, i);
            }
        }
        if (gatewayApi && desired.stream().noneMatch(o -> o instanceof GenericKubernetesResource)) {
            GenericKubernetesResource r = client.genericKubernetesResources(TLS_ROUTE).inNamespace(ns)
                    .withName(TenantExposureBuilder.ROUTE).get();
            if (managed(r)) {
                client.genericKubernetesResources(TLS_ROUTE).inNamespace(ns).withName(TenantExposureBuilder.ROUTE).delete();
                state.record(TenantReconcileState.DELETED, r);
            }
        }
    }

    private static boolean managed(HasMetadata o) {
        return o != null && o.getMetadata().getLabels() != null
                && Labels.APP.equals(o.getMetadata().getLabels().get(Labels.NAME))
                && o.getMetadata().getLabels().containsKey(Labels.TENANT);
    }
}
