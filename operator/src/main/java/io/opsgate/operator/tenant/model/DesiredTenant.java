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
 * @param engineImage    the engine image the workloads run
 * @param configJson     the compiled configuration document
 * @param configHash     its SHA-256, which goes on the pod templates
 * @param channelSecrets the Secrets notify mounts for the valid channels
 * @param intakeSecrets  the Secrets ingest mounts for SMTP AUTH of the valid mail sources
 * @param monitorTargets where the valid monitors connect to (the ingest egress policy allows exactly these)
 */
public record DesiredTenant(String tenantName,
                            String namespace,
                            TenantSpec spec,
                            String engineImage,
                            byte[] configJson,
                            String configHash,
                            List<ChannelSecret> channelSecrets,
                            List<ChannelSecret> intakeSecrets,
                            List<MonitorTarget> monitorTargets) {

    public DesiredTenant {
        channelSecrets = List.copyOf(channelSecrets);
        intakeSecrets = List.copyOf(intakeSecrets);
        monitorTargets = List.copyOf(monitorTargets);
    }

    /** Without mail sources' credentials and without monitors. */
    public DesiredTenant(String tenantName, String namespace, TenantSpec spec, String engineImage, byte[] configJson,
                         String configHash, List<ChannelSecret> channelSecrets) {
        this(tenantName, namespace, spec, engineImage, configJson, configHash, channelSecrets, List.of(), List.of());
    }

    /** Without compiled configuration yet: enough for the namespace and the token Secrets. */
    public static DesiredTenant beforeCompilation(String tenantName, String namespace, TenantSpec spec, String engineImage) {
        return new DesiredTenant(tenantName, namespace, spec, engineImage, new byte[0], "", List.of());
    }

    /** This desired state with the compiled configuration filled in. */
    public DesiredTenant withConfig(byte[] json, String hash, List<ChannelSecret> secrets) {
        return new DesiredTenant(tenantName, namespace, spec, engineImage, json, hash, secrets, intakeSecrets,
                monitorTargets);
    }

    /** This desired state with the monitors' targets filled in. */
    public DesiredTenant withMonitorTargets(List<MonitorTarget> targets) {
        return new DesiredTenant(tenantName, namespace, spec, engineImage, configJson, configHash, channelSecrets,
                intakeSecrets, targets);
    }

    /** This desired state with the compiled configuration and the credentials both workloads mount. */
    public DesiredTenant withConfig(byte[] json, String hash, List<ChannelSecret> secrets, List<ChannelSecret> intake) {
        return new DesiredTenant(tenantName, namespace, spec, engineImage, json, hash, secrets, intake, monitorTargets);
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
