package io.opsgate.operator.jobs;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.opsgate.api.egress.EgressGuard;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.OpsJobRun;
import io.opsgate.api.v1alpha1.OpsJobStatus;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.validation.Reasons;
import io.opsgate.api.validation.ResourceValidator;
import io.opsgate.api.validation.SecretReferences;
import io.opsgate.api.validation.ValidationResult;
import io.opsgate.operator.common.EventRecorder;
import io.opsgate.operator.common.Labels;
import io.opsgate.operator.common.NamespacedInformers;
import io.opsgate.operator.common.TenantNamespaces;
import io.opsgate.operator.common.TenantObjectReconciler;
import io.opsgate.operator.config.NamespaceObjects;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Validates OpsJobs, keeps the CronJob of each scheduled one (a dependent that exists only while the job
 * is valid and has a schedule), and reports status: validity, the CronJob's name and the latest run. A job
 * is valid only if the AlertRule that triggers it is (which depends on channels) and its dependsOn names
 * existing jobs without a cycle, so rule, channel and sibling job changes re-validate the jobs of their
 * namespace. Runs become Jobs in {@link OpsJobRunReconciler}.
 *
 * <p>CronJobs are watched in the managed tenant namespaces only ({@link NamespacedInformers}), where the
 * operator's RoleBinding lets it; before a job's CronJob is written, the Secrets it mounts are checked
 * live ({@link CredentialCheck}), so a schedule never mounts a Secret of opsgate's (issue 13, finding 3).
 */
@ControllerConfiguration(name = OpsJobReconciler.NAME)
public final class OpsJobReconciler extends TenantObjectReconciler<OpsJob, OpsJobStatus> {

    public static final String NAME = "OpsJob";
    private InformerEventSource<AlertRule, OpsJob> rules;
    private InformerEventSource<NotificationChannel, OpsJob> channels;
    private InformerEventSource<OpsJob, OpsJob> siblings;
    private InformerEventSource<OpsJobRun, OpsJob> runs;
    private final CronJobDependentResource cronJobs = new CronJobDependentResource();
    private final NamespacedInformers<OpsJob> inTenantNamespaces;

    /**
     * @param tenantNamespaces the namespaces the operator manages: CronJobs are made and watched there only
     */
    public OpsJobReconciler(Set<String> watchedNamespaces, EventRecorder events, Clock clock, EgressGuard guard,
                            TenantNamespaces tenantNamespaces) {
        super(NAME, OpsJobStatus.class, watchedNamespaces, events, clock, guard);
        this.inTenantNamespaces = new NamespacedInformers<>(NAME, tenantNamespaces);
    }

    @Override
    protected List<EventSource<?, OpsJob>> dependencies(EventSourceContext<OpsJob> context) {
        rules = dependency(AlertRule.class, context);
        channels = dependency(NotificationChannel.class, context);
        siblings = dependency(OpsJob.class, context);
        InformerEventSourceConfiguration.Builder<OpsJobRun> config = InformerEventSourceConfiguration
                .from(OpsJobRun.class, OpsJob.class)
                .withName("latest-OpsJobRun")
                .withSecondaryToPrimaryMapper(r -> Set.of(new ResourceID(r.getSpec().opsJob, r.getMetadata().getNamespace())));
        runs = new InformerEventSource<>(config.build(), context);
        inTenantNamespaces.declare(InformerEventSourceConfiguration.from(CronJob.class, OpsJob.class)
                .withName("owned-CronJob")
                .withLabelSelector(Labels.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(OpsJob.class)), cronJobs::setEventSource);
        return List.of(rules, channels, siblings, runs, inTenantNamespaces.eventSource(context));
    }

    /** A job that would mount a Secret carrying opsgate's label is refused, whatever the Secret's name. */
    @Override
    protected ValidationResult checked(OpsJob job, ValidationResult compiled, Optional<Tenant> tenant,
                                       Context<OpsJob> context) {
        String ns = job.getMetadata().getNamespace();
        if (!compiled.isValid() || job.getSpec() == null || job.getSpec().credentials == null
                || !inTenantNamespaces.ready(ns, context)) {
            return compiled;
        }
        ValidationResult live = CredentialCheck.of(job.getSpec(),
                tenant.map(t -> SecretReferences.namedByTenant(t.getSpec())).orElse(Set.of()),
                name -> Optional.ofNullable(context.getClient().secrets().inNamespace(ns).withName(name).get()));
        return live.isValid() ? compiled : live;
    }

