package io.opsgate.operator.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.opsgate.api.egress.EgressGuard;
import io.opsgate.operator.channels.NotificationChannelReconciler;
import io.opsgate.operator.common.EventRecorder;
import io.opsgate.operator.common.TenantNamespaces;
import io.opsgate.operator.jobs.OpsJobReconciler;
import io.opsgate.operator.jobs.OpsJobRunReconciler;
import io.opsgate.operator.monitors.MonitorReconciler;
import io.opsgate.operator.rules.AlertRuleReconciler;
import io.opsgate.operator.security.SecuritySettings;
import io.opsgate.operator.security.TenantSecurity;
import io.opsgate.operator.sources.AlertSourceReconciler;
import io.opsgate.operator.tenant.NamespaceAccess;
import io.opsgate.operator.tenant.TenantReconciler;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Builds the Operator with its seven reconcilers. Production and the reconciler tests both build it
 * here, so the tests run exactly the production configuration, server-side apply off included
 * (docs/architecture.md, "Operator: server-side apply").
 */
public final class OperatorFactory {

    /** The Lease that elects the one active operator instance. */
    public static final String LEASE_NAME = "opsgate-operator";
    /** Controller names, which are the kinds (metric tag {@code kind}). */
    public static final List<String> KINDS = List.of(TenantReconciler.NAME, AlertRuleReconciler.NAME,
            MonitorReconciler.NAME, NotificationChannelReconciler.NAME, OpsJobReconciler.NAME, OpsJobRunReconciler.NAME,
            AlertSourceReconciler.NAME);

    private OperatorFactory() {
    }

    /**
     * @param closeClientOnStop whether stopping the operator closes {@code client} (tests keep it open)
     */
    public static Operator create(KubernetesClient client, OperatorSettings settings, Metrics metrics, Clock clock,
                                  boolean closeClientOnStop) {
        return create(client, settings, SecuritySettings.fromEnv(System.getenv()), metrics, clock, closeClientOnStop);
    }

    /**
     * @param security the audit log, where the workloads are reached, the operator's namespace
     */
    public static Operator create(KubernetesClient client, OperatorSettings settings, SecuritySettings security,
                                  Metrics metrics, Clock clock, boolean closeClientOnStop) {
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(closeClientOnStop)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withMetrics(metrics)
                    .withReconciliationTerminationTimeout(Duration.ofSeconds(20));
            if (settings.leaderElection()) {
                o.withLeaderElectionConfiguration(
                        new LeaderElectionConfiguration(LEASE_NAME, settings.podNamespace(), settings.podName()));
            }
        });
        EventRecorder events = new EventRecorder(client, settings.podName(), clock);
        TenantSecurity tenantSecurity = TenantSecurity.create(client, events, security, clock, System.out);
        EgressGuard guard = EgressGuard.cluster(settings.clusterNetworks());
        TenantNamespaces tenantNamespaces = new TenantNamespaces();
        operator.register(new TenantReconciler(settings.platform(), settings.watchNamespaces(), events, clock,
                tenantSecurity.purge(), tenantSecurity, guard,
                new NamespaceAccess(settings.podNamespace(), tenantNamespaces)));
        operator.register(new AlertRuleReconciler(settings.watchNamespaces(), events, clock, guard), c -> watch(c, settings));
        operator.register(new MonitorReconciler(settings.watchNamespaces(), events, clock, guard), c -> watch(c, settings));
        operator.register(new NotificationChannelReconciler(settings.watchNamespaces(), events, clock, guard),
                c -> watch(c, settings));
        operator.register(new OpsJobReconciler(settings.watchNamespaces(), events, clock, guard, tenantNamespaces),
                c -> watch(c, settings));
        operator.register(new OpsJobRunReconciler(settings.watchNamespaces(), events, clock, tenantNamespaces),
                c -> watch(c, settings));
        operator.register(new AlertSourceReconciler(settings.watchNamespaces(), events, clock, guard),
                c -> watch(c, settings));
        return operator;
    }

    private static void watch(ControllerConfigurationOverrider<?> config, OperatorSettings settings) {
        if (!settings.watchNamespaces().isEmpty()) {
            config.settingNamespaces(settings.watchNamespaces());
        }
    }
}
