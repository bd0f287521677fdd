package io.opsgate.engine.http;

import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.engine.jobs.JobService;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * GET /api/v1/opsjobs: the tenant's valid OpsJobs, by name, with what starts them ({@code manual}: whether a person
 * may, and the console shows a Run button), their job net and guardrails: {@code {"opsJobs": [...]}}.
 */
final class ListOpsJobsHandler implements Operation {
    private final JobService jobs;

    ListOpsJobsHandler(JobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public CompletionStage<Reply> handle(Call call) {
        Map<String, OpsJobSpec> all = new java.util.TreeMap<>(jobs.jobs(call.tenant().name()));
        return CompletableFuture.completedFuture(Reply.json(200, Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("opsJobs");
            for (Map.Entry<String, OpsJobSpec> e : all.entrySet()) {
                OpsJobSpec s = e.getValue();
                g.writeStartObject();
                g.writeStringField("name", e.getKey());
                g.writeBooleanField("manual", Boolean.TRUE.equals(s.manual));
                if (s.trigger != null && s.trigger.alertRule != null) {
                    g.writeStringField("alertRule", s.trigger.alertRule);
                }
                if (s.schedule != null) {
                    g.writeStringField("schedule", s.schedule.cron);
                }
                g.writeArrayFieldStart("dependsOn");
                for (String d : s.dependsOn == null ? java.util.List.<String>of() : s.dependsOn) {
                    g.writeString(d);
                }
                g.writeEndArray();
                g.writeStringField("concurrencyPolicy", s.concurrencyPolicy == null ? "Forbid" : s.concurrencyPolicy.name());
                if (s.guardrails != null) {
                    g.writeObjectFieldStart("guardrails");
                    g.writeStringField("cooldown", s.guardrails.cooldown);
                    g.writeNumberField("maxRunsPerHour", s.guardrails.maxRunsPerHour);
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        })));
    }
}
