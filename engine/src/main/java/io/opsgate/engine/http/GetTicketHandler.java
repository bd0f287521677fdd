package io.opsgate.engine.http;

import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.handoff.DeliveryRecords;
import io.opsgate.engine.tenant.TenantRuntime;

import java.util.concurrent.CompletionStage;

/** GET /api/v1/tickets/{id}, with the ticket's delivery log. */
final class GetTicketHandler implements Operation {
    private final DeliveryRecords deliveries;

    GetTicketHandler(DeliveryRecords deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public CompletionStage<Reply> handle(Call call) {
        long id = ticketId(call);
        TenantRuntime tenant = call.tenant();
        return tenant.lane().call(() -> {
            Ticket t = tenant.tickets().get(id);
            if (t == null) {
                throw new ApiError(404, "ticket " + id + " not found").field("id");
            }
            return Reply.json(200, TicketJson.one(t, deliveries.deliveries(tenant.name(), id)));
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
