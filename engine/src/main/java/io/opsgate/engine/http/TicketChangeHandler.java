package io.opsgate.engine.http;

import com.fasterxml.jackson.core.JsonToken;
import io.opsgate.engine.tenant.TenantRuntime;
import io.opsgate.engine.tickets.TicketChange;

import java.util.concurrent.CompletionStage;

/**
 * POST /api/v1/tickets/{id}/ack, /resolve, /close, /assign {"assignee"}, /comments {"text"}. The actor on
 * the timeline is the token's name. An illegal transition answers 409.
 */
final class TicketChangeHandler implements Operation {

    /** The changes, their path and body field. */
    enum Change {
        ACK("ack", TicketChange.ACK, null),
        RESOLVE("resolve", TicketChange.RESOLVE, null),
        CLOSE("close", TicketChange.CLOSE, null),
        ASSIGN("assign", TicketChange.ASSIGN, "assignee"),
        COMMENT("comments", TicketChange.COMMENT, "text");

        final String path;
        final TicketChange change;
        final String field;
        final boolean takesBody;

        Change(String path, TicketChange change, String field) {
            this.path = path;
            this.change = change;
            this.field = field;
            this.takesBody = field != null;
        }
    }

    private static final int MAX_TEXT = 10_000;
    private final Change change;

    TicketChangeHandler(Change change) {
        this.change = change;
    }

    @Override
    public CompletionStage<Reply> handle(Call call) {
        long id = GetTicketHandler.ticketId(call);
        String text = change.field == null ? null : field(call.body, change.field);
        TenantRuntime tenant = call.tenant();
        String actor = call.actor();
        return tenant.lane().submit(() -> tenant.tickets().change(id, change.change, text, actor))
                .thenApply(t -> Reply.json(200, TicketJson.one(t)));
    }

    private static String field(byte[] body, String name) {
        String value = null;
        try (JsonInput in = new JsonInput(body)) {
            in.next();
            in.expect(JsonToken.START_OBJECT, "", "an object with " + name);
            while (in.next() == JsonToken.FIELD_NAME) {
                String f = in.name();
                in.next();
                if (f.equals(name)) {
                    value = in.string(name);
                } else {
                    in.skip();
                }
            }
            in.expectEnd();
        }
        if (value == null || value.isBlank()) {
            throw ApiError.badRequest(name + " is required").field(name);
        }
        if (value.length() > MAX_TEXT) {
            throw ApiError.badRequest(name + " is longer than " + MAX_TEXT + " characters").field(name);
        }
        return value;
    }
}
