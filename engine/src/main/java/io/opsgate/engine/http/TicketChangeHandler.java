package io.opsgate.engine.http;

import com.fasterxml.jackson.core.JsonToken;
import io.opsgate.api.v1alpha1.ApiTokenSpec.TokenScope;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.tenant.TenantRuntime;
import io.opsgate.engine.tickets.TicketChange;

import java.util.concurrent.CompletionStage;

/**
 * POST /api/v1/tickets/{id}/ack, /resolve, /close, /assign {"assignee"}, /comments {"text"}. The actor on
 * the timeline is the signed-in person or the token's name. An illegal transition answers 409. Comments also take
 * the Read scope, for the person who opened a request by hand: the requester's side of its conversation.
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
        TenantRuntime tenant = call.tenant();
        String actor = call.actor();
        boolean mayChange = call.grant.scopes().contains(TokenScope.Admin) || call.grant.scopes().contains(TokenScope.Tickets);
        // Whether a Read-only caller may comment is decided before the body is looked at, as the router decides scopes.
        return tenant.lane().submit(() -> {
            if (!mayChange && !ownRequest(tenant.tickets().get(id), actor)) {
                throw new ApiError(403, "\"" + actor + "\" lacks the Admin or Tickets scope; with Read only, a person "
                        + "comments only on a request they opened").detail("scope", "Admin or Tickets");
            }
            String text = change.field == null ? null : field(call.body, change.field);
            return tenant.tickets().change(id, change.change, text, actor);
        }).thenApply(t -> Reply.json(200, TicketJson.one(t)));
    }

    /** A request the person opened by hand: its requester answers in its conversation whatever their role. */
    private static boolean ownRequest(Ticket t, String actor) {
        return t != null && Ticket.SOURCE_PERSON.equals(t.source) && actor.equals(t.openedBy);
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
