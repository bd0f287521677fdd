package io.opsgate.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.opsgate.api.v1alpha1.ApiTokenSpec;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.common.Labels;
import io.opsgate.operator.tenant.model.DesiredTenant;
import io.opsgate.operator.tenant.model.TenantSecretBuilder;

import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One Secret per API token of the Tenant. A missing one is created with a random token; an existing
 * one is never overwritten (its token is in use). When a token leaves spec.apiTokens, the Secret the
 * operator made for it is deleted once the workloads run a configuration without it
 * ({@link TokenRollout}). A Secret the platform team made itself (named by secretName, without the
 * operator's labels) is used as it is and never deleted.
 */
public final class TokenSecretsDependentResource extends KubernetesDependentResource<Secret, Tenant>
        implements KubernetesBulkDependentResource<Secret, Tenant>, Creator<Secret, Tenant>, GarbageCollected<Tenant> {

    static final String COMPONENT = "token";

    public TokenSecretsDependentResource() {
        super(Secret.class, "token-secrets");
    }

    @Override
    public Map<ResourceID, Secret> desiredResources(Tenant primary, Context<Tenant> context) {
        DesiredTenant d = TenantReconcileState.of(context).desired();
        Map<ResourceID, Secret> result = new LinkedHashMap<>();
        for (ApiTokenSpec token : d.spec().apiTokens) {
            result.put(new ResourceID(token.secretName, d.namespace()), TenantSecretBuilder.token(d, token));
        }
        return result;
    }

    @Override
    public Predicate<Secret> secondaryResourceFilter(Tenant primary, Context<Tenant> context) {
        return s -> COMPONENT.equals(s.getMetadata().getLabels().get(Labels.COMPONENT));
    }

    /** An existing token Secret always matches: its token is in use, and the desired one is just a new random value. */
    @Override
    public Matcher.Result<Secret> match(Secret actual, Secret desired, Tenant primary, Context<Tenant> context) {
        return Matcher.Result.computed(true, actual);
    }

    @Override
    public Secret create(Secret desired, Tenant primary, Context<Tenant> context) {
        try {
            Secret created = super.create(desired, primary, context);
            TenantReconcileState.of(context).record(TenantReconcileState.CREATED, created);
            return created;
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            // The platform team provided this Secret: use it, never replace it.
            return context.getClient().secrets().inNamespace(desired.getMetadata().getNamespace())
                    .withName(desired.getMetadata().getName()).get();
        }
    }

    @Override
    public void deleteTargetResource(Tenant primary, Secret resource, ResourceID key, Context<Tenant> context) {
        if (!TokenRollout.rolledOutWithout(resource, context)) {
            // kept until the workloads run a configuration without the token; their rollout triggers the next try
            return;
        }
        context.getClient().resource(resource).delete();
        TenantReconcileState.of(context).record(TenantReconcileState.DELETED, resource);
    }
}
