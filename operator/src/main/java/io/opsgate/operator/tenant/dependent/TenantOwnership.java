package io.opsgate.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.opsgate.api.v1alpha1.Tenant;

import java.util.Objects;

/** Whether an object carries the Tenant's owner reference, and how to give it one. */
public final class TenantOwnership {

    private TenantOwnership() {
    }

    public static boolean isOwnedBy(HasMetadata o, Tenant tenant) {
        return isOwnedBy(o, tenant.getMetadata().getUid());
    }

    public static boolean isOwnedBy(HasMetadata o, String uid) {
        return o.getMetadata().getOwnerReferences() != null
                && o.getMetadata().getOwnerReferences().stream().anyMatch(r -> Objects.equals(uid, r.getUid()));
    }

    /**
     * The live object, or a copy of it with the Tenant's owner reference added: JOSDK's update keeps the
     * live object's metadata, so an adopted object gets its owner only this way.
     */
    public static <R extends HasMetadata> R ownedCopy(R actual, Tenant tenant, Context<Tenant> context) {
        if (isOwnedBy(actual, tenant)) {
            return actual;
        }
        @SuppressWarnings("unchecked")
        R copy = (R) context.getClient().getKubernetesSerialization().clone(actual);
        copy.addOwnerReference(tenant);
        return copy;
    }
}
