package io.opsgate.operator.tenant;

import io.fabric8.kubernetes.api.model.Condition;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.v1alpha1.TenantCounts;
import io.opsgate.api.v1alpha1.TenantStatus;
import io.opsgate.operator.common.StatusComparison;
import io.opsgate.operator.tenant.model.DesiredTenant;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Summarises a tenant into its status by Kubernetes API conventions: Ready (the workloads are
 * available and run the latest configuration), Reconciling (work in progress), Stalled (only a change of
 * the Tenant helps). kstatus and Argo CD read these; they do not look at children.
 */
public final class TenantStatusAggregator {

    public static final String AVAILABLE = "Available";
    public static final String VALID = "Valid";
    public static final String PROGRESSING = "Progressing";
    public static final String WORKLOADS_UNAVAILABLE = "WorkloadsUnavailable";
    public static final String NAMESPACE_NOT_OWNED = "NamespaceNotOwned";
    public static final String NAMESPACE_NOT_WATCHED = "NamespaceNotWatched";

    private TenantStatusAggregator() {
    }

    /** The status after a full reconcile. */
    public static TenantStatus reconciled(TenantStatus old, Long generation, Instant now, DesiredTenant d,
                                          CompiledConfig config, List<WorkloadAvailability> workloads) {
        TenantStatus s = base(old, generation);
        s.namespace = d.namespace();
        s.ingestEndpoint = d.ingestEndpoint();
        s.configHash = d.configHash();
        s.counts = counts(config);
        List<WorkloadAvailability> pending = workloads.stream().filter(w -> !w.isAvailable()).toList();
        List<Condition> c = s.conditions;
        if (pending.isEmpty()) {
            String invalid = s.counts.invalid > 0 ? "; " + s.counts.invalid + " invalid objects left out (see their status)" : "";
            c = Conditions.set(c, ConditionTypes.READY, ConditionTypes.TRUE, AVAILABLE,
                    "ingest and notify are available in namespace " + d.namespace() + invalid, generation, now);
            c = Conditions.set(c, ConditionTypes.RECONCILING, ConditionTypes.FALSE, AVAILABLE, "", generation, now);
        } else {
            String message = pending.stream().map(WorkloadAvailability::describe).collect(Collectors.joining("; "));
            c = Conditions.set(c, ConditionTypes.READY, ConditionTypes.FALSE, WORKLOADS_UNAVAILABLE, message, generation, now);
            c = Conditions.set(c, ConditionTypes.RECONCILING, ConditionTypes.TRUE, PROGRESSING, message, generation, now);
        }
        c = Conditions.set(c, ConditionTypes.STALLED, ConditionTypes.FALSE, VALID, "", generation, now);
        s.conditions = c;
        return s;
    }

    /**
     * The status when the operator cannot go on until the Tenant changes (invalid spec, a namespace that
     * belongs to someone else). What was built before is left as it is, and so is what the status says
     * about it.
     */
    public static TenantStatus stalled(TenantStatus old, Long generation, Instant now, String reason, String message) {
        TenantStatus s = base(old, generation);
        List<Condition> c = s.conditions;
        c = Conditions.set(c, ConditionTypes.READY, ConditionTypes.FALSE, reason, message, generation, now);
        c = Conditions.set(c, ConditionTypes.RECONCILING, ConditionTypes.FALSE, reason, "", generation, now);
        c = Conditions.set(c, ConditionTypes.STALLED, ConditionTypes.TRUE, reason, message, generation, now);
        s.conditions = c;
        return s;
    }

    static TenantCounts counts(CompiledConfig config) {
        TenantCounts counts = new TenantCounts();
        counts.alertRules = config.alertRules.size();
        counts.monitors = config.monitors.size();
        counts.opsJobs = config.opsJobs.size();
        counts.notificationChannels = config.notificationChannels.size();
        counts.alertSources = config.alertSources.size();
        counts.invalid = config.excluded.size();
        return counts;
    }

    private static TenantStatus base(TenantStatus old, Long generation) {
        TenantStatus s = old == null ? new TenantStatus() : StatusComparison.copy(old, TenantStatus.class);
        s.observedGeneration = generation;
        return s;
    }
}
