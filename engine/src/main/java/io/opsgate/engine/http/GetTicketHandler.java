package io.opsgate.engine.http;

import io.opsgate.engine.config.TenantRuntime;
import io.opsgate.engine.domain.Ticket;

import java.util.concurrent.CompletionStage;

/** GET /api/v1/tickets/{id}. */
final class GetTicketHandler implements Operation {

    @Override
    public CompletionStage<Reply> handle(Call call) {
        long id = ticketId(call);
        TenantRuntime tenant = call.tenant();
        return tenant.lane().call(() -> {
            Ticket t = tenant.engine().ticket(id);
            if (t == null) {
                throw new ApiError(404, "ticket " + id + " not found").field("id");
            }
            return Reply.json(200, TicketJson.one(t));
        });
    }

    static long ticketId(Call call) {
        String text = call.pathParam("id");
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiError(404, "ticket " + text + " not found").field("id");
    }
}
