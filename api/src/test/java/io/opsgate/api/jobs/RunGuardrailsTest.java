package io.opsgate.api.jobs;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunGuardrailsTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void aRunWithinTheCooldownIsRefusedAndOneAfterItAllowed() {
        List<Instant> earlier = List.of(T0);
        RunGuardrails.Verdict within = RunGuardrails.check(earlier, Duration.ofMinutes(10), 6, T0.plusSeconds(599));
        assertThat(within.allowed()).isFalse();
        assertThat(within.reason()).isEqualTo(RunGuardrails.COOLDOWN);
        assertThat(within.message()).contains("10m").contains("2026-03-02T10:10:00Z");
        assertThat(RunGuardrails.check(earlier, Duration.ofMinutes(10), 6, T0.plusSeconds(600)).allowed()).isTrue();
        assertThat(RunGuardrails.check(List.of(), Duration.ofMinutes(10), 1, T0).allowed()).isTrue();
    }

    @Test
    void theHourlyLimitCountsRunsOfTheLastHourOnly() {
        List<Instant> earlier = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            earlier.add(T0.plus(Duration.ofMinutes(10L * i)));
        }
        RunGuardrails.Verdict full = RunGuardrails.check(earlier, Duration.ZERO, 3, T0.plus(Duration.ofMinutes(30)));
        assertThat(full.reason()).isEqualTo(RunGuardrails.RATE_LIMIT);
        assertThat(full.message()).contains("maxRunsPerHour (3)");
        assertThat(RunGuardrails.check(earlier, Duration.ZERO, 3, T0.plus(Duration.ofMinutes(61))).allowed())
                .as("the first run left the hour").isTrue();
        assertThat(RunGuardrails.check(earlier, Duration.ZERO, 4, T0.plus(Duration.ofMinutes(30))).allowed()).isTrue();
    }

    @Test
    void laterRunsDoNotCountAgainstAnEarlierOne() {
        assertThat(RunGuardrails.check(List.of(T0.plusSeconds(5)), Duration.ofMinutes(10), 1, T0).allowed()).isTrue();
    }
}
