package io.opsgate.operator.tenant;

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
 */
public record DesiredTenant(String tenantName,
                            String namespace,
                            TenantSpec spec,
                            String engineImage,
                            byte[] configJson,
                            String configHash,
                            List<ChannelSecret> channelSecrets) {

    public DesiredTenant {
        channelSecrets = List.copyOf(channelSecrets);
    }

    /** Without compiled configuration yet: enough for the namespace and the token Secrets. */
    public static DesiredTenant beforeCompilation(String tenantName, String namespace, TenantSpec spec, String engineImage) {
        return new DesiredTenant(tenantName, namespace, spec, engineImage, new byte[0], "", List.of());
    }

    /** This desired state with the compiled configuration filled in. */
    public DesiredTenant withConfig(byte[] json, String hash, List<ChannelSecret> secrets) {
        return new DesiredTenant(tenantName, namespace, spec, engineImage, json, hash, secrets);
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
