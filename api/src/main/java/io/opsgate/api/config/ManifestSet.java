package io.opsgate.api.config;

import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.AlertSource;
import io.opsgate.api.v1alpha1.ContactGroup;
import io.opsgate.api.v1alpha1.Monitor;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.OnCallSchedule;
import io.opsgate.api.v1alpha1.OperationsSuspension;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.Tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The opsgate objects read from YAML files, and the documents that could not be read. */
public final class ManifestSet {
    public final List<Tenant> tenants = new ArrayList<>();
    public final List<AlertRule> alertRules = new ArrayList<>();
    public final List<Monitor> monitors = new ArrayList<>();
    public final List<NotificationChannel> notificationChannels = new ArrayList<>();
    public final List<OpsJob> opsJobs = new ArrayList<>();
    public final List<AlertSource> alertSources = new ArrayList<>();
    public final List<OnCallSchedule> onCallSchedules = new ArrayList<>();
    public final List<ContactGroup> contactGroups = new ArrayList<>();
    public final List<OperationsSuspension> operationsSuspensions = new ArrayList<>();
    /** Problems, each naming the file and document. */
    public final List<String> errors = new ArrayList<>();

    /** The objects of one tenant: those in its namespace. */
    public TenantResources forTenant(Tenant tenant, List<TokenEntry> tokens) {
        String ns = tenant.namespaceName();
        return new TenantResources(tenant,
                alertRules.stream().filter(o -> ns.equals(o.getMetadata().getNamespace())).toList(),
                monitors.stream().filter(o -> ns.equals(o.getMetadata().getNamespace())).toList(),
                notificationChannels.stream().filter(o -> ns.equals(o.getMetadata().getNamespace())).toList(),
                opsJobs.stream().filter(o -> ns.equals(o.getMetadata().getNamespace())).toList(),
                alertSources.stream().filter(o -> ns.equals(o.getMetadata().getNamespace())).toList(),
                tokens,
                new OnCallResources(
                        onCallSchedules.stream().filter(o -> ns.equals(o.getMetadata().getNamespace())).toList(),
                        contactGroups.stream().filter(o -> ns.equals(o.getMetadata().getNamespace())).toList(),
                        operationsSuspensions.stream().filter(o -> ns.equals(o.getMetadata().getNamespace())).toList()));
    }

    /** The tenant of that name, if read. */
    public Optional<Tenant> tenant(String name) {
        return tenants.stream().filter(t -> name.equals(t.getMetadata().getName())).findFirst();
    }
}
