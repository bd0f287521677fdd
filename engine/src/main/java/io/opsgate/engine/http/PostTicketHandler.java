package io.opsgate.engine.http;

import com.fasterxml.jackson.core.JsonToken;
import io.opsgate.api.v1alpha1.TicketAction;
import io.opsgate.api.v1alpha1.TicketCategory;
import io.opsgate.engine.tickets.TicketRequest;

import java.util.Arrays;
import java.util.concurrent.CompletionStage;

/**
 * POST /api/v1/tickets {"title", "description", "category", "priority"?}: a person (or a token) opens a ticket by
 * hand, a request or inquiry to the operations team. Answers 201 with the ticket; the tenant's request channel is
 * told of it. A bad field answers 400 naming it, and nothing is stored.
 */
final class PostTicketHandler implements Operation {

    @Override
    public CompletionStage<Reply> handle(Call call) {
        TicketRequest request = parse(call.body);
        return call.tenant().openByHand(request, call.actor()).thenApply(t -> Reply.json(201, TicketJson.one(t)));
    }

    static TicketRequest parse(byte[] body) {
        String title = null;
        String description = null;
        String category = null;
        String priority = null;
        try (JsonInput in = new JsonInput(body)) {
            in.next();
            in.expect(JsonToken.START_OBJECT, "", "an object with title, description and category");
            while (in.next() == JsonToken.FIELD_NAME) {
                String f = in.name();
                in.next();
                switch (f) {
                    case "title" -> title = in.string("title");
                    case "description" -> description = in.string("description");
                    case "category" -> category = in.string("category");
                    case "priority" -> priority = in.string("priority");
                    default -> throw ApiError.badRequest("unknown field " + f
                            + " (a ticket takes title, description, category, priority)").field(f);
                }
            }
            in.expectEnd();
        }
        if (title == null || title.isBlank()) {
            throw ApiError.badRequest("title is required").field("title");
        }
        title = title.strip();
        if (title.length() > TicketRequest.MAX_TITLE || title.contains("\n")) {
            throw ApiError.badRequest("title must be one line of at most " + TicketRequest.MAX_TITLE + " characters")
                    .field("title");
        }
        if (description != null && description.length() > TicketRequest.MAX_DESCRIPTION) {
            throw ApiError.badRequest("description is longer than " + TicketRequest.MAX_DESCRIPTION + " characters")
                    .field("description");
        }
        if (category == null) {
            throw ApiError.badRequest("category is required: one of " + categories()).field("category");
        }
        try {
            TicketCategory.valueOf(category);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("category \"" + category + "\" is not one of " + categories()).field("category");
        }
        if (priority == null) {
            priority = TicketRequest.DEFAULT_PRIORITY;
        } else {
            try {
                TicketAction.Priority.valueOf(priority);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("priority \"" + priority + "\" is not one of P1, P2, P3, P4, P5")
                        .field("priority");
            }
        }
        return new TicketRequest(title, description == null ? "" : description, category, priority);
    }

    static String categories() {
        return String.join(", ", Arrays.stream(TicketCategory.values()).map(Enum::name).toList());
    }
}
