package io.opsgate.operator.jobs;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.jobs.JobNet;
import io.opsgate.api.jobs.RunPhases;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.OpsJobRun;
import io.opsgate.api.v1alpha1.OpsJobRunStatus;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.api.v1alpha1.OpsgateApi;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.validation.Reasons;
import io.opsgate.api.validation.SecretReferences;
import io.opsgate.api.validation.ValidationResult;
import io.opsgate.operator.common.EventRecorder;
import io.opsgate.operator.common.Labels;
import io.opsgate.operator.common.NamespacedInformers;
import io.opsgate.operator.common.StatusComparison;
import io.opsgate.operator.common.TenantIndex;
import io.opsgate.operator.common.TenantNamespaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns an OpsJobRun into Kubernetes Jobs and their results into the run's status. When a run is new it
 * is admitted or refused once: its OpsJob must exist, its job net must be free of dependsOn cycles (the
 * refusal names the cycle), and the guardrails and concurrency policy must allow it ({@link RunAdmission}).
 * Then each reconcile moves the net one step ({@link RunProgress}): Jobs of jobs whose dependencies
 * succeeded are created, Job statuses become step statuses (exit code from the pod, log tail when the API
 * serves it), and downstream jobs of a failure are skipped. A finished run is never touched again.
 */
@ControllerConfiguration(name = OpsJobRunReconciler.NAME)
public final class OpsJobRunReconciler implements Reconciler<OpsJobRun> {

    public static final String NAME = "OpsJobRun";
    /** A run in a namespace no Tenant holds (yet) waits with this reason. */
    public static final String NAMESPACE_NOT_MANAGED = "NamespaceNotManaged";
    /** Lines of a finished step's log kept in the status. */
    static final int LOG_LINES = 20;
    static final int LOG_CHARS = 4000;
    private static final Logger LOG = LoggerFactory.getLogger(OpsJobRunReconciler.class);

    private final Set<String> watchedNamespaces;
    private final EventRecorder events;
    private final Clock clock;
    private final NamespacedInformers<OpsJobRun> inTenantNamespaces;
    private volatile InformerEventSource<Job, OpsJobRun> jobs;
    private volatile InformerEventSource<Pod, OpsJobRun> pods;
    private InformerEventSource<OpsJob, OpsJobRun> opsJobs;
    private InformerEventSource<Tenant, OpsJobRun> tenants;

    /**
     * @param tenantNamespaces the namespaces the operator manages: Jobs are made and watched there only
     */
    public OpsJobRunReconciler(Set<String> watchedNamespaces, EventRecorder events, Clock clock,
                               TenantNamespaces tenantNamespaces) {
        this.watchedNamespaces = Set.copyOf(watchedNamespaces);
        this.events = events;
        this.clock = clock;
        this.inTenantNamespaces = new NamespacedInformers<>(NAME, tenantNamespaces);
    }

    @Override
    public List<EventSource<?, OpsJobRun>> prepareEventSources(EventSourceContext<OpsJobRun> context) {
        inTenantNamespaces.declare(byRunLabel(Job.class), s -> jobs = s);
        inTenantNamespaces.declare(byRunLabel(Pod.class), s -> pods = s);
        InformerEventSourceConfiguration.Builder<OpsJob> config = InformerEventSourceConfiguration
                .from(OpsJob.class, OpsJobRun.class)
                .withName("runs-OpsJob")
                .withSecondaryToPrimaryMapper(j -> unfinishedRuns(context, j.getMetadata().getNamespace()));
        if (!watchedNamespaces.isEmpty()) {
            config.withNamespaces(watchedNamespaces);
        }
        opsJobs = new InformerEventSource<>(config.build(), context);
        tenants = new InformerEventSource<>(InformerEventSourceConfiguration.from(Tenant.class, OpsJobRun.class)
                .withName("runs-Tenant")
                .withWatchAllNamespaces()
                .withOnUpdateFilter((a, b) -> false)
                .withSecondaryToPrimaryMapper(t -> Set.of())
                .build(), context);
        return List.of(opsJobs, tenants, inTenantNamespaces.eventSource(context));
    }

    /** Jobs and pods carry the run's name as a label: that maps them to their run. */
    private static <T extends HasMetadata> InformerEventSourceConfiguration.Builder<T> byRunLabel(Class<T> type) {
        return InformerEventSourceConfiguration.from(type, OpsJobRun.class)
                .withName("runs-" + type.getSimpleName())
                .withLabelSelector(Labels.MANAGED_SELECTOR + "," + OpsgateApi.OPSJOBRUN_LABEL)
                .withSecondaryToPrimaryMapper(o -> Set.of(new ResourceID(
                        o.getMetadata().getLabels().get(OpsgateApi.OPSJOBRUN_LABEL), o.getMetadata().getNamespace())));
    }

