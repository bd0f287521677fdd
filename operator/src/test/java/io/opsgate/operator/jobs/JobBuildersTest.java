package io.opsgate.operator.jobs;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.opsgate.api.common.ComputeResources;
import io.opsgate.api.common.ResourceList;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.OpsJobRun;
import io.opsgate.api.v1alpha1.OpsJobRunSpec;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JobBuildersTest {

    @Test
    void aScheduledJobBecomesACronJobWithItsScheduleZoneAndLimits() {
        OpsJob job = JobsFixtures.scheduled("backup", "30 2 * * *", "Asia/Tokyo");
        job.getSpec().timeout = "15m";
        job.getSpec().retries = 2;
        job.getSpec().concurrencyPolicy = OpsJobSpec.ConcurrencyPolicy.Replace;
        CronJob c = CronJobBuilder.build(job);
        assertThat(c.getMetadata().getName()).isEqualTo("opsjob-backup");
        assertThat(c.getMetadata().getNamespace()).isEqualTo(JobsFixtures.NS);
        assertThat(c.getMetadata().getLabels()).containsEntry("opsgate.io/opsjob", "backup")
                .containsEntry("app.kubernetes.io/managed-by", "opsgate-operator").containsEntry("opsgate.io/tenant", "acme");
        assertThat(c.getSpec().getSchedule()).isEqualTo("30 2 * * *");
        assertThat(c.getSpec().getTimeZone()).isEqualTo("Asia/Tokyo");
        assertThat(c.getSpec().getConcurrencyPolicy()).isEqualTo("Replace");
        assertThat(c.getSpec().getJobTemplate().getSpec().getActiveDeadlineSeconds()).isEqualTo(900L);
        assertThat(c.getSpec().getJobTemplate().getSpec().getBackoffLimit()).isEqualTo(2);
        assertHardened(c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
    }

    @Test
    void defaultsApplyWhenTheSpecLeavesThemOut() {
        CronJob c = CronJobBuilder.build(JobsFixtures.scheduled("report", "@hourly", null));
        assertThat(c.getSpec().getTimeZone()).isEqualTo("UTC");
        assertThat(c.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(c.getSpec().getJobTemplate().getSpec().getActiveDeadlineSeconds()).isEqualTo(1800L);
        assertThat(c.getSpec().getJobTemplate().getSpec().getBackoffLimit()).isZero();
    }

    @Test
    void credentialsAreMountedReadOnlyIntoTheirOwnJobsPodOnly() {
        OpsJob withKeys = JobsFixtures.scheduled("rotate", "0 * * * *", null);
        OpsJobSpec.CredentialMount ssh = new OpsJobSpec.CredentialMount();
        ssh.secretName = "ssh-key";
        withKeys.getSpec().credentials = List.of(ssh);
        PodSpec pod = CronJobBuilder.build(withKeys).getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        Volume v = pod.getVolumes().stream().filter(x -> x.getSecret() != null).findFirst().orElseThrow();
        assertThat(v.getSecret().getSecretName()).isEqualTo("ssh-key");
        assertThat(v.getSecret().getDefaultMode()).isEqualTo(0400);
        assertThat(pod.getContainers().get(0).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo(v.getName());
            assertThat(m.getMountPath()).isEqualTo("/var/run/opsgate/credentials/ssh-key");
            assertThat(m.getReadOnly()).isTrue();
        });

        PodSpec other = CronJobBuilder.build(JobsFixtures.scheduled("report", "0 * * * *", null))
                .getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        assertThat(other.getVolumes()).noneMatch(x -> x.getSecret() != null);
    }

    @Test
    void aRunStepBecomesAJobOwnedByTheRunWithItsContainerAndReason() {
        OpsJob job = JobsFixtures.job("restart-db");
        job.getSpec().container.command = List.of("/bin/restart");
        job.getSpec().container.args = List.of("--db", "main");
        OpsJobSpec.EnvVar e = new OpsJobSpec.EnvVar();
        e.name = "MODE";
        e.value = "safe";
        job.getSpec().container.env = List.of(e);
        job.getSpec().container.resources = new ComputeResources(new ResourceList("100m", "64Mi"), new ResourceList("1", "256Mi"));
        OpsJobRun run = JobsFixtures.run("restart-db-x1", "restart-db", OpsJobRunSpec.RunReason.Alert, null, null);
        run.getSpec().alert = new OpsJobRunSpec.AlertReference();
        run.getSpec().alert.alertname = "DbDown";
        Job j = RunJobBuilder.build(run, job);
        assertThat(j.getMetadata().getName()).isEqualTo("restart-db-x1-restart-db");
        assertThat(j.getMetadata().getLabels()).containsEntry("opsgate.io/opsjobrun", "restart-db-x1")
                .containsEntry("opsgate.io/opsjob", "restart-db");
        assertThat(j.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("OpsJobRun");
            assertThat(o.getUid()).isEqualTo("uid-restart-db-x1");
            assertThat(o.getController()).isTrue();
        });
        assertThat(j.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("opsgate.io/opsjobrun", "restart-db-x1");
        PodSpec pod = j.getSpec().getTemplate().getSpec();
        assertHardened(pod);
        Container c = pod.getContainers().get(0);
        assertThat(c.getCommand()).containsExactly("/bin/restart");
        assertThat(c.getArgs()).containsExactly("--db", "main");
        assertThat(c.getResources().getLimits().get("memory").toString()).isEqualTo("256Mi");
        assertThat(c.getEnv()).extracting(x -> x.getName() + "=" + x.getValue())
                .containsExactly("MODE=safe", "OPSGATE_OPSJOB=restart-db", "OPSGATE_RUN=restart-db-x1",
                        "OPSGATE_RUN_REASON=Alert", "OPSGATE_ALERTNAME=DbDown");
    }

    @Test
    void longNamesAreCutAndStayUnique() {
        String run = "a".repeat(60);
        String one = JobNames.step(run, "first");
        String two = JobNames.step(run, "second");
        assertThat(one).hasSizeLessThanOrEqualTo(63).isNotEqualTo(two);
        assertThat(JobNames.cronJob("b".repeat(80))).hasSizeLessThanOrEqualTo(52).doesNotEndWith("-");
        assertThat(JobNames.step("r", "j")).isEqualTo("r-j");
    }

    static void assertHardened(PodSpec pod) {
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getContainers()).hasSize(1);
        Container c = pod.getContainers().get(0);
        assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getPrivileged()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    }
}
