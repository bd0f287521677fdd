package io.opsgate.operator.jobs;

import io.opsgate.api.jobs.JobNet;
import io.opsgate.api.jobs.RunPhases;
import io.opsgate.api.v1alpha1.OpsJobRunStatus;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunProgressTest {

    /** prepare -> migrate -> announce, and prepare -> audit. */
    final JobNet net = JobNet.of("prepare", Map.of(
            "prepare", List.of(), "migrate", List.of("prepare"), "announce", List.of("migrate"),
            "audit", List.of("prepare"), "elsewhere", List.of()));

    static StepObservation seen(String phase, Integer exit) {
        return new StepObservation(phase, "2026-11-26T04:00:00Z",
                RunPhases.finished(phase) ? "2026-11-26T04:01:00Z" : null, exit, phase.toLowerCase(), "pod");
    }

    @Test
    void theFirstStepStartsAloneAndTheOthersWait() {
        RunProgress.Result r = RunProgress.next("run1", net, List.of(), Map.of(), null);
        assertThat(r.toStart()).containsExactly("prepare");
        assertThat(r.steps()).extracting(s -> s.opsJob).containsExactly("prepare", "audit", "migrate", "announce");
        assertThat(r.steps().get(1).message).isEqualTo("waiting for prepare");
        assertThat(r.phase()).isEqualTo(RunPhases.PENDING);
    }

    @Test
    void dependentsStartWhenTheirDependenciesSucceeded() {
        RunProgress.Result r = RunProgress.next("run1", net, List.of(),
                Map.of("prepare", seen(RunPhases.SUCCEEDED, 0)), null);
        assertThat(r.toStart()).containsExactly("audit", "migrate");
        assertThat(r.phase()).isEqualTo(RunPhases.RUNNING);
        assertThat(r.startTime()).isEqualTo("2026-11-26T04:00:00Z");
    }

    @Test
    void aFailureInTheMiddleSkipsWhatIsDownstreamAndFailsTheRun() {
        Map<String, StepObservation> seen = new HashMap<>();
        seen.put("prepare", seen(RunPhases.SUCCEEDED, 0));
        seen.put("audit", seen(RunPhases.SUCCEEDED, 0));
        seen.put("migrate", seen(RunPhases.FAILED, 3));
        RunProgress.Result r = RunProgress.next("run1", net, List.of(), seen, null);
        assertThat(r.toStart()).isEmpty();
        OpsJobRunStatus.Step announce = r.steps().get(3);
        assertThat(announce.phase).isEqualTo(RunPhases.SKIPPED);
        assertThat(announce.message).isEqualTo("dependency migrate failed");
        assertThat(r.steps().get(2).exitCode).isEqualTo(3);
        assertThat(r.phase()).isEqualTo(RunPhases.FAILED);
        assertThat(r.completionTime()).isEqualTo("2026-11-26T04:01:00Z");
    }

    @Test
    void finishedStepsAreKeptAsRecorded() {
        OpsJobRunStatus.Step done = new OpsJobRunStatus.Step();
        done.opsJob = "prepare";
        done.phase = RunPhases.SUCCEEDED;
        done.logTail = "ok";
        RunProgress.Result r = RunProgress.next("run1", net, List.of(done), Map.of(), null);
        assertThat(r.steps().get(0).logTail).isEqualTo("ok");
        assertThat(r.toStart()).containsExactly("audit", "migrate");
    }

    @Test
    void aReplacedRunStopsWhatRunsAndStartsNothing() {
        RunProgress.Result r = RunProgress.next("run1", net, List.of(),
                Map.of("prepare", seen(RunPhases.RUNNING, null)), "run2");
        assertThat(r.toStop()).containsExactly("prepare");
        assertThat(r.toStart()).isEmpty();
        assertThat(r.steps().get(0).message).isEqualTo("stopped: replaced by run run2");
        assertThat(r.phase()).isEqualTo(RunPhases.FAILED);
    }
}
