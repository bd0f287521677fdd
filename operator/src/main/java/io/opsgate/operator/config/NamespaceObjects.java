package io.opsgate.operator.config;

import io.opsgate.api.config.TokenEntry;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.AlertSource;
import io.opsgate.api.v1alpha1.Monitor;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.OpsJob;

import io.opsgate.api.config.OnCallResources;

import java.util.List;

/**
 * The opsgate objects of one tenant namespace as an informer cache holds them, plus token hashes. A
 * reconciler that only needs some kinds passes empty lists for the others: an object's validity
 * depends only on kinds it references.
 */
public record NamespaceObjects(List<AlertRule> alertRules,
                               List<Monitor> monitors,
                               List<NotificationChannel> notificationChannels,
                               List<OpsJob> opsJobs,
                               List<TokenEntry> tokens,
                               List<AlertSource> alertSources,
                               OnCallResources onCall) {

    /** Without on-call objects: for reconcilers whose kinds do not depend on them. */
    public NamespaceObjects(List<AlertRule> alertRules, List<Monitor> monitors,
                            List<NotificationChannel> notificationChannels, List<OpsJob> opsJobs,
                            List<TokenEntry> tokens, List<AlertSource> alertSources) {
        this(alertRules, monitors, notificationChannels, opsJobs, tokens, alertSources, OnCallResources.NONE);
    }

    /** Without AlertSources: for reconcilers whose kinds do not depend on them. */
    public NamespaceObjects(List<AlertRule> alertRules, List<Monitor> monitors,
                            List<NotificationChannel> notificationChannels, List<OpsJob> opsJobs,
                            List<TokenEntry> tokens) {
        this(alertRules, monitors, notificationChannels, opsJobs, tokens, List.of());
    }

    public NamespaceObjects {
        alertRules = List.copyOf(alertRules);
        monitors = List.copyOf(monitors);
        notificationChannels = List.copyOf(notificationChannels);
        opsJobs = List.copyOf(opsJobs);
        tokens = List.copyOf(tokens);
        alertSources = List.copyOf(alertSources);
        onCall = onCall == null ? OnCallResources.NONE : onCall;
    }
}
