package io.opsgate.operator.tenant;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.common.TenantNamespaces;
import io.opsgate.operator.tenant.model.OperatorAccessBuilder;

/**
 * Gives the operator its rights in a tenant namespace and takes them back: the RoleBinding of
 * {@link OperatorAccessBuilder}. It is made right after the namespace exists and before anything else in
 * it (every other write there needs it), and deleted last when a Retain deletion lets the namespace go.
 * Until it exists the operator cannot even read it (a 403, not a 404), so absence and denial look alike.
 * It also carries the set of namespaces the operator manages, which the Tenant reconciler keeps.
 */
public final class NamespaceAccess {

    private final String operatorNamespace;
    private final TenantNamespaces managed;

    /**
     * @param operatorNamespace where the operator's ServiceAccount lives; empty outside a cluster, where the
     *                          operator runs with its kubeconfig's rights and makes no binding
     * @param managed           the tenant namespaces the operator manages, shared by every controller
     */
    public NamespaceAccess(String operatorNamespace, TenantNamespaces managed) {
        this.operatorNamespace = operatorNamespace;
        this.managed = managed;
    }

    TenantNamespaces managed() {
        return managed;
    }

    /** Makes or repairs the binding; true when it had to be written. */
    boolean grant(Tenant tenant, String namespace, KubernetesClient client) {
        if (operatorNamespace.isEmpty()) {
            return false;
        }
        RoleBinding desired = OperatorAccessBuilder.binding(tenant.getMetadata().getName(), namespace, operatorNamespace);
        desired.addOwnerReference(tenant);
        RoleBinding live = readable(namespace, client);
        if (live == null) {
            client.resource(desired).create();
            return true;
        }
        if (OperatorAccessBuilder.grantsExactly(live, desired)) {
            return false;
        }
        // roleRef is immutable: a binding to another role is replaced, not edited
        client.resource(live).delete();
        client.resource(desired).create();
        return true;
    }

    /** Deletes the binding: the operator keeps no right in a namespace it no longer manages. */
    void revoke(String namespace, KubernetesClient client) {
        if (!operatorNamespace.isEmpty()) {
            client.rbac().roleBindings().inNamespace(namespace).withName(OperatorAccessBuilder.BINDING).delete();
        }
    }

    private static RoleBinding readable(String namespace, KubernetesClient client) {
        try {
            return client.rbac().roleBindings().inNamespace(namespace).withName(OperatorAccessBuilder.BINDING).get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return null;
            }
            throw e;
        }
    }
}
