package io.opsgate.engine.http;

import io.opsgate.engine.handoff.DeliveryRecords;
import io.opsgate.engine.notify.DeliveryReport;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** GET /api/v1/deadletters ({@code limit} at most 500, default 100; {@code cursor}): notifications that were given up on, newest first. */
final class GetDeadLettersHandler implements Operation {
    private final DeliveryRecords records;

    GetDeadLettersHandler(DeliveryRecords records) {
        this.records = records;
    }

    @Override
    public CompletionStage<Reply> handle(Call call) {
        long limit = number(call.queryParam("limit"), 100, "limit");
        if (limit < 1 || limit > 500) {
            throw ApiError.badRequest("limit must be 1 to 500").field("limit");
        }
        long before = number(call.queryParam("cursor"), 0, "cursor");
        List<DeliveryReport> page = records.deadLetters(call.tenant().name(), before, (int) limit + 1);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, (int) limit);
            next = Long.toString(page.get(page.size() - 1).id);
        }
        return CompletableFuture.completedFuture(Reply.json(200, DeliveryJson.deadLetters(page, next)));
    }

    private static long number(String text, long fallback, String name) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be a number").field(name);
        }
    }
}
