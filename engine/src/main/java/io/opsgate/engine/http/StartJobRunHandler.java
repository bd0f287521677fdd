package io.opsgate.engine.http;

import com.fasterxml.jackson.core.JsonToken;
import io.opsgate.api.jobs.RunGuardrails;
import io.opsgate.engine.jobs.JobService;
import io.opsgate.engine.jobs.ManualRun;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * POST /api/v1/jobs/{opsjob}/runs {"reason"}: a person starts an OpsJob that declares {@code spec.manual: true}, through
 * the guardrails of automatic runs. 202 {@code {"name", "phase", "opsJob", "requestedBy"}}; refused with 404 (no such
 * job), 409 naming the reason (NotManual, ConcurrencyForbid, JobNetInvalid, RunsNotPossible) or 429 with Retry-After
 * (GuardrailCooldown, GuardrailRateLimit). The run's requested-by is the signed-in person (or the token).
 */
final class StartJobRunHandler implements Operation {
    static final int MAX_REASON = 1_000;
    private final JobService jobs;

    StartJobRunHandler(JobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public CompletionStage<Reply> handle(Call call) {
        String job = call.pathParam("opsjob");
        String reason = reason(call.body);
        String actor = call.actor();
        return jobs.startByHand(call.tenant().name(), job, reason, actor).thenApply(r -> {
            if (!r.isStarted()) {
                throw refusal(r);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", r.run());
            body.put("phase", r.phase());
            body.put("opsJob", job);
            body.put("requestedBy", actor);
            return Reply.json(202, Json.value(body));
        });
    }

    static ApiError refusal(ManualRun r) {
        int status = switch (r.refusal()) {
            case ManualRun.NOT_FOUND -> 404;
            case RunGuardrails.COOLDOWN, RunGuardrails.RATE_LIMIT -> 429;
            default -> 409;
        };
        ApiError e = new ApiError(status, r.message()).detail("reason", r.refusal());
        if (ManualRun.NOT_FOUND.equals(r.refusal())) {
            e.field("opsjob");
        }
        return r.retryAfterSecs() > 0 ? e.header("Retry-After", Long.toString(r.retryAfterSecs())) : e;
    }

    private static String reason(byte[] body) {
        String reason = null;
        try (JsonInput in = new JsonInput(body)) {
            in.next();
            in.expect(JsonToken.START_OBJECT, "", "an object with reason");
            while (in.next() == JsonToken.FIELD_NAME) {
                String f = in.name();
                in.next();
                if (f.equals("reason")) {
                    reason = in.string("reason");
                } else {
                    throw ApiError.badRequest("unknown field " + f + " (a run takes reason)").field(f);
                }
            }
            in.expectEnd();
        }
        if (reason == null || reason.isBlank()) {
            throw ApiError.badRequest("reason is required: say why the job runs now").field("reason");
        }
        if (reason.length() > MAX_REASON) {
            throw ApiError.badRequest("reason is longer than " + MAX_REASON + " characters").field("reason");
        }
        return reason.strip();
    }
}
