package io.opsgate.api.config;

import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.AlertSource;
import io.opsgate.api.v1alpha1.Monitor;
import io.opsgate.api.v1alpha1.NotificationChannel;
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
                tokens);
    }

    /** The tenant of that name, if read. */
    public Optional<Tenant> tenant(String name) {
        return tenants.stream().filter(t -> name.equals(t.getMetadata().getName())).findFirst();
    }
}
