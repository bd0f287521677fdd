package io.opsgate.engine.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.oncall.OnCallNow;
import io.opsgate.api.oncall.OnCallResolver;
import io.opsgate.api.oncall.Shift;
import io.opsgate.api.v1alpha1.OnCallScheduleSpec;
import io.opsgate.engine.oncall.ScheduleBook;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /api/v1/oncall[?at=][&from=&to=]} (Read): every OnCallSchedule of the tenant with who is on call at
 * {@code at} (default now) and the next shift, and with {@code from} and {@code to} (both, at most 93 days apart)
 * the final schedule's shifts overlapping them. People are ids; contact details never leave notify.
 */
final class GetOnCallHandler implements Operation {
    /** The longest range of shifts one request may ask for. */
    static final Duration MAX_RANGE = Duration.ofDays(93);

    private final Clock clock;
    private volatile ScheduleBook book;

    GetOnCallHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public CompletionStage<Reply> handle(Call call) {
        Instant at = instant(call, "at", clock.instant());
        Instant from = instant(call, "from", null);
        Instant to = instant(call, "to", null);
        if ((from == null) != (to == null)) {
            throw ApiError.badRequest("from and to are given together").field(from == null ? "from" : "to");
        }
        if (from != null && !to.isAfter(from)) {
            throw ApiError.badRequest("to must be after from").field("to");
        }
        if (from != null && Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw ApiError.badRequest("from and to may be at most " + MAX_RANGE.toDays() + " days apart").field("to");
        }
        CompiledConfig config = call.tenant().config().compiled;
        List<NamedSpec<OnCallScheduleSpec>> specs = config == null ? List.of() : config.onCallSchedules;
        ScheduleBook b = ScheduleBook.of(specs, book);
        book = b;
        return CompletableFuture.completedFuture(Reply.json(200, Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("at", at.toString());
            g.writeArrayFieldStart("schedules");
            for (NamedSpec<OnCallScheduleSpec> s : specs) {
                OnCallResolver r = b.schedule(s.name).orElseThrow();
                OnCallNow now = r.now(at);
                g.writeStartObject();
                g.writeStringField("name", s.name);
                g.writeStringField("timeZone", s.spec.timeZone == null ? "UTC" : s.spec.timeZone);
                span(g, "onCall", now.current());
                span(g, "next", now.next());
                if (from != null) {
                    g.writeArrayFieldStart("shifts");
                    for (Shift shift : r.shifts(from, to)) {
                        span(g, null, new OnCallNow.Span(shift.person(), shift.start(), shift.end(), shift.source()));
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        })));
    }

    private static void span(JsonGenerator g, String field, OnCallNow.Span s) throws IOException {
        if (field != null) {
            if (s == null) {
                g.writeNullField(field);
                return;
            }
            g.writeObjectFieldStart(field);
        } else {
            g.writeStartObject();
        }
        g.writeStringField("person", s.person());
        g.writeStringField("start", s.start() == null ? null : s.start().toString());
        g.writeStringField("end", s.end() == null ? null : s.end().toString());
        g.writeStringField("layer", s.source());
        g.writeEndObject();
    }

    private static Instant instant(Call call, String name, Instant fallback) {
        String v = call.queryParam(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(name + " must be an RFC 3339 time, e.g. 2026-03-02T09:00:00Z").field(name);
        }
    }
}