    private static Set<ResourceID> unfinishedRuns(EventSourceContext<OpsJobRun> context, String namespace) {
        return context.getPrimaryCache().list(namespace)
                .filter(r -> r.getStatus() == null || !RunPhases.finished(r.getStatus().phase))
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    @Override
    public UpdateControl<OpsJobRun> reconcile(OpsJobRun run, Context<OpsJobRun> context) {
        OpsJobRunStatus old = run.getStatus();
        if (old != null && RunPhases.finished(old.phase)) {
            return UpdateControl.noUpdate();
        }
        String ns = run.getMetadata().getNamespace();
        Instant now = clock.instant();
        Map<String, OpsJob> byName = new LinkedHashMap<>();
        opsJobs.list(ns, j -> true).forEach(j -> byName.put(j.getMetadata().getName(), j));
        Map<String, List<String>> dependsOn = new HashMap<>();
        byName.forEach((name, j) -> dependsOn.put(name, j.getSpec() == null ? List.of() : j.getSpec().dependsOn));
        String requested = run.getSpec().opsJob;

        OpsJobRunStatus next = old == null ? new OpsJobRunStatus() : StatusComparison.copy(old, OpsJobRunStatus.class);
        next.observedGeneration = run.getMetadata().getGeneration();
        boolean deciding = old == null || old.phase == null;
        if (!byName.containsKey(requested)) {
            return finish(run, old, next, deciding ? RunPhases.REFUSED : RunPhases.FAILED, "OpsJobNotFound",
                    "spec.opsJob: OpsJob " + requested + " does not exist in namespace " + ns, now);
        }
        Optional<String> cycle = DependencyCycles.through(dependsOn, DependencyCycles.downstreamOf(requested, dependsOn));
        if (cycle.isPresent()) {
            return finish(run, old, next, deciding ? RunPhases.REFUSED : RunPhases.FAILED, "DependencyCycle",
                    "spec.opsJob: the job net of " + requested + " has a dependsOn cycle: " + cycle.get(), now);
        }
        JobNet net = JobNet.of(requested, dependsOn);
        if (!inTenantNamespaces.ready(ns, context)) {
            return waitForNamespace(run, old, next, ns, now);
        }
        Optional<String> reserved = reservedCredentials(net, byName, ns, context);
        if (reserved.isPresent()) {
            return finish(run, old, next, deciding ? RunPhases.REFUSED : RunPhases.FAILED, Reasons.RESERVED_SECRET,
                    reserved.get(), now);
        }
        OpsJobSpec spec = DefaultedJob.spec(byName.get(requested));
        if (deciding) {
            RunAdmission.Verdict verdict = RunAdmission.decide(run, context.getPrimaryCache().list(ns).toList(), spec, now);
            if (!verdict.admitted()) {
                return finish(run, old, next, RunPhases.REFUSED, verdict.reason(), verdict.message(), now);
            }
        }

        Map<String, StepObservation> observed = new HashMap<>();
        for (String job : net.order()) {
            Optional<Job> k8s = jobs.get(new ResourceID(JobNames.step(run.getMetadata().getName(), job), ns));
            if (k8s.isPresent()) {
                List<Pod> ofStep = pods.list(ns, p -> job.equals(p.getMetadata().getLabels().get(OpsgateApi.OPSJOB_LABEL))
                        && run.getMetadata().getName().equals(p.getMetadata().getLabels().get(OpsgateApi.OPSJOBRUN_LABEL)))
                        .toList();
                observed.put(job, StepObservation.of(k8s.get(), ofStep));
            }
        }
        RunProgress.Result result = RunProgress.next(run.getMetadata().getName(), net, next.steps, observed,
                replacedBy(run, spec, context));
        for (String job : result.toStart()) {
            startJob(run, byName.get(job), context);
        }
        for (String job : result.toStop()) {
            context.getClient().batch().v1().jobs().inNamespace(ns).withName(JobNames.step(run.getMetadata().getName(), job))
                    .delete();
        }
        List<OpsJobRunStatus.Step> steps = new ArrayList<>();
        for (OpsJobRunStatus.Step s : result.steps()) {
            steps.add(withLogTail(s, observed.get(s.opsJob), ns, context));
        }
        next.steps = steps;
        next.phase = result.phase();
        next.startTime = result.startTime();
        next.completionTime = result.completionTime();
        next.conditions = conditions(next, run.getMetadata().getGeneration(), now);
        return patch(run, old, next);
    }

    /** The first job of the net that would mount a Secret of opsgate's, described for the run's status. */
    private Optional<String> reservedCredentials(JobNet net, Map<String, OpsJob> byName, String ns,
                                                 Context<OpsJobRun> context) {
        Set<String> tenantSecrets = TenantIndex.owning(tenants.list(t -> true), ns)
                .map(t -> SecretReferences.namedByTenant(t.getSpec())).orElse(Set.of());
        for (String job : net.order()) {
            OpsJob j = byName.get(job);
            if (j == null || j.getSpec() == null) {
                continue;
            }
            ValidationResult r = CredentialCheck.of(j.getSpec(), tenantSecrets,
                    name -> Optional.ofNullable(context.getClient().secrets().inNamespace(ns).withName(name).get()));
            if (!r.isValid()) {
                return Optional.of("OpsJob " + job + ": " + r.message());
            }
        }
        return Optional.empty();
    }

    /** The run waits, undecided, until its namespace is a tenant namespace the operator manages. */
    private UpdateControl<OpsJobRun> waitForNamespace(OpsJobRun run, OpsJobRunStatus old, OpsJobRunStatus next, String ns,
                                                      Instant now) {
        next.conditions = Conditions.set(next.conditions, ConditionTypes.READY, ConditionTypes.FALSE, NAMESPACE_NOT_MANAGED,
                "namespace " + ns + " is not a tenant namespace the operator manages (yet): no Tenant holds it",
                run.getMetadata().getGeneration(), now);
        return patch(run, old, next);
    }

    private void startJob(OpsJobRun run, OpsJob job, Context<OpsJobRun> context) {
        Job desired = RunJobBuilder.build(run, job);
        try {
            context.getClient().resource(desired).create();
            LOG.info("OpsJobRun {}/{}: started Job {}", run.getMetadata().getNamespace(), run.getMetadata().getName(),
                    desired.getMetadata().getName());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    /** The newest admitted run of the same job when the policy is Replace and this run is older. */
    private static String replacedBy(OpsJobRun run, OpsJobSpec spec, Context<OpsJobRun> context) {
        if (spec.concurrencyPolicy != OpsJobSpec.ConcurrencyPolicy.Replace) {
            return null;
        }
        Instant mine = RunAdmission.created(run, Instant.EPOCH);
        return context.getPrimaryCache().list(run.getMetadata().getNamespace())
                .filter(o -> run.getSpec().opsJob.equals(o.getSpec().opsJob))
                .filter(o -> !o.getMetadata().getName().equals(run.getMetadata().getName()))
                .filter(o -> o.getStatus() != null && o.getStatus().phase != null && !RunPhases.REFUSED.equals(o.getStatus().phase))
                .filter(o -> RunAdmission.created(o, Instant.EPOCH).isAfter(mine))
                .map(o -> o.getMetadata().getName())
                .sorted()
                .findFirst().orElse(null);
    }

    /** Once a step finished, the last lines of its pod's log, if the API serves them; kept from then on. */
    private static OpsJobRunStatus.Step withLogTail(OpsJobRunStatus.Step step, StepObservation seen, String ns,
                                                    Context<OpsJobRun> context) {
        if (step.logTail != null || seen == null || seen.pod() == null || !RunPhases.finished(step.phase)) {
            return step;
        }
        try {
            String log = context.getClient().pods().inNamespace(ns).withName(seen.pod()).tailingLines(LOG_LINES).getLog();
            if (log != null && !log.isBlank()) {
                String trimmed = log.strip();
                step.logTail = trimmed.length() > LOG_CHARS ? trimmed.substring(trimmed.length() - LOG_CHARS) : trimmed;
            }
        } catch (KubernetesClientException e) {
            LOG.debug("no log of pod {}/{}: {}", ns, seen.pod(), e.getMessage());
        }
        return step;
    }

    private static List<io.fabric8.kubernetes.api.model.Condition> conditions(OpsJobRunStatus s, Long generation,
                                                                             Instant now) {
        return switch (s.phase) {
            case RunPhases.SUCCEEDED -> Conditions.set(s.conditions, ConditionTypes.READY, ConditionTypes.TRUE,
                    "Succeeded", "every step succeeded", generation, now);
            case RunPhases.FAILED -> Conditions.set(s.conditions, ConditionTypes.READY, ConditionTypes.FALSE, "Failed",
                    s.steps.stream().filter(x -> RunPhases.FAILED.equals(x.phase)).map(x -> "step " + x.opsJob + " failed: "
                            + x.message).collect(Collectors.joining("; ")), generation, now);
            default -> Conditions.set(s.conditions, ConditionTypes.READY, ConditionTypes.FALSE, "Running",
                    s.steps.stream().map(x -> x.opsJob + " " + x.phase).collect(Collectors.joining(", ")), generation, now);
        };
    }

    private UpdateControl<OpsJobRun> finish(OpsJobRun run, OpsJobRunStatus old, OpsJobRunStatus next, String phase,
                                            String reason, String message, Instant now) {
        next.phase = phase;
        if (next.completionTime == null) {
            next.completionTime = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        }
        next.conditions = Conditions.set(next.conditions, ConditionTypes.READY, ConditionTypes.FALSE, reason, message,
                run.getMetadata().getGeneration(), now);
        if (!StatusComparison.same(old, next)) {
            events.record(run, EventRecorder.WARNING, reason, phase.equals(RunPhases.REFUSED) ? "Admit" : "Run", message);
        }
        return patch(run, old, next);
    }

    private static UpdateControl<OpsJobRun> patch(OpsJobRun run, OpsJobRunStatus old, OpsJobRunStatus next) {
        if (StatusComparison.same(old, next)) {
            return UpdateControl.noUpdate();
        }
        run.setStatus(next);
        return UpdateControl.patchStatus(run);
    }
}
