package io.opsgate.engine.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opsgate.engine.jobs.JobRunRecord;
import io.opsgate.engine.jobs.JobService;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * GET /api/v1/jobruns (Read): the OpsJob runs the engine knows, newest first: those it requested or ran
 * (source engine) and, in a cluster, the OpsJobRuns of its namespace (source cluster), with their steps.
 * Optional {@code opsjob} filters by job, {@code limit} (default 100, at most 500) bounds the list.
 */
final class ListJobRunsHandler implements Operation {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final JobService jobs;

    ListJobRunsHandler(JobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public CompletionStage<Reply> handle(Call call) {
        String job = call.queryParam("opsjob");
        int limit = DEFAULT_LIMIT;
        String l = call.queryParam("limit");
        if (l != null && !l.isEmpty()) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("limit must be a number").field("limit");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ApiError.badRequest("limit must be between 1 and " + MAX_LIMIT).field("limit");
            }
        }
        List<JobRunRecord> runs = jobs.runs(call.tenant().name()).stream()
                .filter(r -> job == null || job.equals(r.opsJob)).limit(limit).toList();
        return CompletableFuture.completedFuture(Reply.json(200, Json.write(g -> {
            g.writeStartArray();
            for (JobRunRecord r : runs) {
                write(g, r);
            }
            g.writeEndArray();
        })));
    }

    private static void write(JsonGenerator g, JobRunRecord r) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", r.name);
        g.writeStringField("opsJob", r.opsJob);
        g.writeStringField("reason", r.reason);
        g.writeStringField("phase", r.phase);
        g.writeStringField("message", r.message == null ? "" : r.message);
        g.writeStringField("source", r.source);
        if (r.requestedBy != null) {
            g.writeStringField("requestedBy", r.requestedBy);
        }
        if (r.note != null) {
            g.writeStringField("note", r.note);
        }
        time(g, "requestedAt", r.requestedAt);
        time(g, "startTime", r.startTime);
        time(g, "completionTime", r.completionTime);
        if (r.alertFingerprint != null) {
            g.writeObjectFieldStart("alert");
            g.writeStringField("fingerprint", r.alertFingerprint);
            g.writeStringField("alertname", r.alertname);
            if (r.ticketId != null) {
                g.writeStringField("ticketId", r.ticketId);
            }
            g.writeEndObject();
        }
        g.writeArrayFieldStart("steps");
        for (JobRunRecord.Step s : r.steps) {
            g.writeStartObject();
            g.writeStringField("opsJob", s.opsJob);
            g.writeStringField("phase", s.phase);
            time(g, "startTime", s.startTime);
            time(g, "completionTime", s.completionTime);
            if (s.exitCode != null) {
                g.writeNumberField("exitCode", s.exitCode);
            }
            g.writeStringField("message", s.message == null ? "" : s.message);
            if (s.logTail != null) {
                g.writeStringField("logTail", s.logTail);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void time(JsonGenerator g, String field, long millis) throws IOException {
        if (millis > 0) {
            g.writeStringField(field, Json.time(millis));
        }
    }
}
