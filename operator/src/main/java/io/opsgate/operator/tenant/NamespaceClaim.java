package io.opsgate.operator.tenant;

import io.fabric8.kubernetes.api.model.Namespace;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.common.Labels;
import io.opsgate.operator.tenant.dependent.TenantOwnership;

import java.util.Map;
import java.util.Optional;

/**
 * Whether a Tenant may use the namespace it names (issue 13, finding 5): one that does not exist yet, or
 * one labelled {@code opsgate.io/tenant: <tenant>}, which the operator labels every namespace it creates
 * with and which a platform team sets to hand an existing namespace to a Tenant. Any other namespace is
 * someone else's: nothing is built or changed in it, and deleting the Tenant leaves it alone.
 *
 * @param state   free, this Tenant's, or someone else's
 * @param message why the namespace is not this Tenant's (naming the field), empty otherwise
 */
public record NamespaceClaim(State state, String message) {

    /** What the namespace is to the Tenant. */
    public enum State {
        /** It does not exist: the Tenant creates it. */
        FREE,
        /** It carries the Tenant's label: the Tenant uses (and, when it was not yet, adopts) it. */
        OURS,
        /** It exists without the Tenant's label. */
        NOT_OWNED
    }

    /** Judges the namespace as it is now, {@code live} being empty when it does not exist. */
    public static NamespaceClaim of(Tenant tenant, Optional<Namespace> live) {
        if (live.isEmpty()) {
            return new NamespaceClaim(State.FREE, "");
        }
        String name = tenant.getMetadata().getName();
        String holder = holder(live.get());
        if (name.equals(holder)) {
            return new NamespaceClaim(State.OURS, "");
        }
        String field = tenant.getSpec() != null && tenant.getSpec().namespace != null ? "spec.namespace" : "metadata.name";
        String whose = holder == null ? "it has no label " + Labels.TENANT
                : "it belongs to Tenant " + holder + " (label " + Labels.TENANT + "=" + holder + ")";
        return new NamespaceClaim(State.NOT_OWNED, field + ": namespace " + live.get().getMetadata().getName()
                + " exists and is not this Tenant's: " + whose + "; a Tenant uses a namespace that does not exist yet "
                + "or one labelled " + Labels.TENANT + "=" + name);
    }

    /**
     * Whether deleting the Tenant may delete the namespace: it carries both the Tenant's label and its owner
     * reference, so neither a relabelled namespace nor one adopted by an earlier Tenant of that name is lost.
     */
    public static boolean deletableBy(Tenant tenant, Namespace namespace) {
        return tenant.getMetadata().getName().equals(holder(namespace)) && TenantOwnership.isOwnedBy(namespace, tenant);
    }

    private static String holder(Namespace ns) {
        Map<String, String> labels = ns.getMetadata().getLabels();
        return labels == null ? null : labels.get(Labels.TENANT);
    }
}
