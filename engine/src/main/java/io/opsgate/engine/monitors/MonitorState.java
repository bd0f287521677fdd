package io.opsgate.engine.monitors;

/**
 * The evaluation of one monitor: the latest result, failures in a row, and whether its alert fires. The
 * alert fires on failure number retries+1 and resolves on the first success; a heartbeat fires when its
 * deadline passes and resolves on the next ping. Every method is synchronized: checks, the heartbeat
 * timer and pings reach it from different threads.
 */
final class MonitorState {

    /** What the monitor's alert must do after a result. */
    enum Transition {
        /** Nothing to send. */
        NONE,
        /** Start firing. */
        FIRE,
        /** Still firing: send it again so it does not time out. */
        REFRESH,
        /** Stop firing. */
        RESOLVE
    }

    private String state = MonitorView.UNKNOWN;
    private String message = "";
    private long latencyMillis;
    private long checkedAt;
    private long lastChange;
    private int failures;
    private boolean firing;

    synchronized Transition record(CheckOutcome outcome, long now, int retries) {
        setResult(outcome.up() ? MonitorView.UP : MonitorView.DOWN, outcome.message(), outcome.latencyMillis(), now);
        if (outcome.up()) {
            failures = 0;
            if (firing) {
                firing = false;
                return Transition.RESOLVE;
            }
            return Transition.NONE;
        }
        failures++;
        if (firing) {
            return Transition.REFRESH;
        }
        if (failures > retries) {
            firing = true;
            return Transition.FIRE;
        }
        return Transition.NONE;
    }

    /** A heartbeat's ping. */
    synchronized Transition ping(long now) {
        setResult(MonitorView.UP, "ping received", 0, now);
        failures = 0;
        if (firing) {
            firing = false;
            return Transition.RESOLVE;
        }
        return Transition.NONE;
    }

    /** A heartbeat whose deadline passed at {@code now}; {@code message} says since when no ping came. */
    synchronized Transition missed(String missedMessage, long now) {
        boolean wasFiring = firing;
        if (!MonitorView.DOWN.equals(state) || !message.equals(missedMessage)) {
            setResult(MonitorView.DOWN, missedMessage, 0, now);
        }
        firing = true;
        failures = Math.max(failures, 1);
        return wasFiring ? Transition.REFRESH : Transition.FIRE;
    }

    /** Takes over an alert that already fires (held by the engine from before a restart or a reload). */
    synchronized void adoptFiring(String why, long now) {
        firing = true;
        if (MonitorView.UNKNOWN.equals(state)) {
            state = MonitorView.DOWN;
            message = why;
            checkedAt = now;
        }
    }

    synchronized boolean firing() {
        return firing;
    }

    synchronized MonitorView view(String name, String type, String target, String pushPath) {
        return new MonitorView(name, type, target, state, message, latencyMillis, checkedAt, lastChange, failures, firing,
                pushPath);
    }

    private void setResult(String newState, String newMessage, long latency, long now) {
        if (!newState.equals(state)) {
            lastChange = now;
        }
        state = newState;
        message = newMessage;
        latencyMillis = latency;
        checkedAt = now;
    }
}
