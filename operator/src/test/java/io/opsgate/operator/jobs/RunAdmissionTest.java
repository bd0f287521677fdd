package io.opsgate.operator.jobs;

import io.opsgate.api.defaults.Defaults;
import io.opsgate.api.jobs.RunGuardrails;
import io.opsgate.api.jobs.RunPhases;
import io.opsgate.api.v1alpha1.OpsJobRun;
import io.opsgate.api.v1alpha1.OpsJobRunSpec.RunReason;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunAdmissionTest {
    static final Instant NOW = Instant.parse("2026-11-26T04:30:00Z");

    static OpsJobSpec spec(String cooldown, int maxPerHour, OpsJobSpec.ConcurrencyPolicy policy) {
        OpsJobSpec s = JobsFixtures.job("fix").getSpec();
        s.guardrails = new OpsJobSpec.Guardrails();
        s.guardrails.cooldown = cooldown;
        s.guardrails.maxRunsPerHour = maxPerHour;
        s.concurrencyPolicy = policy;
        return Defaults.opsJob(s);
    }

    @Test
    void aSecondAlertRunWithinTheCooldownIsRefused() {
        OpsJobRun first = JobsFixtures.run("a", "fix", RunReason.Alert, "2026-11-26T04:20:00Z", RunPhases.SUCCEEDED);
        OpsJobRun second = JobsFixtures.run("b", "fix", RunReason.Alert, "2026-11-26T04:25:00Z", null);
        RunAdmission.Verdict v = RunAdmission.decide(second, List.of(first, second), spec("10m", 6,
                OpsJobSpec.ConcurrencyPolicy.Allow), NOW);
        assertThat(v.admitted()).isFalse();
        assertThat(v.reason()).isEqualTo(RunGuardrails.COOLDOWN);

        OpsJobRun later = JobsFixtures.run("c", "fix", RunReason.Alert, "2026-11-26T04:31:00Z", null);
        assertThat(RunAdmission.decide(later, List.of(first, later), spec("10m", 6, OpsJobSpec.ConcurrencyPolicy.Allow), NOW)
                .admitted()).isTrue();
    }

    @Test
    void runsCreatedTogetherAndUndecidedAdmitOnlyTheFirst() {
        OpsJobRun a = JobsFixtures.run("a", "fix", RunReason.Alert, "2026-11-26T04:20:00Z", null);
        OpsJobRun b = JobsFixtures.run("b", "fix", RunReason.Alert, "2026-11-26T04:20:00Z", null);
        OpsJobSpec s = spec("10m", 6, OpsJobSpec.ConcurrencyPolicy.Allow);
        assertThat(RunAdmission.decide(a, List.of(a, b), s, NOW).admitted()).isTrue();
        assertThat(RunAdmission.decide(b, List.of(a, b), s, NOW).admitted()).isFalse();
    }

    @Test
    void refusedRunsDoNotCountAndManualRunsAreNotLimited() {
        OpsJobRun refused = JobsFixtures.run("a", "fix", RunReason.Alert, "2026-11-26T04:25:00Z", RunPhases.REFUSED);
        OpsJobRun next = JobsFixtures.run("b", "fix", RunReason.Alert, "2026-11-26T04:26:00Z", null);
        OpsJobSpec s = spec("10m", 6, OpsJobSpec.ConcurrencyPolicy.Allow);
        assertThat(RunAdmission.decide(next, List.of(refused, next), s, NOW).admitted()).isTrue();
        OpsJobRun done = JobsFixtures.run("c", "fix", RunReason.Alert, "2026-11-26T04:26:30Z", RunPhases.SUCCEEDED);
        OpsJobRun manual = JobsFixtures.run("d", "fix", RunReason.Manual, "2026-11-26T04:27:00Z", null);
        assertThat(RunAdmission.decide(manual, List.of(done, manual), s, NOW).admitted()).isTrue();
    }

    @Test
    void theHourlyMaximumHolds() {
        OpsJobSpec s = spec("0s", 2, OpsJobSpec.ConcurrencyPolicy.Allow);
        OpsJobRun one = JobsFixtures.run("a", "fix", RunReason.Alert, "2026-11-26T04:00:00Z", RunPhases.SUCCEEDED);
        OpsJobRun two = JobsFixtures.run("b", "fix", RunReason.Alert, "2026-11-26T04:10:00Z", RunPhases.SUCCEEDED);
        OpsJobRun three = JobsFixtures.run("c", "fix", RunReason.Alert, "2026-11-26T04:20:00Z", null);
        RunAdmission.Verdict v = RunAdmission.decide(three, List.of(one, two, three), s, NOW);
        assertThat(v.reason()).isEqualTo(RunGuardrails.RATE_LIMIT);
    }

    @Test
    void forbidRefusesWhileAnotherRunIsGoing() {
        OpsJobRun running = JobsFixtures.run("a", "fix", RunReason.Manual, "2026-11-26T04:00:00Z", RunPhases.RUNNING);
        OpsJobRun next = JobsFixtures.run("b", "fix", RunReason.Manual, "2026-11-26T04:10:00Z", null);
        RunAdmission.Verdict v = RunAdmission.decide(next, List.of(running, next),
                spec("0s", 6, OpsJobSpec.ConcurrencyPolicy.Forbid), NOW);
        assertThat(v.reason()).isEqualTo(RunAdmission.CONCURRENCY);
        assertThat(v.message()).contains("run a of OpsJob fix is still Running");
        assertThat(RunAdmission.decide(next, List.of(running, next), spec("0s", 6, OpsJobSpec.ConcurrencyPolicy.Allow), NOW)
                .admitted()).isTrue();
    }
}
