package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.opsgate.api.common.ComputeResources;
import io.opsgate.operator.common.Labels;
import io.opsgate.operator.config.ChannelSecret;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ingest and notify Deployments, hardened as the contract says (docs/architecture.md): non-root
 * UID 10001, read-only root filesystem with an emptyDir at /tmp, no privilege escalation, every
 * capability dropped, seccomp RuntimeDefault, an API token for ingest only (its Role is narrow), requests and
 * limits, probes on /healthz and /readyz of the plain metrics port. Secret volumes are readable by the pod's
 * group only. The API (and ingest's SMTP intake on STARTTLS) uses the one mounted TLS Secret; the
 * key-encryption keys are mounted read-only.
 */
public final class TenantDeploymentBuilder {

    public static final String CONFIG_HASH_ANNOTATION = "opsgate.io/config-hash";
    public static final long RUN_AS = 10001L;
    static final String CONFIG_DIR = "/etc/opsgate/config";
    static final String SECRETS_DIR = "/var/run/opsgate/secrets";
    static final String INTERNAL_DIR = "/var/run/opsgate/internal";
    /** The internal token as ingest and notify read it (OPSGATE_INTERNAL_TOKEN_FILE). */
    static final String INTERNAL_TOKEN_FILE = INTERNAL_DIR + "/" + TenantSecretBuilder.TOKEN_KEY;
    static final String DATA_DIR = "/var/lib/opsgate";
    /**
     * The TLS Secret's one mount (tls.crt, tls.key, ca.crt): the API's TLS and the SMTP intake's STARTTLS
     * both use it. The key-encryption keys' mount holds one file per id.
     */
    static final String TLS_DIR = "/var/run/opsgate/tls";
    static final String KEK_DIR = "/var/run/opsgate/kek";
    /** Plain-HTTP /metrics, /healthz and /readyz, so Prometheus and the kubelet need no certificate. */
    public static final int METRICS_PORT = 9090;
    /** 0440: owner root, group fsGroup 10001, nobody else. */
    static final int SECRET_MODE = 0440;

    private TenantDeploymentBuilder() {
    }

    public static Deployment build(DesiredTenant d, Workload w) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(CONFIG_HASH_ANNOTATION, d.configHash());
        return new DeploymentBuilder()
                .withMetadata(d.meta(w.objectName(), w.component()))
                .withNewSpec()
                .withReplicas(w.spec(d.spec()).replicas)
                .withNewSelector().withMatchLabels(Labels.selector(d.tenantName(), w.component())).endSelector()
                // One writer per embedded store: the old pod must release the volume before the new one starts.
                .withNewStrategy().withType("Recreate").endStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Labels.of(d.tenantName(), w.component()))
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withServiceAccountName(w.objectName())
                // Ingest creates OpsJobRuns and writes Monitor status, as its narrow Role allows; notify needs no token.
                .withAutomountServiceAccountToken(w == Workload.INGEST)
                .withEnableServiceLinks(false)
                .withSecurityContext(podSecurityContext())
                .withContainers(container(d, w))
                .withVolumes(volumes(d, w))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The pod security context of every pod the operator makes: non-root, seccomp RuntimeDefault (OpsJob pods too). */
    public static PodSecurityContext podSecurityContext() {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(RUN_AS)
                .withRunAsGroup(RUN_AS)
                .withFsGroup(RUN_AS)
                .withSeccompProfile(new SeccompProfileBuilder().withType("RuntimeDefault").build())
                .build();
    }

    /** The container security context of every container the operator makes: no privilege, no capability, read-only root. */
    public static SecurityContext containerSecurityContext() {
        Capabilities dropAll = new CapabilitiesBuilder().withDrop("ALL").build();
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(RUN_AS)
                .withRunAsGroup(RUN_AS)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withPrivileged(false)
                .withCapabilities(dropAll)
                .withSeccompProfile(new SeccompProfileBuilder().withType("RuntimeDefault").build())
                .build();
    }

    /**
     * The engine's command line from the contract: mode, the file locations, the listen addresses and the
     * TLS material; ingest also runs the SMTP intake, which offers the same certificate on STARTTLS.
     */
    static List<String> args(Workload w) {
        List<String> args = new ArrayList<>(List.of(w.component(),
                "--config-file=" + CONFIG_DIR + "/config.json",
                "--secrets-dir=" + SECRETS_DIR,
                "--data=" + DATA_DIR,
                "--listen=0.0.0.0:" + w.httpPort(),
                "--tls-cert=" + TLS_DIR + "/tls.crt",
                "--tls-key=" + TLS_DIR + "/tls.key",
                "--tls-ca=" + TLS_DIR + "/ca.crt",
                "--kek-dir=" + KEK_DIR,
                "--metrics-listen=0.0.0.0:" + METRICS_PORT));
        if (w == Workload.INGEST) {
            args.add("--smtp-listen=0.0.0.0:" + Workload.SMTP_PORT);
            args.add("--smtp-tls-cert=" + TLS_DIR + "/tls.crt");
            args.add("--smtp-tls-key=" + TLS_DIR + "/tls.key");
        }
        return List.copyOf(args);
    }

    private static Container container(DesiredTenant d, Workload w) {
        List<ContainerPort> ports = new ArrayList<>();
        ports.add(new ContainerPortBuilder().withName("http").withContainerPort(w.httpPort()).withProtocol("TCP").build());
        if (w == Workload.INGEST) {
            ports.add(new ContainerPortBuilder().withName("smtp").withContainerPort(Workload.SMTP_PORT).withProtocol("TCP").build());
        }
        ports.add(new ContainerPortBuilder().withName("metrics").withContainerPort(METRICS_PORT).withProtocol("TCP").build());
        List<EnvVar> env = new ArrayList<>();
        if (w == Workload.INGEST) {
            env.add(new EnvVar("OPSGATE_NOTIFY_URL", d.notifyUrl(), null));
        }
        // Notify renders the ticket links; spec.externalURL (or the platform's template) is where people find tickets.
        String externalUrl = d.externalUrl();
        if (w == Workload.NOTIFY && externalUrl != null) {
            env.add(new EnvVar("OPSGATE_EXTERNAL_URL", externalUrl, null));
        }
        // Both ends of the internal API read the same mounted token; said here rather than left to the engine's default.
        env.add(new EnvVar("OPSGATE_INTERNAL_TOKEN_FILE", INTERNAL_TOKEN_FILE, null));
        return new ContainerBuilder()
                .withName(w.component())
                .withImage(d.engineImage())
                .withImagePullPolicy("IfNotPresent")
                .withArgs(args(w))
                .withPorts(ports)
                .withEnv(env)
                .withResources(resources(w.spec(d.spec()).resources))
                .withSecurityContext(containerSecurityContext())
                .withLivenessProbe(probe("/healthz", 10, 10))
                .withReadinessProbe(probe("/readyz", 5, 5))
                .withVolumeMounts(mounts(w))
                .build();
    }

    static ResourceRequirements resources(ComputeResources r) {
        return new ResourceRequirementsBuilder()
                .withRequests(Map.of("cpu", new Quantity(r.requests.cpu), "memory", new Quantity(r.requests.memory)))
                .withLimits(Map.of("cpu", new Quantity(r.limits.cpu), "memory", new Quantity(r.limits.memory)))
                .build();
    }

    static Probe probe(String path, int initialDelaySeconds, int periodSeconds) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString("metrics")).withScheme("HTTP").endHttpGet()
                .withInitialDelaySeconds(initialDelaySeconds)
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(2)
                .withFailureThreshold(3)
                .withSuccessThreshold(1)
                .build();
    }

    static List<VolumeMount> mounts(Workload w) {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(mount("config", CONFIG_DIR, true));
        mounts.add(mount("internal", INTERNAL_DIR, true));
        mounts.add(mount("data", DATA_DIR, false));
        mounts.add(mount("tmp", "/tmp", false));
        mounts.add(mount("tls", TLS_DIR, true));
        mounts.add(mount("kek", KEK_DIR, true));
        if (w == Workload.NOTIFY) {
            mounts.add(mount("channel-secrets", SECRETS_DIR, true));
        }
        if (w == Workload.INGEST) {
            mounts.add(mount("intake-secrets", SECRETS_DIR, true));
        }
        return mounts;
    }

    private static VolumeMount mount(String name, String path, boolean readOnly) {
        return new VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly(readOnly).build();
    }

    private static List<Volume> volumes(DesiredTenant d, Workload w) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("config")
                .withNewSecret().withSecretName(TenantSecretBuilder.CONFIG_SECRET).withDefaultMode(SECRET_MODE).endSecret()
                .build());
        volumes.add(new VolumeBuilder().withName("internal")
                .withNewSecret().withSecretName(TenantSecretBuilder.INTERNAL_SECRET).withDefaultMode(SECRET_MODE).endSecret()
                .build());
        volumes.add(new VolumeBuilder().withName("data")
                .withNewPersistentVolumeClaim().withClaimName(w.dataClaimName()).endPersistentVolumeClaim()
                .build());
        volumes.add(new VolumeBuilder().withName("tmp")
                .withNewEmptyDir().withSizeLimit(new Quantity("256Mi")).endEmptyDir()
                .build());
        volumes.add(new VolumeBuilder().withName("tls")
                .withNewSecret().withSecretName(TenantSecretBuilder.tlsSecretName(d.spec())).withDefaultMode(SECRET_MODE).endSecret()
                .build());
        volumes.add(new VolumeBuilder().withName("kek")
                .withNewSecret().withSecretName(TenantSecretBuilder.KEK_SECRET).withDefaultMode(SECRET_MODE).endSecret()
                .build());
        if (w == Workload.NOTIFY) {
            volumes.add(channelSecretsVolume(d.channelSecrets()));
        }
        if (w == Workload.INGEST) {
            volumes.add(secretsVolume("intake-secrets", d.intakeSecrets()));
        }
        return volumes;
    }

    /**
     * One projected volume with a directory per Secret. The sources are optional: a channel whose Secret
     * or key is missing must not keep notify from starting, since the other channels keep working (the
     * engine reports the missing credential).
     */
    static Volume channelSecretsVolume(List<ChannelSecret> secrets) {
        return secretsVolume("channel-secrets", secrets);
    }

    /** The projected volume of some Secrets, each under its own directory, every source optional. */
    static Volume secretsVolume(String name, List<ChannelSecret> secrets) {
        List<VolumeProjection> sources = new ArrayList<>();
        for (ChannelSecret s : secrets) {
            sources.add(new VolumeProjectionBuilder()
                    .withNewSecret()
                    .withName(s.secretName())
                    .withOptional(true)
                    .withItems(s.keys().stream()
                            .map(k -> new KeyToPathBuilder().withKey(k).withPath(s.secretName() + "/" + k).build())
                            .toList())
                    .endSecret()
                    .build());
        }
        return new VolumeBuilder().withName(name)
                .withNewProjected().withDefaultMode(SECRET_MODE).withSources(sources).endProjected()
                .build();
    }
}