    /**
     * The CronJob exists only for a scheduled job whose own spec is valid and mounts nothing of opsgate's;
     * otherwise an old one is deleted. Nothing is written in a namespace the operator does not manage.
     */
    @Override
    protected void reconcileDependents(OpsJob job, ValidationResult result, Context<OpsJob> context) {
        if (!inTenantNamespaces.ready(job.getMetadata().getNamespace(), context)) {
            return;
        }
        boolean scheduled = job.getSpec() != null && job.getSpec().schedule != null
                && ResourceValidator.opsJob(DefaultedJob.spec(job)).isValid()
                && result.errors().stream().noneMatch(e -> Reasons.RESERVED_SECRET.equals(e.reason()));
        if (scheduled) {
            cronJobs.reconcile(job, context);
        } else {
            cronJobs.delete(job, context);
        }
    }

    @Override
    protected NamespaceObjects inputs(String namespace, Context<OpsJob> context) {
        return new NamespaceObjects(list(rules, namespace), List.of(), list(channels, namespace),
                primaries(context, namespace), List.of());
    }

    @Override
    protected Map<String, String> referencedSecrets(OpsJob job) {
        Map<String, String> refs = new HashMap<>();
        for (int i = 0; job.getSpec() != null && job.getSpec().credentials != null && i < job.getSpec().credentials.size(); i++) {
            if (job.getSpec().credentials.get(i) != null) {
                refs.put("spec.credentials[" + i + "].secretName", job.getSpec().credentials.get(i).secretName);
            }
        }
        return refs;
    }

    @Override
    protected void fillStatus(OpsJob job, ValidationResult result, OpsJobStatus next, Context<OpsJob> context) {
        keepEgressPolicy(job, result.isValid(), context.getClient());
        String name = job.getMetadata().getName();
        next.cronJobName = job.getSpec() != null && job.getSpec().schedule != null && result.isValid()
                ? JobNames.cronJob(name) : null;
        next.lastRun = runs.list(job.getMetadata().getNamespace(), r -> name.equals(r.getSpec().opsJob))
                .max(Comparator.comparing((OpsJobRun r) -> RunAdmission.created(r, Instant.EPOCH))
                        .thenComparing(r -> r.getMetadata().getName()))
                .map(OpsJobReconciler::reference).orElse(null);
    }

    /**
     * The job pods' egress policy exists exactly while the job is valid (its egress within the Tenant's) and
     * declares egress; it is compared by value, so a rule added by hand is removed at the next reconcile.
     */
    private static void keepEgressPolicy(OpsJob job, boolean valid, KubernetesClient client) {
        String ns = job.getMetadata().getNamespace();
        String name = JobEgressPolicyBuilder.name(job.getMetadata().getName());
        NetworkPolicy live = client.network().v1().networkPolicies().inNamespace(ns).withName(name).get();
        if (!valid || job.getSpec() == null || job.getSpec().egress == null || job.getSpec().egress.isEmpty()) {
            if (live != null) {
                client.resource(live).delete();
            }
            return;
        }
        NetworkPolicy desired = JobEgressPolicyBuilder.build(job);
        if (live != null && Objects.equals(live.getSpec(), desired.getSpec())
                && live.getMetadata().getOwnerReferences() != null && !live.getMetadata().getOwnerReferences().isEmpty()) {
            return;
        }
        desired.addOwnerReference(job);
        client.resource(desired).createOr(r -> r.update());
    }

    private static OpsJobStatus.RunReference reference(OpsJobRun r) {
        OpsJobStatus.RunReference ref = new OpsJobStatus.RunReference();
        ref.name = r.getMetadata().getName();
        ref.phase = r.getStatus() == null ? null : r.getStatus().phase;
        ref.startTime = r.getStatus() == null ? null : r.getStatus().startTime;
        return ref;
    }
}
