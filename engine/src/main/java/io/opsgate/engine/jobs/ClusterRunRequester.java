package io.opsgate.engine.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.api.jobs.RunPhases;
import io.opsgate.api.v1alpha1.OpsgateApi;
import io.opsgate.engine.kubernetes.KubernetesApi;
import io.opsgate.engine.kubernetes.KubernetesPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * In a cluster, a run request becomes an OpsJobRun in the tenant's namespace (reason Alert, with the alert);
 * the operator turns it into Jobs. The name is derived from the job and the request time, so a retried
 * create that already succeeded answers 409 and counts as done. Retried up to {@value #ATTEMPTS} times.
 */
final class ClusterRunRequester implements RunRequester {
    static final int ATTEMPTS = 4;
    /** Label on OpsJobRuns the engine creates. */
    static final String REQUESTED_BY_LABEL = "opsgate.io/requested-by";
    /** Annotation of a run started by hand: the reason the person gave. */
    static final String NOTE_ANNOTATION = "opsgate.io/run-note";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterRunRequester.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesApi api;
    private final ScheduledExecutorService retries;

    ClusterRunRequester(KubernetesApi api, ScheduledExecutorService retries) {
        this.api = api;
        this.retries = retries;
    }

    @Override
    public void request(TenantJobs tenant, RunRequest request) {
        attempt(tenant, request, body(tenant.namespace(), request), 1);
    }

    private void attempt(TenantJobs tenant, RunRequest request, byte[] body, int n) {
        String path = KubernetesPaths.collection(tenant.namespace(), "opsjobruns");
        api.send("POST", path, KubernetesPaths.JSON, body).whenComplete((r, failure) -> {
            if (failure == null && (r.ok() || r.status() == 409)) {
                tenant.book().put(JobRunRecord.of(request, JobRunRecord.REQUESTED,
                        "OpsJobRun " + request.runName() + " created in " + tenant.namespace()));
                tenant.meters().jobRunRequested(request.opsJob(), "requested");
                return;
            }
            String why = failure != null ? failure.toString() : "HTTP " + r.status() + " " + shorten(r.text());
            boolean retryable = failure != null || r.status() >= 500 || r.status() == 429;
            if (retryable && n < ATTEMPTS) {
                retries.schedule(() -> attempt(tenant, request, body, n + 1), 1L << (n - 1), TimeUnit.SECONDS);
                return;
            }
            LOG.error("tenant {}: could not create OpsJobRun {} of OpsJob {}: {}", tenant.name(), request.runName(),
                    request.opsJob(), why);
            tenant.book().put(JobRunRecord.of(request, RunPhases.REFUSED, "the OpsJobRun could not be created: " + why));
            tenant.meters().jobRunRequested(request.opsJob(), "error");
        });
    }

    /** The OpsJobRun: labels name the job and the requester; spec.alert names the alert behind it. */
    static byte[] body(String namespace, RunRequest request) {
        ObjectNode run = JSON.createObjectNode();
        run.put("apiVersion", OpsgateApi.API_VERSION);
        run.put("kind", "OpsJobRun");
        ObjectNode meta = run.putObject("metadata");
        meta.put("name", request.runName());
        meta.put("namespace", namespace);
        ObjectNode labels = meta.putObject("labels");
        labels.put(OpsgateApi.OPSJOB_LABEL, request.opsJob());
        labels.put(REQUESTED_BY_LABEL, request.requestedBy() == null ? "engine" : labelValue(request.requestedBy()));
        if (request.requestedBy() != null) {
            // A label value cannot hold every user name (an e-mail address has '@'): the exact name is annotated.
            ObjectNode annotations = meta.putObject("annotations");
            annotations.put(REQUESTED_BY_LABEL, request.requestedBy());
            if (request.note() != null) {
                annotations.put(NOTE_ANNOTATION, request.note());
            }
        }
        ObjectNode spec = run.putObject("spec");
        spec.put("opsJob", request.opsJob());
        spec.put("reason", request.reason());
        if (request.alert() != null) {
            ObjectNode alert = spec.putObject("alert");
            alert.put("fingerprint", request.alert().fingerprint());
            alert.put("alertname", request.alert().alertname());
            if (request.alert().ticketId() != null) {
                alert.put("ticketId", request.alert().ticketId());
            }
        }
        try {
            return JSON.writeValueAsBytes(run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A person's name as a label value: at most 63 characters of {@code [A-Za-z0-9._-]}, starting and ending with
     * a letter or digit; other characters become '_' (the annotation keeps the exact name).
     */
    static String labelValue(String name) {
        String v = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (v.length() > 63) {
            v = v.substring(0, 63);
        }
        v = v.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
        return v.isEmpty() ? "person" : v;
    }

    private static String shorten(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
