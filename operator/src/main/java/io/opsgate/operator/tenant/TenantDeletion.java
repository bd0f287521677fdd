package io.opsgate.operator.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.opsgate.api.v1alpha1.DeletionPolicy;
import io.opsgate.api.v1alpha1.StorageSpec;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.v1alpha1.TenantSpec;
import io.opsgate.operator.common.EventRecorder;
import io.opsgate.operator.common.Labels;
import io.opsgate.operator.common.TenantNamespaces;
import io.opsgate.operator.tenant.dependent.TenantOwnership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What deleting a Tenant does, by its deletionPolicy. Purge: have {@link TenantDataPurge} purge and
 * verify the data through the running workloads, then delete the namespace (and with it everything
 * inside, the stores' volume claims included), keep the Tenant until the namespace is gone and the
 * purge confirms the data is. Retain: delete the workloads only and let go of the
 * rest, so garbage collection keeps it. Either way the operator stops watching the namespace first and,
 * with Retain, takes its own RoleBinding back last. A namespace that is not the Tenant's
 * ({@link NamespaceClaim#deletableBy}) is neither purged, changed nor deleted.
 */
final class TenantDeletion {

    static final Duration PURGE_RECHECK = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(TenantDeletion.class);

    private final EventRecorder events;
    private final TenantDataPurge purge;
    private final NamespaceAccess access;
    private final TenantNamespaces namespaces;

    TenantDeletion(EventRecorder events, TenantDataPurge purge, NamespaceAccess access, TenantNamespaces namespaces) {
        this.events = events;
        this.purge = purge;
        this.access = access;
        this.namespaces = namespaces;
    }

    /**
     * @param spec      the Tenant's defaulted spec
     * @param namespace the tenant namespace as it is now, if it exists
     * @param owned     every namespaced type the operator owns for tenants
     */
    DeleteControl delete(Tenant tenant, TenantSpec spec, Optional<Namespace> namespace,
                         Collection<Class<? extends HasMetadata>> owned, KubernetesClient client) {
        String ns = tenant.namespaceName();
        Optional<Namespace> ours = namespace.filter(n -> NamespaceClaim.deletableBy(tenant, n));
        if (ours.isEmpty() || spec.deletionPolicy == DeletionPolicy.Retain) {
            stopWatching(tenant, ns);
        }
        if (namespace.isPresent() && ours.isEmpty()) {
            events.record(tenant, EventRecorder.NORMAL, "TenantDeleted", "Delete", "namespace " + ns
                    + " is not this Tenant's: neither purged, changed nor deleted");
            return DeleteControl.defaultDelete();
        }
        if (spec.deletionPolicy == DeletionPolicy.Retain) {
            if (ours.isPresent()) {
                retain(tenant, ns, owned, client);
                access.revoke(ns, client);
            }
            events.record(tenant, EventRecorder.NORMAL, "TenantDeleted", "Delete", "deletionPolicy Retain: removed "
                    + "the ingest and notify workloads; kept namespace " + ns + ", its volume claims and secrets");
            return DeleteControl.defaultDelete();
        }
        if (ours.isPresent()) {
            if (ours.get().getMetadata().getDeletionTimestamp() == null) {
                Optional<String> unverified = purge.beforeNamespaceDeletion(tenant, ns);
                if (unverified.isPresent()) {
                    LOG.info("tenant {}: purge not verified, namespace kept: {}", tenant.getMetadata().getName(),
                            unverified.get());
                    return DeleteControl.noFinalizerRemoval().rescheduleAfter(PURGE_RECHECK);
                }
                // stop watching before the namespace (and the binding that allows watching it) goes
                stopWatching(tenant, ns);
                client.resource(ours.get()).delete();
                events.record(tenant, EventRecorder.NORMAL, "Deleting", "Delete",
                        "deletionPolicy Purge: deleting namespace " + ns + " with everything in it");
            }
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(PURGE_RECHECK);
        }
        Optional<String> pending = purge.pending(tenant, ns);
        if (pending.isPresent()) {
            LOG.info("tenant {}: data purge pending: {}", tenant.getMetadata().getName(), pending.get());
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(PURGE_RECHECK);
        }
        if (spec.storage.type == StorageSpec.StorageType.PostgreSQL) {
            events.record(tenant, EventRecorder.WARNING, "DataNotPurged", "Delete", "spec.storage.postgres: this "
                    + "operator version does not purge data kept in PostgreSQL; delete it there");
        }
        events.record(tenant, EventRecorder.NORMAL, "TenantDeleted", "Delete",
                "deletionPolicy Purge: namespace " + ns + " and its volume claims are gone");
        return DeleteControl.defaultDelete();
    }

    /** Deletes the workloads and lets go of everything else of the Tenant's in the namespace and the namespace. */
    private static void retain(Tenant tenant, String ns, Collection<Class<? extends HasMetadata>> owned,
                               KubernetesClient client) {
        String uid = tenant.getMetadata().getUid();
        List<HasMetadata> objects = new ArrayList<>();
        for (Class<? extends HasMetadata> type : owned) {
            objects.addAll(client.resources(type).inNamespace(ns).withLabel(Labels.TENANT, tenant.getMetadata().getName())
                    .list().getItems());
        }
        objects.add(client.namespaces().withName(ns).get());
        for (HasMetadata o : objects) {
            if (o == null || !TenantOwnership.isOwnedBy(o, uid)) {
                continue;
            }
            if (o instanceof Deployment || o instanceof Service) {
                client.resource(o).delete();
            } else {
                client.resource(o).edit(live -> {
                    live.getMetadata().setOwnerReferences(live.getMetadata().getOwnerReferences().stream()
                            .filter(r -> !uid.equals(r.getUid())).collect(Collectors.toList()));
                    return live;
                });
            }
        }
    }

    private void stopWatching(Tenant tenant, String ns) {
        if (namespaces.tenantOf(ns).filter(tenant.getMetadata().getName()::equals).isPresent()) {
            namespaces.remove(ns);
        }
    }
}
