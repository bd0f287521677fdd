package io.opsgate.operator.jobs;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.v1alpha1.OperationsSuspension;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import static io.opsgate.operator.jobs.JobsFixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An OperationsSuspension of ScheduledJobs whose matchers name a scheduled OpsJob suspends its CronJob
 * ({@code suspend: true}) for the window and shows {@code Suspended} on the OpsJob (reason
 * OperationsSuspensionActive, the message naming the suspension); when the window ends, the reconcile that was
 * requeued at its edge resumes the CronJob and removes the condition. A job the matchers do not name runs on.
 */
class ScheduleSuspensionIT {
    static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final MockCluster cluster = MockCluster.runningOperator();

    @BeforeEach
    void createTenant() {
        cluster.create(Fixtures.tenant("acme"));
    }

    @Test
    void theCronJobIsSuspendedForTheWindowAndResumedAfterIt() {
        cluster.create(JobsFixtures.scheduled("backup", "30 2 * * *", "Asia/Tokyo"));
        cluster.create(JobsFixtures.scheduled("reindex", "0 3 * * *", "Asia/Tokyo"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(cronJob("opsjob-backup")).isNotNull());
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(8);
        cluster.create(Serialization.unmarshal("""
                apiVersion: opsgate.io/v1alpha1
                kind: OperationsSuspension
                metadata: {name: backup-freeze, namespace: %s}
                spec:
                  reason: storage migration
                  requestedBy: taro@acme.example
                  window: {start: "2026-01-01T00:00:00Z", end: "%s"}
                  matchers: ['opsjob="backup"']
                  suspend: [ScheduledJobs]
                """.formatted(NS, end), OperationsSuspension.class));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(cronJob("opsjob-backup").getSpec().getSuspend()).isTrue();
            Condition suspended = suspended("backup").orElseThrow();
            assertThat(suspended.getStatus()).isEqualTo("True");
            assertThat(suspended.getReason()).isEqualTo(OpsJobReconciler.SUSPENDED_REASON);
            assertThat(suspended.getMessage()).contains("backup-freeze").contains("storage migration");
        });
        assertThat(cronJob("opsjob-reindex").getSpec().getSuspend()).isFalse();
        assertThat(suspended("reindex")).isEmpty();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(Instant.now()).isAfter(end);
            assertThat(cronJob("opsjob-backup").getSpec().getSuspend()).isFalse();
            assertThat(suspended("backup")).isEmpty();
        });
    }

    private Optional<Condition> suspended(String job) {
        OpsJob j = cluster.client().resources(OpsJob.class).inNamespace(NS).withName(job).get();
        return j.getStatus() == null ? Optional.empty() : Conditions.find(j.getStatus().conditions, OpsJobReconciler.SUSPENDED);
    }

    private CronJob cronJob(String name) {
        return cluster.client().batch().v1().cronjobs().inNamespace(NS).withName(name).get();
    }
}
