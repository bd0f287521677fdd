package io.opsgate.operator.jobs;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.opsgate.api.common.ComputeResources;
import io.opsgate.api.common.ResourceList;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.operator.tenant.model.TenantDeploymentBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod of an OpsJob, for its CronJob and for the Jobs of its runs alike: hardened as the tenant's
 * workloads are (non-root, read-only root filesystem, no privilege escalation, every capability dropped,
 * seccomp RuntimeDefault, no API token), a writable /tmp, and the job's own credential Secrets mounted
 * read-only under {@value #CREDENTIALS_DIR}: only this job's pods see them.
 */
public final class JobPodTemplate {

    /** Where credential Secrets are mounted, one directory per Secret. */
    public static final String CREDENTIALS_DIR = "/var/run/opsgate/credentials";
    static final String CONTAINER = "job";
    /** Owner-read only: a credential is a key, not a configuration file. */
    static final int SECRET_MODE = 0400;

    private JobPodTemplate() {
    }

    /**
     * @param labels labels of the pod (the OpsJob's, and the run's for run Jobs)
     * @param extraEnv variables about the run the job may use (name of the run, why it runs)
     */
    public static PodTemplateSpec build(OpsJobSpec spec, Map<String, String> labels, Map<String, String> extraEnv) {
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("64Mi")).endEmptyDir()
                .build());
        mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        int i = 0;
        for (OpsJobSpec.CredentialMount c : spec.credentials) {
            String volume = "credentials-" + i++;
            volumes.add(new VolumeBuilder().withName(volume).withNewSecret().withSecretName(c.secretName)
                    .withDefaultMode(SECRET_MODE).endSecret().build());
            mounts.add(new VolumeMountBuilder().withName(volume).withMountPath(CREDENTIALS_DIR + "/" + c.secretName)
                    .withReadOnly(true).build());
        }
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(new LinkedHashMap<>(labels)).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(TenantDeploymentBuilder.podSecurityContext())
                .withContainers(container(spec.container, mounts, extraEnv))
                .withVolumes(volumes)
                .endSpec()
                .build();
    }

    private static Container container(OpsJobSpec.JobContainer c, List<VolumeMount> mounts, Map<String, String> extraEnv) {
        List<EnvVar> env = new ArrayList<>();
        for (OpsJobSpec.EnvVar e : c.env) {
            env.add(new EnvVarBuilder().withName(e.name).withValue(e.value).build());
        }
        extraEnv.forEach((k, v) -> env.add(new EnvVarBuilder().withName(k).withValue(v).build()));
        ContainerBuilder b = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(c.image)
                .withCommand(c.command)
                .withArgs(c.args)
                .withEnv(env)
                .withVolumeMounts(mounts)
                .withSecurityContext(TenantDeploymentBuilder.containerSecurityContext());
        if (c.resources != null) {
            b.withResources(resources(c.resources));
        }
        return b.build();
    }

    private static ResourceRequirements resources(ComputeResources r) {
        ResourceRequirements out = new ResourceRequirements();
        out.setRequests(quantities(r.requests));
        out.setLimits(quantities(r.limits));
        return out;
    }

    private static Map<String, Quantity> quantities(ResourceList l) {
        Map<String, Quantity> q = new LinkedHashMap<>();
        if (l != null && l.cpu != null) {
            q.put("cpu", new Quantity(l.cpu));
        }
        if (l != null && l.memory != null) {
            q.put("memory", new Quantity(l.memory));
        }
        return q;
    }
}
