package io.opsgate.api.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.opsgate.api.v1alpha1.AlertRuleSpec;
import io.opsgate.api.v1alpha1.AlertSourceSpec;
import io.opsgate.api.v1alpha1.ContactGroupSpec;
import io.opsgate.api.v1alpha1.MonitorSpec;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.api.v1alpha1.OnCallScheduleSpec;
import io.opsgate.api.v1alpha1.OperationsSuspensionSpec;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.api.v1alpha1.TenantSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The one document a tenant's workloads run with: every valid object of the tenant, in evaluation
 * order, plus token hashes. The operator writes it into a Secret mounted by ingest and notify; the
 * standalone engine compiles the same document from a directory of YAML. It never holds a credential.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CompiledConfig {
    /** Bumped when a reader of an older format could misread this one. */
    public static final int FORMAT_VERSION = 1;
    public static final String KIND = "CompiledConfig";

    public String apiVersion = io.opsgate.api.v1alpha1.OpsgateApi.API_VERSION;
    public String kind = KIND;
    public int formatVersion = FORMAT_VERSION;
    public String tenant;
    public String namespace;
    public Long tenantGeneration;
    public TenantSpec tenantSpec;
    public List<TokenEntry> tokens = new ArrayList<>();
    /** The platform's guarded networks and what an empty spec.egress means; the engine checks connections with it. */
    public io.opsgate.api.egress.EgressGuard egressGuard;
    /** In evaluation order: spec.order, then name. */
    public List<NamedSpec<AlertRuleSpec>> alertRules = new ArrayList<>();
    public List<NamedSpec<MonitorSpec>> monitors = new ArrayList<>();
    public List<NamedSpec<NotificationChannelSpec>> notificationChannels = new ArrayList<>();
    public List<NamedSpec<OpsJobSpec>> opsJobs = new ArrayList<>();
    public List<NamedSpec<AlertSourceSpec>> alertSources = new ArrayList<>();
    // The on-call kinds are left out while empty, so a tenant without them keeps the hash it had before
    // they existed and its workloads do not roll on an upgrade.
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<NamedSpec<OnCallScheduleSpec>> onCallSchedules = new ArrayList<>();
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<NamedSpec<ContactGroupSpec>> contactGroups = new ArrayList<>();
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<NamedSpec<OperationsSuspensionSpec>> operationsSuspensions = new ArrayList<>();
    public List<ExcludedObject> excluded = new ArrayList<>();
    /** SHA-256 of the document without this field; goes on the pod templates so workloads roll on change. */
    public String hash;
}
