package io.opsgate.engine.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.suspension.Suspension;
import io.opsgate.api.v1alpha1.OperationsSuspensionSpec;
import io.opsgate.api.v1alpha1.OperationsSuspensionSpec.SuspendedOperation;
import io.opsgate.api.v1alpha1.OperationsSuspensionStatus;
import io.opsgate.api.validation.FieldError;
import io.opsgate.api.validation.OnCallValidator;
import io.opsgate.api.validation.ValidationResult;
import io.opsgate.engine.tenant.TenantSuspensions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * OperationsSuspensions (対応停止) through the API (docs/oncall.md): {@code POST /api/v1/suspensions}
 * {@code {"matchers", "start", "end", "reason"[, "suspend", "name"]}} (operator role: Tickets or Admin) stores one
 * durably, requested by the caller; {@code GET /api/v1/suspensions} (Read) lists those of the configuration
 * (source {@code resource}) and the requested ones (source {@code api}) with their phase. Bad input is 400 naming
 * the field as the body spells it ({@code start}, {@code matchers[0]}, ...).
 */
final class SuspensionHandlers {
    private static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SuspensionHandlers(Clock clock) {
        this.clock = clock;
    }

    CompletionStage<Reply> request(Call call) {
        JsonNode body = JsonInput.tree(call.body == null || call.body.length == 0
                ? "{}".getBytes(StandardCharsets.UTF_8) : call.body);
        if (!body.isObject()) {
            throw ApiError.badRequest("the body must be a JSON object");
        }
        OperationsSuspensionSpec spec = new OperationsSuspensionSpec();
        spec.reason = text(body, "reason");
        spec.requestedBy = call.actor();
        spec.window = new OperationsSuspensionSpec.SuspensionWindow();
        spec.window.start = text(body, "start");
        spec.window.end = text(body, "end");
        spec.matchers = strings(body, "matchers");
        List<String> ops = strings(body, "suspend");
        if (ops.isEmpty()) {
            spec.suspend = new ArrayList<>(List.of(SuspendedOperation.values()));
        } else {
            spec.suspend = new ArrayList<>();
            for (int i = 0; i < ops.size(); i++) {
                try {
                    spec.suspend.add(SuspendedOperation.valueOf(ops.get(i)));
                } catch (IllegalArgumentException e) {
                    throw ApiError.badRequest("suspend[" + i + "] must be AlertTriggeredJobs, ScheduledJobs or CallOuts")
                            .field("suspend[" + i + "]");
                }
            }
        }
        ValidationResult v = OnCallValidator.operationsSuspension(spec);
        if (!v.isValid()) {
            FieldError e = v.errors().get(0);
            throw ApiError.badRequest(e.message()).field(field(e.path()));
        }
        if (!io.opsgate.api.time.Timestamps.parse(spec.window.end).isAfter(clock.instant())) {
            throw ApiError.badRequest("end must be in the future").field("end");
        }
        String name = text(body, "name");
        if (name == null) {
            name = "requested-" + HexFormat.of().formatHex(bytes());
        } else if (!name.matches(NAME_PATTERN)) {
            throw ApiError.badRequest("name must be a DNS label (lower case letters, digits, '-'; at most 63)").field("name");
        }
        TenantSuspensions suspensions = call.tenant().suspensions();
        CompiledConfig config = call.tenant().config().compiled;
        String chosen = name;
        boolean taken = suspensions.requested().stream().anyMatch(s -> s.name.equals(chosen))
                || config != null && config.operationsSuspensions.stream().anyMatch(s -> s.name.equals(chosen));
        if (taken) {
            throw new ApiError(409, "an OperationsSuspension named " + name + " exists").field("name");
        }
        CompletableFuture<Void> stored;
        try {
            stored = suspensions.request(name, spec);
        } catch (IllegalStateException e) {
            throw new ApiError(409, e.getMessage()).limit("requestedSuspensions", TenantSuspensions.MAX_REQUESTED);
        }
        Instant now = clock.instant();
        return stored.thenApply(x -> Reply.json(201, Json.write(g -> write(g, chosen, spec, "api", now))));
    }

    CompletionStage<Reply> list(Call call) {
        CompiledConfig config = call.tenant().config().compiled;
        List<NamedSpec<OperationsSuspensionSpec>> fromConfig = config == null ? List.of() : config.operationsSuspensions;
        List<NamedSpec<OperationsSuspensionSpec>> requested = call.tenant().suspensions().requested();
        Instant now = clock.instant();
        return CompletableFuture.completedFuture(Reply.json(200, Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("suspensions");
            for (NamedSpec<OperationsSuspensionSpec> s : fromConfig) {
                write(g, s.name, s.spec, "resource", now);
            }
            for (NamedSpec<OperationsSuspensionSpec> s : requested) {
                write(g, s.name, s.spec, "api", now);
            }
            g.writeEndArray();
            g.writeEndObject();
        })));
    }

    private static void write(JsonGenerator g, String name, OperationsSuspensionSpec spec, String source, Instant now)
            throws IOException {
        OperationsSuspensionStatus status = new OperationsSuspensionStatus();
        Suspension.compile(name, spec).applyTo(status, now);
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("source", source);
        g.writeStringField("reason", spec.reason);
        g.writeStringField("requestedBy", spec.requestedBy);
        g.writeArrayFieldStart("matchers");
        for (String m : spec.matchers) {
            g.writeString(m);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("suspend");
        for (SuspendedOperation op : spec.suspend) {
            g.writeString(op.name());
        }
        g.writeEndArray();
        if (spec.window.start != null) {
            g.writeStringField("start", spec.window.start);
        }
        if (spec.window.end != null) {
            g.writeStringField("end", spec.window.end);
        }
        g.writeStringField("phase", status.phase.name());
        g.writeStringField("windowStart", status.windowStart);
        g.writeStringField("windowEnd", status.windowEnd);
        g.writeEndObject();
    }

    private byte[] bytes() {
        byte[] b = new byte[4];
        random.nextBytes(b);
        return b;
    }

    /** The body's name of a validator path: spec.window.start is start, spec.matchers[0] is matchers[0]. */
    static String field(String path) {
        return path.replaceFirst("^spec\\.", "").replaceFirst("^window\\.", "");
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiError.badRequest(field + " must be a string").field(field);
        }
        return n.asText();
    }

    private static List<String> strings(JsonNode body, String field) {
        JsonNode n = body.get(field);
        List<String> result = new ArrayList<>();
        if (n == null || n.isNull()) {
            return result;
        }
        if (!n.isArray()) {
            throw ApiError.badRequest(field + " must be an array of strings").field(field);
        }
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual()) {
                throw ApiError.badRequest(field + "[" + i + "] must be a string").field(field + "[" + i + "]");
            }
            result.add(n.get(i).asText());
        }
        return result;
    }
}
