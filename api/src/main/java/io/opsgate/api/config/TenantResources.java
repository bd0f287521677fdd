package io.opsgate.api.config;

import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.AlertSource;
import io.opsgate.api.v1alpha1.Monitor;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.Tenant;

import java.util.List;

/**
 * Everything the compiler needs for one tenant: the Tenant, the objects of its namespace, and the
 * hashes of its tokens (read from Secrets by whoever has access to them). The on-call kinds travel
 * together in {@link OnCallResources}, which keeps the record short of a long positional list.
 */
public record TenantResources(Tenant tenant,
                              List<AlertRule> alertRules,
                              List<Monitor> monitors,
                              List<NotificationChannel> notificationChannels,
                              List<OpsJob> opsJobs,
                              List<AlertSource> alertSources,
                              List<TokenEntry> tokens,
                              OnCallResources onCall) {

    /** A tenant without on-call objects. */
    public TenantResources(Tenant tenant, List<AlertRule> alertRules, List<Monitor> monitors,
                           List<NotificationChannel> notificationChannels, List<OpsJob> opsJobs,
                           List<AlertSource> alertSources, List<TokenEntry> tokens) {
        this(tenant, alertRules, monitors, notificationChannels, opsJobs, alertSources, tokens, OnCallResources.NONE);
    }

    /** A tenant without AlertSources and on-call objects. */
    public TenantResources(Tenant tenant, List<AlertRule> alertRules, List<Monitor> monitors,
                           List<NotificationChannel> notificationChannels, List<OpsJob> opsJobs,
                           List<TokenEntry> tokens) {
        this(tenant, alertRules, monitors, notificationChannels, opsJobs, List.of(), tokens);
    }

    public TenantResources {
        alertRules = alertRules == null ? List.of() : List.copyOf(alertRules);
        monitors = monitors == null ? List.of() : List.copyOf(monitors);
        notificationChannels = notificationChannels == null ? List.of() : List.copyOf(notificationChannels);
        opsJobs = opsJobs == null ? List.of() : List.copyOf(opsJobs);
        alertSources = alertSources == null ? List.of() : List.copyOf(alertSources);
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        onCall = onCall == null ? OnCallResources.NONE : onCall;
    }
}
