package io.opsgate.engine.monitors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MonitorStateTest {

    @Test
    void firesOnFailureRetriesPlusOneAndResolvesOnTheFirstSuccess() {
        MonitorState s = new MonitorState();
        assertThat(s.record(CheckOutcome.down("HTTP 500", 12), 1_000, 2)).isEqualTo(MonitorState.Transition.NONE);
        assertThat(s.record(CheckOutcome.down("HTTP 500", 12), 2_000, 2)).isEqualTo(MonitorState.Transition.NONE);
        assertThat(s.record(CheckOutcome.down("HTTP 500", 12), 3_000, 2)).isEqualTo(MonitorState.Transition.FIRE);
        assertThat(s.record(CheckOutcome.down("HTTP 500", 12), 4_000, 2)).isEqualTo(MonitorState.Transition.REFRESH);
        MonitorView down = s.view("web", "HTTP", "https://x", null);
        assertThat(down.state()).isEqualTo(MonitorView.DOWN);
        assertThat(down.lastChange()).as("the change happened at the first failure").isEqualTo(1_000);
        assertThat(down.failures()).isEqualTo(4);

        assertThat(s.record(CheckOutcome.up("HTTP 200", 8), 5_000, 2)).isEqualTo(MonitorState.Transition.RESOLVE);
        MonitorView up = s.view("web", "HTTP", "https://x", null);
        assertThat(up.state()).isEqualTo(MonitorView.UP);
        assertThat(up.lastChange()).isEqualTo(5_000);
        assertThat(up.latencyMillis()).isEqualTo(8);
        assertThat(up.firing()).isFalse();
    }

    @Test
    void aSuccessBetweenFailuresStartsTheCountAgain() {
        MonitorState s = new MonitorState();
        s.record(CheckOutcome.down("refused", 1), 1_000, 1);
        assertThat(s.record(CheckOutcome.up("connected", 1), 2_000, 1)).isEqualTo(MonitorState.Transition.NONE);
        assertThat(s.record(CheckOutcome.down("refused", 1), 3_000, 1)).isEqualTo(MonitorState.Transition.NONE);
        assertThat(s.record(CheckOutcome.down("refused", 1), 4_000, 1)).isEqualTo(MonitorState.Transition.FIRE);
    }

    @Test
    void aMissedHeartbeatFiresOnceAndTheNextPingResolves() {
        MonitorState s = new MonitorState();
        assertThat(s.ping(1_000)).isEqualTo(MonitorState.Transition.NONE);
        assertThat(s.missed("no ping since 1970-01-01T00:00:01Z", 90_000)).isEqualTo(MonitorState.Transition.FIRE);
        assertThat(s.missed("no ping since 1970-01-01T00:00:01Z", 95_000)).isEqualTo(MonitorState.Transition.REFRESH);
        assertThat(s.view("nightly", "Heartbeat", "", "/api/v1/heartbeats/nightly").lastChange()).isEqualTo(90_000);
        assertThat(s.ping(100_000)).isEqualTo(MonitorState.Transition.RESOLVE);
        assertThat(s.firing()).isFalse();
    }
}
