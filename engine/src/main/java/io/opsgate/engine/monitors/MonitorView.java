package io.opsgate.engine.monitors;

/**
 * One monitor's state at one instant: what GET /api/v1/monitors shows and what the Monitor's status in
 * Kubernetes records.
 *
 * @param name          the Monitor's name
 * @param type          HTTP, TCP, DNS, TLS, Heartbeat or PrometheusQuery
 * @param target        what it checks
 * @param state         Up, Down or Unknown (no check yet)
 * @param message       what the latest check saw
 * @param latencyMillis how long the latest check took (0 for heartbeats)
 * @param checkedAt     epoch ms of the latest check or ping; 0 when none yet
 * @param lastChange    epoch ms when the state last changed between Up and Down; 0 when never
 * @param failures      failed checks in a row
 * @param firing        whether its alert fires
 * @param pushPath      heartbeats: the path to ping on the tenant API; else null
 */
public record MonitorView(String name, String type, String target, String state, String message, long latencyMillis,
                          long checkedAt, long lastChange, int failures, boolean firing, String pushPath) {
    public static final String UP = "Up";
    public static final String DOWN = "Down";
    public static final String UNKNOWN = "Unknown";
}
