package io.opsgate.engine.http;

import io.opsgate.api.matcher.Matcher;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.domain.TicketState;
import io.opsgate.engine.tenant.TenantRuntime;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * GET /api/v1/tickets: newest first, filtered by state, severity, category and label matchers (filter), in pages of
 * limit (default 50, at most 500); nextCursor, passed back as cursor, gives the next page.
 */
final class ListTicketsHandler implements Operation {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    @Override
    public CompletionStage<Reply> handle(Call call) {
        Set<TicketState> states = EnumSet.noneOf(TicketState.class);
        for (String v : split(call.queryParams("state"))) {
            try {
                states.add(TicketState.valueOf(v));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("state \"" + v + "\" is not one of open, acknowledged, resolved, closed")
                        .field("state");
            }
        }
        Set<String> severities = new HashSet<>(split(call.queryParams("severity")));
        Set<String> categories = new HashSet<>();
        for (String v : split(call.queryParams("category"))) {
            try {
                categories.add(io.opsgate.api.v1alpha1.TicketCategory.valueOf(v).name());
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("category \"" + v + "\" is not one of " + PostTicketHandler.categories())
                        .field("category");
            }
        }
        List<Matcher> matchers = GetAlertsHandler.filters(call.queryParams("filter"));
        int limit = number(call.queryParam("limit"), "limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiError.badRequest("limit must be between 1 and " + MAX_LIMIT).field("limit");
        }
        long cursor = number(call.queryParam("cursor"), "cursor", 0);
        TenantRuntime tenant = call.tenant();
        return tenant.lane().call(() -> {
            List<Ticket> page = tenant.tickets().page(states, severities, categories, matchers, cursor, limit + 1);
            String next = null;
            if (page.size() > limit) {
                page = page.subList(0, limit);
                next = Long.toString(page.get(limit - 1).id);
            }
            return Reply.json(200, TicketJson.page(page, next));
        });
    }

    private static List<String> split(List<String> values) {
        return values.stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }

    private static int number(String text, String field, int fallback) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(field + " must be a number").field(field);
        }
    }
}
