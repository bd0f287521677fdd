package io.opsgate.operator.jobs;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.OpsJobRun;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.api.v1alpha1.OpsgateApi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Job of one step of a run: the step's OpsJob pod (its own credentials only), labelled with the job
 * and the run, owned by the OpsJobRun so that deleting the run deletes its Jobs. The container learns why
 * it runs from OPSGATE_* variables, the same ones a local job gets in standalone mode.
 */
public final class RunJobBuilder {

    private RunJobBuilder() {
    }

    public static Job build(OpsJobRun run, OpsJob step) {
        OpsJobSpec spec = DefaultedJob.spec(step);
        String runName = run.getMetadata().getName();
        Map<String, String> labels = new LinkedHashMap<>(CronJobBuilder.labels(step));
        labels.put(OpsgateApi.OPSJOBRUN_LABEL, runName);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OPSGATE_OPSJOB", step.getMetadata().getName());
        env.put("OPSGATE_RUN", runName);
        env.put("OPSGATE_RUN_REASON", run.getSpec().reason == null ? "Manual" : run.getSpec().reason.name());
        if (run.getSpec().alert != null && run.getSpec().alert.alertname != null) {
            env.put("OPSGATE_ALERTNAME", run.getSpec().alert.alertname);
        }
        return new JobBuilder()
                .withNewMetadata()
                .withName(JobNames.step(runName, step.getMetadata().getName()))
                .withNamespace(run.getMetadata().getNamespace())
                .withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(OpsgateApi.API_VERSION)
                        .withKind("OpsJobRun")
                        .withName(runName)
                        .withUid(run.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(true)
                        .build())
                .endMetadata()
                .withSpec(CronJobBuilder.jobSpec(spec, labels, env))
                .build();
    }
}
