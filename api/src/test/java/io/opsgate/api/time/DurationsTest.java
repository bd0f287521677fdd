package io.opsgate.api.time;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @Test
    void parsesPrometheusDurations() {
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("90d")).isEqualTo(Duration.ofDays(90));
        assertThat(Durations.parse("1w2d")).isEqualTo(Duration.ofDays(9));
        assertThat(Durations.parse("1y")).isEqualTo(Duration.ofDays(365));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("0")).isZero();
    }

    @Test
    void refusesWhatPrometheusRefuses() {
        assertThatThrownBy(() -> Durations.parse("30m1h")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("1.5h")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("30 seconds")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Durations.parse("99999999999999999999y")).hasMessageContaining("too large");
    }

    @Test
    void formatsLargestUnitsFirst() {
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.parse(Durations.format(Duration.ofMillis(93_784_005)))).isEqualTo(Duration.ofMillis(93_784_005));
    }
}
