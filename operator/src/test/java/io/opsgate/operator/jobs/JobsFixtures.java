package io.opsgate.operator.jobs;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.OpsJobRun;
import io.opsgate.api.v1alpha1.OpsJobRunSpec;
import io.opsgate.api.v1alpha1.OpsJobRunStatus;
import io.opsgate.api.v1alpha1.OpsJobSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** OpsJobs and OpsJobRuns for the job tests. */
final class JobsFixtures {
    static final String NS = "opsgate-acme";

    private JobsFixtures() {
    }

    static OpsJob job(String name, String... dependsOn) {
        OpsJob j = new OpsJob();
        j.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS)
                .withLabels(Map.of("opsgate.io/tenant", "acme")).build());
        OpsJobSpec spec = new OpsJobSpec();
        spec.container = new OpsJobSpec.JobContainer();
        spec.container.image = "registry.example/ops/runner:1";
        spec.dependsOn = new ArrayList<>(List.of(dependsOn));
        j.setSpec(spec);
        return j;
    }

    static OpsJob scheduled(String name, String cron, String zone) {
        OpsJob j = job(name);
        j.getSpec().schedule = new OpsJobSpec.ScheduleSpec();
        j.getSpec().schedule.cron = cron;
        j.getSpec().schedule.timeZone = zone;
        return j;
    }

    static OpsJobRun run(String name, String job, OpsJobRunSpec.RunReason reason, String created, String phase) {
        OpsJobRun r = new OpsJobRun();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).withUid("uid-" + name)
                .withCreationTimestamp(created).build());
        r.setSpec(new OpsJobRunSpec());
        r.getSpec().opsJob = job;
        r.getSpec().reason = reason;
        if (phase != null) {
            r.setStatus(new OpsJobRunStatus());
            r.getStatus().phase = phase;
        }
        return r;
    }
}
