package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.List;

/** What a platform team declares for one customer. */
@JsonClassDescription("What the platform team grants the customer: people and their rights, ingest sources and exposure, "
        + "egress, quotas, storage, retention, tokens, security and deletion policy.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TenantSpec {

    @Size(max = 200)
    @JsonPropertyDescription("Human-readable name of the customer, shown in notifications and dashboards.")
    public String displayName;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @Size(max = 63)
    @ValidationRule(value = "self == oldSelf", message = "namespace is immutable")
    @JsonPropertyDescription("Namespace the tenant's objects live in. Defaults to opsgate-<tenant name>. Immutable.")
    public String namespace;

    @JsonPropertyDescription("Users, groups or service accounts that administer the tenant's opsgate resources "
            + "(AlertRules, Monitors, OpsJobs, NotificationChannels, AlertSources) in its namespace.")
    public List<Subject> owners = new ArrayList<>();

    @JsonPropertyDescription("Subjects that read the tenant's opsgate resources and acknowledge tickets.")
    public List<Subject> operators = new ArrayList<>();

    @JsonPropertyDescription("Subjects that may only read the tenant's opsgate resources.")
    public List<Subject> viewers = new ArrayList<>();

    @JsonPropertyDescription("The ingest workload: who may send alerts, how fast, and how big it is.")
    public IngestSpec ingest;

    @Pattern("^https?://[^\\s/?#]+(/[^\\s?#]*)?$")
    @Size(max = 2048)
    @JsonPropertyDescription("The base URL at which people reach this tenant's opsgate API, e.g. "
            + "https://opsgate.example.com/demo. Notifications link each ticket as <externalURL>/api/v1/tickets/<id>. "
            + "Unset: the operator's default (the chart's tenantDefaults.externalURLTemplate), else no links.")
    public String externalURL;

    @JsonPropertyDescription("The notify workload's size.")
    public WorkloadSpec notify;

    @JsonPropertyDescription("Destinations outside the cluster the tenant's workloads may reach: notify for "
            + "delivering notifications, ingest for monitors whose target is a host name. Empty means none.")
    public List<EgressRule> egress = new ArrayList<>();

    @JsonPropertyDescription("The ResourceQuota of the tenant's namespace.")
    public QuotaSpec quota;

    @JsonPropertyDescription("The LimitRange defaults for containers in the tenant's namespace.")
    public ContainerDefaults containerDefaults;

    @JsonPropertyDescription("How long the tenant's data is kept.")
    public RetentionSpec retention;

    @JsonPropertyDescription("Where the tenant's alerts and tickets are stored.")
    public StorageSpec storage;

    @JsonPropertyDescription("What happens to the tenant's data when the Tenant is deleted: Purge (default) deletes "
            + "the namespace and the stored data and verifies it is gone; Retain keeps the namespace and its "
            + "storage and removes only the workloads.")
    @Default("Purge")
    public DeletionPolicy deletionPolicy;

    @JsonPropertyDescription("API tokens for the tenant. The operator generates each token into a Secret in the "
            + "tenant namespace; the workloads only ever see its SHA-256 hash.")
    public List<ApiTokenSpec> apiTokens = new ArrayList<>();

    @JsonPropertyDescription("Per-tenant limits on objects and requests.")
    public TenantLimits limits;

    @JsonPropertyDescription("Source-address limits on the tenant's read, admin and ticket APIs.")
    public AccessSpec access;

    @JsonPropertyDescription("TLS, data-key rotation and the channel for security notices.")
    public SecuritySpec security;

    @JsonPropertyDescription("The web console of the tenant's people: sign-in with OpenID Connect and session "
            + "lifetimes. Owners, operators and viewers decide what each person may do there.")
    public ConsoleSpec console;

    /** The namespace for a tenant of this name and spec. */
    public static String namespaceFor(String tenantName, TenantSpec spec) {
        if (spec != null && spec.namespace != null && !spec.namespace.isBlank()) {
            return spec.namespace;
        }
        return OpsgateApi.NAMESPACE_PREFIX + tenantName;
    }
}
