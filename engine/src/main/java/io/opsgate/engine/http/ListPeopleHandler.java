package io.opsgate.engine.http;

import io.opsgate.engine.identity.People;
import io.opsgate.engine.identity.SessionAuthenticator;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * GET /api/v1/people: who a ticket can be assigned to, {@code {"people": [{"name", "roles", "lastSignIn"?}]}}: the
 * Tenant's owner and operator Users and the people who signed in to the console and still have a role (a router
 * built without the console reads the same stored list). The assign route still takes any name.
 */
final class ListPeopleHandler implements Operation {
    private final SessionAuthenticator sessions;
    private final People withoutConsole = new People();

    ListPeopleHandler(SessionAuthenticator sessions) {
        this.sessions = sessions;
    }

    @Override
    public CompletionStage<Reply> handle(Call call) {
        List<People.Listed> people = sessions == null ? withoutConsole.list(call.tenant()) : sessions.people(call.tenant());
        return CompletableFuture.completedFuture(Reply.json(200, Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("people");
            for (People.Listed p : people) {
                g.writeStartObject();
                g.writeStringField("name", p.name());
                g.writeArrayFieldStart("roles");
                for (String r : p.roles()) {
                    g.writeString(r);
                }
                g.writeEndArray();
                if (p.lastSignIn() > 0) {
                    g.writeStringField("lastSignIn", Json.time(p.lastSignIn()));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        })));
    }
}
