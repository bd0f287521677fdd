package io.opsgate.engine.http;

import io.opsgate.engine.security.NoticeRecords;
import io.opsgate.engine.security.Notices;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * GET /api/v1/notices: the operator's security notices the tenant received, newest first, in pages of {@code limit}
 * (default 50, at most 500); {@code nextCursor}, passed back as {@code cursor}, gives the next page:
 * {@code {"notices": [{"seq", "time", "kind", "severity", "title", "body", "channel"?, "queued", "reason"?}],
 * "nextCursor"}}.
 */
final class ListNoticesHandler implements Operation {
    private final Notices notices;

    ListNoticesHandler(Notices notices) {
        this.notices = notices;
    }

    @Override
    public CompletionStage<Reply> handle(Call call) {
        int limit = (int) number(call.queryParam("limit"), "limit", ListTicketsHandler.DEFAULT_LIMIT);
        if (limit < 1 || limit > ListTicketsHandler.MAX_LIMIT) {
            throw ApiError.badRequest("limit must be between 1 and " + ListTicketsHandler.MAX_LIMIT).field("limit");
        }
        long cursor = number(call.queryParam("cursor"), "cursor", 0);
        List<NoticeRecords.Notice> page = notices.list(call.tenant(), cursor, limit + 1);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            next = Long.toString(page.get(limit - 1).seq);
        }
        List<NoticeRecords.Notice> shown = page;
        String nextCursor = next;
        return CompletableFuture.completedFuture(Reply.json(200, Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("notices");
            for (NoticeRecords.Notice n : shown) {
                g.writeStartObject();
                g.writeStringField("seq", Long.toString(n.seq));
                g.writeStringField("time", Json.time(n.time));
                g.writeStringField("kind", n.kind);
                g.writeStringField("severity", n.severity);
                g.writeStringField("title", n.title);
                g.writeStringField("body", n.body);
                if (n.channel != null) {
                    g.writeStringField("channel", n.channel);
                }
                g.writeBooleanField("queued", n.queued);
                if (n.reason != null) {
                    g.writeStringField("reason", n.reason);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            if (nextCursor == null) {
                g.writeNullField("nextCursor");
            } else {
                g.writeStringField("nextCursor", nextCursor);
            }
            g.writeEndObject();
        })));
    }

    private static long number(String text, String field, long fallback) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(field + " must be a number").field(field);
        }
    }
}
