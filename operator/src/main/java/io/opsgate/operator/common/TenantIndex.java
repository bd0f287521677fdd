package io.opsgate.operator.common;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.opsgate.api.v1alpha1.Tenant;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds the Tenant of a namespace: the one whose {@link Tenant#namespaceName()} it is. */
public final class TenantIndex {

    private TenantIndex() {
    }

    /** The Tenant among {@code tenants} that owns {@code namespace}; the oldest when two claim it. */
    public static Optional<Tenant> owning(Stream<Tenant> tenants, String namespace) {
        return tenants.filter(t -> namespace != null && namespace.equals(t.namespaceName()))
                .min(java.util.Comparator.comparing((Tenant t) -> String.valueOf(t.getMetadata().getCreationTimestamp()))
                        .thenComparing(t -> t.getMetadata().getName()));
    }

    /** The ids of the Tenants that claim {@code namespace}, for mapping an event to its Tenant. */
    public static Set<ResourceID> idsOwning(Stream<Tenant> tenants, String namespace) {
        return tenants.filter(t -> namespace != null && namespace.equals(t.namespaceName()))
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }
}
