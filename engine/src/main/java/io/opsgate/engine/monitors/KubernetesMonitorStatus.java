package io.opsgate.engine.monitors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.engine.kubernetes.KubernetesApi;
import io.opsgate.engine.kubernetes.KubernetesPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes monitor results into the Monitor objects' status ({@code lastResult}, {@code lastChange},
 * {@code pushPath}) with a JSON merge patch of the status subresource, which leaves the operator's
 * conditions alone. Only on change: a result whose state, message and last change equal what was last
 * written is not written again, except once per {@code refresh} so checkedAt does not grow stale. A new
 * state (Up, Down) is written at the next flush; other changes (a message with new figures) at most once
 * per {@code minGap} per monitor, the latest result winning. Runs on its own thread; a failed write is
 * retried later.
 */
public final class KubernetesMonitorStatus implements MonitorStatusPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesMonitorStatus.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final KubernetesApi api;
    private final long minGapNanos;
    private final long refreshNanos;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    private static final class Entry {
        final String namespace;
        MonitorView pending;
        String written;
        String writtenState;
        long writtenAt;
        long notBefore;
        boolean inFlight;

        Entry(String namespace) {
            this.namespace = namespace;
        }
    }

    public KubernetesMonitorStatus(KubernetesApi api, Duration minGap, Duration refresh, Duration flushEvery) {
        this.api = api;
        this.minGapNanos = minGap.toNanos();
        this.refreshNanos = refresh.toNanos();
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "monitor-status");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flush, flushEvery.toMillis(), flushEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The defaults of a cluster: at most every 10 s per monitor, refreshed every 5 minutes. */
    public static KubernetesMonitorStatus withDefaults(KubernetesApi api) {
        return new KubernetesMonitorStatus(api, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(1));
    }

    @Override
    public void publish(String namespace, MonitorView view) {
        Entry e = entries.computeIfAbsent(namespace + "/" + view.name(), k -> new Entry(namespace));
        synchronized (e) {
            e.pending = view;
        }
    }

    private void flush() {
        long now = System.nanoTime();
        for (Entry e : entries.values()) {
            MonitorView view;
            synchronized (e) {
                view = e.pending;
                if (view == null || e.inFlight || now - e.notBefore < 0) {
                    continue;
                }
                String signature = signature(view);
                boolean changed = !Objects.equals(signature, e.written);
                boolean stale = e.written != null && now - e.writtenAt >= refreshNanos;
                if (!changed && !stale) {
                    e.pending = null;
                    continue;
                }
                boolean newState = !view.state().equals(e.writtenState);
                if (!newState && e.written != null && now - e.writtenAt < minGapNanos) {
                    continue;
                }
                e.pending = null;
                e.inFlight = true;
            }
            write(e, view, now);
        }
    }

    private void write(Entry e, MonitorView view, long now) {
        byte[] body = patch(view);
        api.send("PATCH", KubernetesPaths.status(e.namespace, "monitors", view.name()), KubernetesPaths.MERGE_PATCH, body)
                .whenComplete((r, failure) -> {
                    synchronized (e) {
                        e.inFlight = false;
                        if (failure == null && (r.ok() || r.status() == 404)) {
                            // 404: the Monitor is gone from the cluster; its configuration follows soon.
                            e.written = signature(view);
                            e.writtenState = view.state();
                            e.writtenAt = now;
                        } else {
                            e.notBefore = now + Math.max(minGapNanos, RETRY_NANOS);
                            if (e.pending == null) {
                                e.pending = view;
                            }
                        }
                    }
                    if (failure != null) {
                        LOG.warn("status of Monitor {}/{} not written: {}", e.namespace, view.name(), failure.getMessage());
                    } else if (!r.ok() && r.status() != 404) {
                        LOG.warn("status of Monitor {}/{} not written: HTTP {} {}", e.namespace, view.name(), r.status(),
                                r.text().length() > 300 ? r.text().substring(0, 300) : r.text());
                    }
                });
    }

    private static String signature(MonitorView v) {
        return v.state() + "\u0000" + v.message() + "\u0000" + v.lastChange() + "\u0000" + v.pushPath();
    }

    /** {@code {"status": {"lastResult": {...}, "lastChange": ..., "pushPath": ...}}} */
    static byte[] patch(MonitorView v) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode status = root.putObject("status");
        ObjectNode result = status.putObject("lastResult");
        result.put("state", v.state());
        result.put("message", v.message());
        result.put("latencyMillis", v.latencyMillis());
        if (v.checkedAt() > 0) {
            result.put("checkedAt", Instant.ofEpochMilli(v.checkedAt()).toString());
        }
        if (v.lastChange() > 0) {
            status.put("lastChange", Instant.ofEpochMilli(v.lastChange()).toString());
        }
        if (v.pushPath() != null) {
            status.put("pushPath", v.pushPath());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
    }
}
