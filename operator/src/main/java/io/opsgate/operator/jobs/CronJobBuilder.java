package io.opsgate.operator.jobs;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.opsgate.api.time.Durations;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.api.v1alpha1.OpsgateApi;
import io.opsgate.operator.common.Labels;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CronJob of a scheduled OpsJob: its cron expression and IANA time zone, its concurrency policy, and
 * Jobs bounded by the OpsJob's timeout (activeDeadlineSeconds) and retries (backoffLimit) with the
 * hardened pod of {@link JobPodTemplate}. A pure function of the OpsJob.
 */
public final class CronJobBuilder {
    /** Kept finished Jobs of a schedule: enough to read why the last ones failed. */
    static final int HISTORY = 3;
    /** A Job not started within this many seconds of its time is skipped rather than started late. */
    static final long STARTING_DEADLINE_SECONDS = 300;

    private CronJobBuilder() {
    }

    public static CronJob build(OpsJob job) {
        return build(job, false);
    }

    /** @param suspended an OperationsSuspension stops the job's schedule now ({@link ScheduleSuspension}) */
    public static CronJob build(OpsJob job, boolean suspended) {
        OpsJobSpec spec = DefaultedJob.spec(job);
        String name = job.getMetadata().getName();
        Map<String, String> labels = labels(job);
        return new io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder()
                .withNewMetadata()
                .withName(JobNames.cronJob(name))
                .withNamespace(job.getMetadata().getNamespace())
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withSchedule(spec.schedule.cron)
                .withTimeZone(spec.schedule.timeZone)
                .withConcurrencyPolicy(spec.concurrencyPolicy.name())
                .withStartingDeadlineSeconds(STARTING_DEADLINE_SECONDS)
                .withSuccessfulJobsHistoryLimit(HISTORY)
                .withFailedJobsHistoryLimit(HISTORY)
                .withSuspend(suspended)
                .withNewJobTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withSpec(jobSpec(spec, labels, Map.of("OPSGATE_OPSJOB", name, "OPSGATE_RUN_REASON", "Schedule")))
                .endJobTemplate()
                .endSpec()
                .build();
    }

    /** A Job's spec for one run of {@code spec}: shared by the CronJob's template and the Jobs of OpsJobRuns. */
    static JobSpec jobSpec(OpsJobSpec spec, Map<String, String> podLabels, Map<String, String> env) {
        return new JobSpecBuilder()
                .withActiveDeadlineSeconds(Math.max(1, Durations.parse(spec.timeout).toSeconds()))
                .withBackoffLimit(spec.retries)
                .withTemplate(JobPodTemplate.build(spec, podLabels, env))
                .build();
    }

    /** The labels of everything made for an OpsJob. */
    static Map<String, String> labels(OpsJob job) {
        String tenant = job.getMetadata().getLabels() == null ? null
                : job.getMetadata().getLabels().get(OpsgateApi.TENANT_LABEL);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.NAME, Labels.APP);
        labels.put(Labels.COMPONENT, "opsjob");
        labels.put(Labels.MANAGED_BY, OpsgateApi.MANAGED_BY);
        if (tenant != null) {
            labels.put(Labels.TENANT, tenant);
        }
        labels.put(OpsgateApi.OPSJOB_LABEL, job.getMetadata().getName());
        return labels;
    }
}
