package io.opsgate.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.opsgate.api.v1alpha1.ApiTokenSpec;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.tenant.model.DesiredTenant;
import io.opsgate.operator.tenant.model.PrometheusAlertingBuilder;
import io.opsgate.operator.tenant.model.TenantSecretBuilder;
import io.opsgate.operator.tenant.model.TokenHashes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps Secret {@code opsgate-prometheus} ({@link PrometheusAlertingBuilder}) in step with the tenant's CA and its
 * first Ingest-scoped API token. Written once both exist; rewritten when either changes (a renewed CA, a rotated
 * token) or when the Prometheus Operator's CRDs appear. The inputs are Secrets the operator reads anyway.
 */
public final class PrometheusWiring {

    public static final String PROMETHEUS_CRD = "prometheuses.monitoring.coreos.com";

    private PrometheusWiring() {
    }

    /**
     * @param secrets finds a Secret of the tenant namespace by name
     * @return whether the Secret is in place (false while the CA or an Ingest token is missing)
     */
    public static boolean reconcile(Tenant tenant, Context<Tenant> context, Function<String, Optional<Secret>> secrets) {
        DesiredTenant d = TenantReconcileState.of(context).desired();
        Optional<String> token = d.spec().apiTokens.stream()
                .filter(t -> t.scopes != null && t.scopes.contains(ApiTokenSpec.TokenScope.Ingest))
                .findFirst()
                .flatMap(t -> secrets.apply(t.secretName))
                .flatMap(TokenHashes::token);
        Optional<String> ca = secrets.apply(TenantSecretBuilder.tlsSecretName(d.spec())).flatMap(s -> text(s, "ca.crt"));
        if (token.isEmpty() || ca.isEmpty()) {
            return false;
        }
        KubernetesClient client = context.getClient();
        Secret desired = PrometheusAlertingBuilder.build(d,
                new PrometheusAlertingBuilder.Inputs(ca.get(), token.get(), prometheusOperatorInstalled(client)));
        Optional<Secret> live = secrets.apply(PrometheusAlertingBuilder.SECRET);
        if (live.isPresent() && TenantOwnership.isOwnedBy(live.get(), tenant)
                && Objects.equals(live.get().getData(), desired.getData())) {
            return true;
        }
        desired.addOwnerReference(tenant);
        Secret written = client.resource(desired).createOr(r -> r.update());
        TenantReconcileState state = TenantReconcileState.of(context);
        state.record(live.isEmpty() ? TenantReconcileState.CREATED : TenantReconcileState.UPDATED, written);
        return true;
    }

    private static boolean prometheusOperatorInstalled(KubernetesClient client) {
        try {
            return client.apiextensions().v1().customResourceDefinitions().withName(PROMETHEUS_CRD).get() != null;
        } catch (KubernetesClientException e) {
            return false;
        }
    }

    private static Optional<String> text(Secret s, String key) {
        if (s.getData() == null || s.getData().get(key) == null) {
            return Optional.empty();
        }
        return Optional.of(new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8));
    }
}
