package io.opsgate.operator.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.v1alpha1.AccessLogCheckpoint;
import io.opsgate.api.v1alpha1.ControlStatus;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.tenant.model.DesiredTenant;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the Tenant reconcile asks of the operator's security features (audit log, TLS and key Secrets, the
 * workloads' security evidence, the status {@code controls}; docs/iso27017.md) at fixed points of each
 * reconcile. Declared here and implemented by {@code io.opsgate.operator.security.TenantSecurity}, so the
 * reconcile calls out and the security side never reaches back into it: data flows one way.
 */
public interface TenantSecurityPort {

    /** How often a Tenant is reconciled at least, so certificates renew and evidence stays current. */
    Duration recheck();

    /** Triggers a Tenant's reconcile when its workloads' security evidence changed. */
    EventSource<?, Tenant> eventSource();

    /**
     * The NetworkPolicies the security side owns in a tenant namespace (the operator's access to the
     * workloads' internal API), reconciled right after the tenant's own NetworkPolicies.
     */
    List<? extends KubernetesDependentResource<NetworkPolicy, Tenant>> networkPolicies();

    /**
     * Starts the security part of one reconcile: issues or renews the TLS and key Secrets (before the
     * workloads that mount them) and asks the workloads for fresh evidence.
     *
     * @param secrets finds a Secret of the tenant namespace by name
     */
    Pass begin(Tenant tenant, Function<String, Optional<Secret>> secrets);

    /** Forgets what is kept in memory for a deleted Tenant. */
    void forget(Tenant tenant);

    /** The security part of one reconcile of one Tenant, told what the reconcile did. */
    interface Pass {

        /** The configuration was compiled; objects that newly dropped out of it are a security notice. */
        void compiled(CompiledConfig config);

        /** The reconcile created, updated, restored or deleted {@code object}: an audit log entry. */
        void changed(String action, HasMetadata object);

        /** The controls with their evidence and the access log's checkpoint, from what the reconcile observed. */
        SecurityStatus status(DesiredTenant desired, Context<Tenant> context, Function<String, Optional<Secret>> secrets);
    }

    /**
     * What the security side writes into the Tenant status.
     *
     * @param controls  {@code status.controls}
     * @param accessLog {@code status.accessLog}: the access log's checkpoint, kept outside the log
     */
    record SecurityStatus(List<ControlStatus> controls, AccessLogCheckpoint accessLog) {
    }
}
