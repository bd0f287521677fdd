package io.opsgate.engine.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsgate.api.jobs.RunPhases;
import io.opsgate.api.time.Timestamps;
import io.opsgate.engine.kubernetes.KubernetesApi;
import io.opsgate.engine.kubernetes.KubernetesPaths;
import io.opsgate.engine.store.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Lists and watches the OpsJobRuns of the tenant's namespace: their state feeds GET /api/v1/jobruns, and
 * each run seen Failed raises one OpsJobRunFailed alert, whatever its reason (alert, schedule, manual).
 * "Once" holds across restarts: alerted runs are marked in the store ({@code jobs/alerted/<run>}), and
 * failures older than a day found at start are not alerted. On any break it lists again, after a pause.
 */
final class ClusterRunWatcher implements Runnable {
    static final String ALERTED = Keys.JOBS + "alerted/";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterRunWatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STALE_MILLIS = 24 * 3_600_000L;

    private final TenantJobs tenant;
    private final KubernetesApi api;
    private final Clock clock;
    private final long pauseMillis;
    private volatile boolean stopped;
    private volatile KubernetesApi.LineStream stream;
    private Thread thread;

    ClusterRunWatcher(TenantJobs tenant, KubernetesApi api, Clock clock, long pauseMillis) {
        this.tenant = tenant;
        this.api = api;
        this.clock = clock;
        this.pauseMillis = pauseMillis;
    }

    void start() {
        thread = new Thread(this, "jobrun-watch-" + tenant.name());
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        stopped = true;
        KubernetesApi.LineStream s = stream;
        if (s != null) {
            s.close();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                String version = list();
                watch(version);
            } catch (IOException | RuntimeException e) {
                if (!stopped) {
                    LOG.warn("tenant {}: watching OpsJobRuns failed, listing again: {}", tenant.name(), e.getMessage());
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Lists every run; returns the list's resourceVersion to watch from. */
    private String list() throws IOException {
        String path = KubernetesPaths.collection(tenant.namespace(), "opsjobruns");
        KubernetesApi.Response r;
        try {
            r = api.send("GET", path, null, null).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
        if (!r.ok()) {
            throw new IOException("list " + path + " answered " + r.status() + ": " + r.text());
        }
        JsonNode list = JSON.readTree(r.body());
        Set<String> seen = new HashSet<>();
        for (JsonNode item : list.path("items")) {
            seen.add(seen(item, true));
        }
        for (var run : tenant.book().list()) {
            if ("cluster".equals(run.source) && !seen.contains(run.name)) {
                tenant.book().forget(run.name);
            }
        }
        return list.path("metadata").path("resourceVersion").asText("");
    }

    private void watch(String version) throws IOException {
        String path = KubernetesPaths.collection(tenant.namespace(), "opsjobruns") + "?watch=1&allowWatchBookmarks=true"
                + "&timeoutSeconds=300" + (version.isEmpty() ? "" : "&resourceVersion=" + version);
        try (KubernetesApi.LineStream s = api.watch(path)) {
            stream = s;
            if (stopped) {
                return;
            }
            String line;
            while (!stopped && (line = s.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = JSON.readTree(line);
                String type = event.path("type").asText();
                JsonNode object = event.path("object");
                switch (type) {
                    case "ADDED", "MODIFIED" -> seen(object, false);
                    case "DELETED" -> tenant.book().forget(object.path("metadata").path("name").asText());
                    case "ERROR" -> throw new IOException("watch error: " + object.path("message").asText());
                    default -> {
                    }
                }
            }
        } finally {
            stream = null;
        }
    }

    /** Records what the cluster says about one run and alerts when it newly failed. */
    private String seen(JsonNode item, boolean fromList) {
        JobRunRecord run = record(item);
        tenant.book().observe(run);
        if (RunPhases.FAILED.equals(run.phase)) {
            long at = run.completionTime > 0 ? run.completionTime : run.requestedAt;
            boolean stale = fromList && at > 0 && clock.millis() - at > STALE_MILLIS;
            if (!stale) {
                tenant.runFailed(run, ALERTED + run.name);
            }
        }
        return run.name;
    }

    static JobRunRecord record(JsonNode item) {
        JobRunRecord r = new JobRunRecord();
        JsonNode meta = item.path("metadata");
        JsonNode spec = item.path("spec");
        JsonNode status = item.path("status");
        r.name = meta.path("name").asText();
        r.opsJob = spec.path("opsJob").asText();
        r.reason = spec.path("reason").asText("Manual");
        r.alertFingerprint = text(spec.path("alert").path("fingerprint"));
        r.alertname = text(spec.path("alert").path("alertname"));
        r.ticketId = text(spec.path("alert").path("ticketId"));
        r.requestedAt = time(meta.path("creationTimestamp"));
        r.phase = status.path("phase").asText(RunPhases.PENDING);
        r.startTime = time(status.path("startTime"));
        r.completionTime = time(status.path("completionTime"));
        for (JsonNode c : status.path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                r.message = c.path("message").asText("");
            }
        }
        for (JsonNode s : status.path("steps")) {
            JobRunRecord.Step step = new JobRunRecord.Step();
            step.opsJob = s.path("opsJob").asText();
            step.phase = s.path("phase").asText();
            step.startTime = time(s.path("startTime"));
            step.completionTime = time(s.path("completionTime"));
            step.exitCode = s.hasNonNull("exitCode") ? s.path("exitCode").asInt() : null;
            step.message = s.path("message").asText("");
            step.logTail = text(s.path("logTail"));
            r.steps.add(step);
        }
        return r;
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    private static long time(JsonNode n) {
        if (n.isMissingNode() || n.isNull() || n.asText().isEmpty()) {
            return 0;
        }
        try {
            return Timestamps.parse(n.asText()).toEpochMilli();
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }
}
