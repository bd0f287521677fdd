package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.opsgate.api.v1alpha1.TenantSpec;
import io.opsgate.operator.common.Labels;
import io.opsgate.operator.config.ChannelSecret;

import java.util.List;

/**
 * Everything the desired state of one tenant's objects is built from, computed once per reconcile: the
 * builders are pure functions of it.
 *
 * @param tenantName     the Tenant's name
 * @param namespace      the tenant namespace
 * @param spec           the Tenant's spec with defaults applied (a copy)
 * @param platform       what the platform team set for every tenant (engine image, monitoring namespace, URL template)
 * @param configJson     the compiled configuration document
 * @param configHash     its SHA-256, which goes on the pod templates
 * @param channelSecrets the Secrets notify mounts for the valid channels
 * @param intakeSecrets  the Secrets ingest mounts for SMTP AUTH of the valid mail sources
 * @param reach          where ingest connects beyond notify and DNS: monitor targets, the API server when it needs it
 */
public record DesiredTenant(String tenantName,
                            String namespace,
                            TenantSpec spec,
                            TenantPlatform platform,
                            byte[] configJson,
                            String configHash,
                            List<ChannelSecret> channelSecrets,
                            List<ChannelSecret> intakeSecrets,
                            IngestReach reach) {

    public DesiredTenant {
        channelSecrets = List.copyOf(channelSecrets);
        intakeSecrets = List.copyOf(intakeSecrets);
    }

    /** Without compiled configuration yet: enough for the namespace and the token Secrets. */
    public static DesiredTenant beforeCompilation(String tenantName, String namespace, TenantSpec spec,
                                                  TenantPlatform platform) {
        return new DesiredTenant(tenantName, namespace, spec, platform, new byte[0], "", List.of(), List.of(),
                IngestReach.NONE);
    }

    /** The same with only an engine image as the platform's settings. */
    public static DesiredTenant beforeCompilation(String tenantName, String namespace, TenantSpec spec, String engineImage) {
        return beforeCompilation(tenantName, namespace, spec, TenantPlatform.of(engineImage));
    }

    /** This desired state with the compiled configuration filled in. */
    public DesiredTenant withConfig(byte[] json, String hash, List<ChannelSecret> secrets) {
        return new DesiredTenant(tenantName, namespace, spec, platform, json, hash, secrets, intakeSecrets, reach);
    }

    /** This desired state with the monitors' targets filled in (and the API server as before). */
    public DesiredTenant withMonitorTargets(List<MonitorTarget> targets) {
        return withReach(new IngestReach(targets, reach.apiServer()));
    }

    /** This desired state with where ingest connects. */
    public DesiredTenant withReach(IngestReach ingestReach) {
        return new DesiredTenant(tenantName, namespace, spec, platform, configJson, configHash, channelSecrets,
                intakeSecrets, ingestReach);
    }

    /** This desired state with the compiled configuration and the credentials both workloads mount. */
    public DesiredTenant withConfig(byte[] json, String hash, List<ChannelSecret> secrets, List<ChannelSecret> intake) {
        return new DesiredTenant(tenantName, namespace, spec, platform, json, hash, secrets, intake, reach);
    }

    /** The engine image the workloads run. */
    public String engineImage() {
        return platform.engineImage();
    }

    /** Where the valid monitors connect to (the ingest monitor egress policy allows exactly these). */
    public List<MonitorTarget> monitorTargets() {
        return reach.monitorTargets();
    }

    /** The base URL of ticket links in notifications, or null for none. */
    public String externalUrl() {
        return platform.externalUrl(tenantName, namespace, spec.externalURL);
    }

    /** The in-cluster URL of the ingest API, as the Tenant status reports it. */
    public String ingestEndpoint() {
        return "https://" + Workload.INGEST.objectName() + "." + namespace + ".svc:" + Workload.INGEST.httpPort();
    }

    /** The in-cluster URL of notify, which ingest gets as OPSGATE_NOTIFY_URL. */
    public String notifyUrl() {
        return "https://" + Workload.NOTIFY.objectName() + "." + namespace + ".svc:" + Workload.NOTIFY.httpPort();
    }

    /** Metadata of a namespaced object of this tenant. */
    ObjectMeta meta(String name, String component) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(Labels.of(tenantName, component))
                .build();
    }
}
