package io.opsgate.operator.jobs;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.jobs.RunGuardrails;
import io.opsgate.api.jobs.RunPhases;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.OpsJobRun;
import io.opsgate.api.v1alpha1.OpsJobRunSpec.RunReason;
import io.opsgate.api.v1alpha1.OpsJobRunStatus;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static io.opsgate.operator.jobs.JobsFixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** OpsJobs become CronJobs, OpsJobRuns become Jobs, and Job results come back as run status (mock API server). */
class OpsJobsIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    final MockCluster cluster = MockCluster.runningOperator();

    @BeforeEach
    void createTenant() {
        cluster.create(Fixtures.tenant("acme"));
    }

    @Test
    void aScheduleBecomesAHardenedCronJobThatIsKeptAndRemovedWithTheSchedule() {
        OpsJob job = JobsFixtures.scheduled("backup", "30 2 * * *", "Asia/Tokyo");
        OpsJobSpec.CredentialMount key = new OpsJobSpec.CredentialMount();
        key.secretName = "backup-key";
        job.getSpec().credentials = List.of(key);
        cluster.create(job);
        await().atMost(WAIT).untilAsserted(() -> {
            CronJob c = cronJob("opsjob-backup");
            assertThat(c).isNotNull();
            assertThat(c.getSpec().getSchedule()).isEqualTo("30 2 * * *");
            assertThat(c.getSpec().getTimeZone()).isEqualTo("Asia/Tokyo");
            assertThat(c.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(o -> assertThat(o.getKind()).isEqualTo("OpsJob"));
            JobBuildersTest.assertHardened(c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
            assertThat(opsJob("backup").getStatus().cronJobName).isEqualTo("opsjob-backup");
        });

        CronJob tampered = cronJob("opsjob-backup");
        tampered.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext()
                .setPrivileged(true);
        cluster.client().resource(tampered).update();
        await().atMost(WAIT).untilAsserted(() -> assertThat(cronJob("opsjob-backup").getSpec().getJobTemplate().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getSecurityContext().getPrivileged()).isFalse());

        OpsJob now = opsJob("backup");
        now.getSpec().schedule = null;
        now.getSpec().trigger = new OpsJobSpec.TriggerSpec();
        now.getSpec().trigger.alertRule = "db";
        cluster.create(Fixtures.rule(NS, "db", "alertname=\"DbDown\""));
        cluster.client().resource(now).update();
        await().atMost(WAIT).untilAsserted(() -> assertThat(cronJob("opsjob-backup")).isNull());
    }

    @Test
    void aRunBecomesAJobAndTheJobsStatusBecomesTheRunsStatus() {
        cluster.create(JobsFixtures.job("restart"));
        cluster.create(run("r1", "restart", RunReason.Manual));
        Job job = await().atMost(WAIT).until(() -> job("r1-restart"), j -> j != null);
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("opsgate.io/opsjobrun", "r1");
        JobBuildersTest.assertHardened(job.getSpec().getTemplate().getSpec());

        finish(job, true, 0);
        await().atMost(WAIT).untilAsserted(() -> {
            OpsJobRunStatus s = run("r1").getStatus();
            assertThat(s.phase).isEqualTo(RunPhases.SUCCEEDED);
            assertThat(s.startTime).isEqualTo("2026-11-26T04:00:00Z");
            assertThat(s.completionTime).isEqualTo("2026-11-26T04:01:00Z");
            OpsJobRunStatus.Step step = s.steps.get(0);
            assertThat(step.jobName).isEqualTo("r1-restart");
            assertThat(step.exitCode).isZero();
            assertThat(ready(run("r1")).getStatus()).isEqualTo("True");
            assertThat(opsJob("restart").getStatus().lastRun.name).isEqualTo("r1");
            assertThat(opsJob("restart").getStatus().lastRun.phase).isEqualTo(RunPhases.SUCCEEDED);
        });
    }

    @Test
    void aFailureInTheMiddleOfAFourJobNetSkipsWhatIsDownstream() {
        cluster.create(JobsFixtures.job("a"));
        cluster.create(JobsFixtures.job("b", "a"));
        cluster.create(JobsFixtures.job("c", "b"));
        cluster.create(JobsFixtures.job("d", "c"));
        await().atMost(WAIT).until(() -> cluster.client().resources(OpsJob.class).inNamespace(NS).list().getItems().size() == 4);
        cluster.create(run("net", "a", RunReason.Manual));
        Job a = await().atMost(WAIT).until(() -> job("net-a"), j -> j != null);
        assertThat(job("net-b")).as("b waits for a").isNull();
        finish(a, true, 0);
        Job b = await().atMost(WAIT).until(() -> job("net-b"), j -> j != null);
        finish(b, false, 2);
        await().atMost(WAIT).untilAsserted(() -> {
            OpsJobRunStatus s = run("net").getStatus();
            assertThat(s.phase).isEqualTo(RunPhases.FAILED);
            assertThat(s.steps).extracting(x -> x.opsJob + "=" + x.phase)
                    .containsExactly("a=Succeeded", "b=Failed", "c=Skipped", "d=Skipped");
            assertThat(s.steps.get(1).exitCode).isEqualTo(2);
            assertThat(s.steps.get(2).message).isEqualTo("dependency b failed");
            assertThat(s.steps.get(3).message).isEqualTo("dependency c was skipped");
            assertThat(ready(run("net")).getMessage()).startsWith("step b failed: exit code 2");
        });
        assertThat(job("net-c")).isNull();
        assertThat(job("net-d")).isNull();
    }

    @Test
    void aRunOfANetWithACycleIsRefusedWithTheCycleNamed() {
        cluster.create(JobsFixtures.job("a"));
        cluster.create(JobsFixtures.job("b", "a", "c"));
        cluster.create(JobsFixtures.job("c", "b"));
        await().atMost(WAIT).until(() -> cluster.client().resources(OpsJob.class).inNamespace(NS).list().getItems().size() == 3);
        cluster.create(run("loop", "a", RunReason.Manual));
        await().atMost(WAIT).untilAsserted(() -> {
            OpsJobRun r = run("loop");
            assertThat(r.getStatus()).isNotNull();
            assertThat(r.getStatus().phase).isEqualTo(RunPhases.REFUSED);
            Condition ready = ready(r);
            assertThat(ready.getReason()).isEqualTo("DependencyCycle");
            assertThat(ready.getMessage()).isEqualTo("spec.opsJob: the job net of a has a dependsOn cycle: b -> c -> b");
        });
        assertThat(cluster.client().batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void alertRunsWithinTheCooldownAreRefusedAndStartNothing() {
        OpsJob fix = JobsFixtures.job("fix");
        fix.getSpec().dependsOn = List.of();
        fix.getSpec().trigger = new OpsJobSpec.TriggerSpec();
        fix.getSpec().trigger.alertRule = "db";
        fix.getSpec().concurrencyPolicy = OpsJobSpec.ConcurrencyPolicy.Allow;
        fix.getSpec().guardrails = new OpsJobSpec.Guardrails();
        fix.getSpec().guardrails.cooldown = "10m";
        cluster.create(Fixtures.rule(NS, "db", "alertname=\"DbDown\""));
        cluster.create(fix);
        await().atMost(WAIT).until(() -> opsJob("fix") != null);
        cluster.create(run("fix-1", "fix", RunReason.Alert));
        await().atMost(WAIT).until(() -> job("fix-1-fix"), j -> j != null);
        cluster.create(run("fix-2", "fix", RunReason.Alert));
        cluster.create(run("fix-3", "fix", RunReason.Manual));
        await().atMost(WAIT).untilAsserted(() -> {
            OpsJobRun second = run("fix-2");
            assertThat(second.getStatus().phase).isEqualTo(RunPhases.REFUSED);
            assertThat(ready(second).getReason()).isEqualTo(RunGuardrails.COOLDOWN);
            assertThat(job("fix-3-fix")).as("a person's manual run is not limited").isNotNull();
        });
        assertThat(cluster.client().batch().v1().jobs().inNamespace(NS).list().getItems()).extracting(j -> j.getMetadata().getName())
                .containsExactlyInAnyOrder("fix-1-fix", "fix-3-fix");
    }

    /** Plays the Job controller: the Job's pod ran and ended with {@code exit}. */
    private void finish(Job job, boolean success, int exit) {
        Pod pod = cluster.client().resource(new PodBuilder().withNewMetadata().withName(job.getMetadata().getName() + "-pod")
                .withNamespace(NS).withLabels(job.getSpec().getTemplate().getMetadata().getLabels()).endMetadata()
                .withNewSpec().withContainers(job.getSpec().getTemplate().getSpec().getContainers()).endSpec().build()).create();
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().addNewContainerStatus().withName("job")
                .withNewState().withNewTerminated().withExitCode(exit).endTerminated().endState().endContainerStatus().build());
        cluster.client().resource(pod).updateStatus();
        Job live = job(job.getMetadata().getName());
        live.setStatus(new JobStatusBuilder().withStartTime("2026-11-26T04:00:00Z")
                .withCompletionTime(success ? "2026-11-26T04:01:00Z" : null).withActive(0)
                .withConditions(new JobConditionBuilder().withType(success ? "Complete" : "Failed").withStatus("True")
                        .withReason(success ? null : "BackoffLimitExceeded")
                        .withMessage(success ? null : "Job has reached the specified backoff limit")
                        .withLastTransitionTime("2026-11-26T04:01:00Z").build())
                .build());
        cluster.client().resource(live).updateStatus();
    }

    private static OpsJobRun run(String name, String job, RunReason reason) {
        OpsJobRun r = JobsFixtures.run(name, job, reason, null, null);
        r.getMetadata().setUid(null);
        return r;
    }

    private OpsJobRun run(String name) {
        return cluster.client().resources(OpsJobRun.class).inNamespace(NS).withName(name).get();
    }

    private OpsJob opsJob(String name) {
        return cluster.client().resources(OpsJob.class).inNamespace(NS).withName(name).get();
    }

    private CronJob cronJob(String name) {
        return cluster.client().batch().v1().cronjobs().inNamespace(NS).withName(name).get();
    }

    private Job job(String name) {
        return cluster.client().batch().v1().jobs().inNamespace(NS).withName(name).get();
    }

    private static Condition ready(OpsJobRun r) {
        assertThat(r.getStatus()).isNotNull();
        return Conditions.find(r.getStatus().conditions, ConditionTypes.READY).orElseThrow();
    }
}
