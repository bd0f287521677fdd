package io.opsgate.operator.security;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.opsgate.api.v1alpha1.OpsgateApi;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.common.Labels;

/**
 * Writes objects the security features own in a tenant namespace: with the operator's labels (so the
 * Tenant's informers see them and a deletion triggers a reconcile that restores them) and an owner
 * reference to the Tenant.
 */
final class OwnedWrites {

    private OwnedWrites() {
    }

    static ObjectMeta meta(Tenant tenant, String name, String component) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(tenant.namespaceName())
                .withLabels(Labels.of(tenant.getMetadata().getName(), component))
                .build();
    }

    /** Creates the object, or replaces the live one with it; a Secret is marked as opsgate's own. */
    static <R extends HasMetadata> R write(KubernetesClient client, Tenant tenant, R object) {
        if (object instanceof Secret) {
            object.getMetadata().getLabels().put(OpsgateApi.MANAGED_SECRET_LABEL, "true");
        }
        object.getMetadata().setOwnerReferences(null);
        object.addOwnerReference(tenant);
        object.getMetadata().setResourceVersion(null);
        return client.resource(object).createOr(NonDeletingOperation::update);
    }
}
