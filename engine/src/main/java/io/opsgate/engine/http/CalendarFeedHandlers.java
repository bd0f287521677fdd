package io.opsgate.engine.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.v1alpha1.OpsgateApi;
import io.opsgate.engine.calendar.CalendarFeed;
import io.opsgate.engine.calendar.CalendarFeeds;
import io.opsgate.engine.oncall.ICalendarFeed;
import io.opsgate.engine.oncall.ScheduleBook;
import io.opsgate.engine.tenant.TenantRegistry;
import io.opsgate.engine.tenant.TenantRuntime;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * The per-person iCalendar feeds (docs/oncall.md): issued, listed and revoked with an Admin token
 * ({@code POST|GET /api/v1/oncall/feeds}, {@code DELETE /api/v1/oncall/feeds/{id}}), read by calendar
 * applications without a bearer token at {@code GET /api/v1/oncall/calendar/{tenant}/{token}}, the URL the
 * issue answer carried.
 */
final class CalendarFeedHandlers {
    /** What a feed shows: the shifts from a month back to three months ahead. */
    static final Duration PAST = Duration.ofDays(31);
    static final Duration AHEAD = Duration.ofDays(92);
    static final String CALENDAR_PATH = "/api/v1/oncall/calendar/";

    private final CalendarFeeds feeds;
    private final TenantRegistry registry;
    private final Clock clock;
    private final String externalUrl;

    /** @param externalUrl the tenant API as people reach it, for the feed URLs; null to take the request's */
    CalendarFeedHandlers(CalendarFeeds feeds, TenantRegistry registry, Clock clock, String externalUrl) {
        this.feeds = feeds;
        this.registry = registry;
        this.clock = clock;
        this.externalUrl = externalUrl;
    }

    /** POST /api/v1/oncall/feeds {"person"}: 201 with the feed's URL, whose token is shown this once. */
    CompletionStage<Reply> issue(Call call) {
        JsonNode body = JsonInput.tree(call.body == null || call.body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : call.body);
        JsonNode person = body.path("person");
        if (!person.isTextual() || !person.asText().matches(OpsgateApi.PERSON_ID_PATTERN)) {
            throw ApiError.badRequest("person must be a person id (lower case letters, digits, -._; at most 63)")
                    .field("person");
        }
        String tenant = call.tenant().name();
        String base = base(call.ctx);
        return feeds.issue(tenant, person.asText(), call.actor()).handle((issued, failure) -> {
            if (failure != null) {
                Throwable t = failure.getCause() != null ? failure.getCause() : failure;
                if (t instanceof CalendarFeeds.TooManyFeeds) {
                    throw new ApiError(409, t.getMessage()).limit("calendarFeeds", CalendarFeeds.MAX_FEEDS);
                }
                throw new java.util.concurrent.CompletionException(t);
            }
            String path = CALENDAR_PATH + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + "/" + issued.token();
            return Reply.json(201, Json.write(g -> {
                g.writeStartObject();
                feed(g, issued.feed());
                g.writeStringField("url", base + path);
                g.writeEndObject();
            }));
        });
    }

    /** GET /api/v1/oncall/feeds: the feeds (never their tokens). */
    CompletionStage<Reply> list(Call call) {
        List<CalendarFeed> all = feeds.list(call.tenant().name());
        return CompletableFuture.completedFuture(Reply.json(200, Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("feeds");
            for (CalendarFeed f : all) {
                g.writeStartObject();
                feed(g, f);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        })));
    }

    /** DELETE /api/v1/oncall/feeds/{id}: 204; its URL answers 404 from then on. */
    CompletionStage<Reply> revoke(Call call) {
        String id = call.pathParam("id");
        return feeds.revoke(call.tenant().name(), id).thenApply(done -> {
            if (!done) {
                throw new ApiError(404, "calendar feed " + id + " not found").field("id");
            }
            return Reply.empty(204);
        });
    }

    /**
     * GET /api/v1/oncall/calendar/{tenant}/{token}: the person's shifts in every schedule of the tenant, RFC 5545.
     * Unknown tenant or token (or a revoked one): 404, the same answer, so a token cannot be probed per tenant.
     */
    void calendar(RoutingContext ctx, BiConsumer<RoutingContext, String> accessLog) {
        String tenant = ctx.pathParam("tenant");
        TenantRuntime runtime = tenant == null ? null : registry.tenant(tenant);
        CalendarFeed feed = runtime == null ? null : feeds.find(tenant, ctx.pathParam("token")).orElse(null);
        if (feed == null) {
            ErrorResponder.send(ctx, new ApiError(404, "no such calendar feed"));
            return;
        }
        accessLog.accept(ctx, tenant);
        java.net.InetAddress from = CallOutCallbackHandler.remote(ctx);
        if (from == null || !runtime.config().allowsApi(from)) {
            ErrorResponder.send(ctx, new ApiError(403, "source address is not in the tenant's API allow list")
                    .field("spec.access.apiAllowedCidrs"));
            return;
        }
        CompiledConfig config = runtime.config().compiled;
        ScheduleBook book = ScheduleBook.of(config == null ? null : config.onCallSchedules, null);
        Instant now = clock.instant();
        String name = config != null && config.tenantSpec != null && config.tenantSpec.displayName != null
                && !config.tenantSpec.displayName.isBlank() ? config.tenantSpec.displayName : tenant;
        String body = ICalendarFeed.render(tenant, name, feed.person, book.all(),
                now.minus(PAST), now.plus(AHEAD), now);
        ctx.response().setStatusCode(200).putHeader("Content-Type", "text/calendar; charset=utf-8")
                .putHeader("Cache-Control", "private, max-age=300").end(body);
    }

    private static void feed(JsonGenerator g, CalendarFeed f) throws IOException {
        g.writeStringField("id", f.id);
        g.writeStringField("person", f.person);
        g.writeStringField("createdAt", Json.time(f.createdAt));
        g.writeStringField("createdBy", f.createdBy);
    }

    private String base(RoutingContext ctx) {
        if (externalUrl != null && !externalUrl.isBlank()) {
            return externalUrl.replaceAll("/+$", "");
        }
        var authority = ctx.request().authority();
        return (ctx.request().isSSL() ? "https://" : "http://") + (authority == null ? "localhost" : authority.toString());
    }
}
