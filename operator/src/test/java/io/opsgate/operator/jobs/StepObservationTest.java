package io.opsgate.operator.jobs;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.opsgate.api.jobs.RunPhases;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StepObservationTest {

    static Job job(String conditionType, String reason, Integer active) {
        JobBuilder b = new JobBuilder().withNewMetadata().withName("j").endMetadata()
                .withNewStatus().withStartTime("2026-11-26T04:00:00Z").withActive(active).endStatus();
        if (conditionType != null) {
            b.editStatus().withConditions(new JobConditionBuilder().withType(conditionType).withStatus("True")
                    .withReason(reason).withMessage(reason == null ? null : reason + " message")
                    .withLastTransitionTime("2026-11-26T04:02:00Z").build()).endStatus();
        }
        return b.build();
    }

    static Pod pod(String name, String created, int exit) {
        return new PodBuilder().withNewMetadata().withName(name).withCreationTimestamp(created).endMetadata()
                .withNewStatus().addNewContainerStatus().withName("job").withNewState().withNewTerminated()
                .withExitCode(exit).endTerminated().endState().endContainerStatus().endStatus().build();
    }

    @Test
    void aFailedJobTakesTheExitCodeOfItsLatestPod() {
        StepObservation o = StepObservation.of(job("Failed", "BackoffLimitExceeded", 0),
                List.of(pod("p2", "2026-11-26T04:01:00Z", 7), pod("p1", "2026-11-26T04:00:00Z", 1)));
        assertThat(o.phase()).isEqualTo(RunPhases.FAILED);
        assertThat(o.exitCode()).isEqualTo(7);
        assertThat(o.pod()).isEqualTo("p2");
        assertThat(o.completionTime()).isEqualTo("2026-11-26T04:02:00Z");
        assertThat(o.message()).isEqualTo("exit code 7: BackoffLimitExceeded message");
    }

    @Test
    void completeRunningAndTimedOut() {
        assertThat(StepObservation.of(job("Complete", null, 0), List.of()).phase()).isEqualTo(RunPhases.SUCCEEDED);
        assertThat(StepObservation.of(job(null, null, 1), List.of()).phase()).isEqualTo(RunPhases.RUNNING);
        StepObservation timedOut = StepObservation.of(job("Failed", "DeadlineExceeded", 0), List.of());
        assertThat(timedOut.message()).startsWith("stopped after the timeout");
        assertThat(timedOut.exitCode()).isNull();
    }
}
