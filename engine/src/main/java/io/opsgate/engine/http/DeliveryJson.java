package io.opsgate.engine.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opsgate.engine.notify.DeliveryReport;

import java.io.IOException;
import java.util.List;

/** Renders delivery attempts (a ticket's delivery log) and dead letters; times RFC 3339 UTC. */
final class DeliveryJson {
    private DeliveryJson() {
    }

    static void write(JsonGenerator g, DeliveryReport d) throws IOException {
        g.writeStartObject();
        g.writeStringField("at", Json.time(d.at));
        g.writeStringField("channel", d.channel);
        g.writeNumberField("attempt", d.attempt);
        g.writeStringField("result", d.result);
        if (d.statusCode != 0) {
            g.writeNumberField("statusCode", d.statusCode);
        }
        if (d.error != null) {
            g.writeStringField("error", d.error);
        }
        if (d.nextAttemptAt != null) {
            g.writeStringField("nextAttemptAt", Json.time(d.nextAttemptAt));
        }
        g.writeStringField("type", d.type);
        if (d.person != null) {
            g.writeStringField("person", d.person);
        }
        if (d.level != null) {
            g.writeNumberField("level", d.level);
        }
        g.writeStringField("status", d.status);
        g.writeNumberField("notification", d.seq);
        g.writeEndObject();
    }

    /** GET /api/v1/deadletters: newest first, with the cursor of the next page. */
    static byte[] deadLetters(List<DeliveryReport> page, String nextCursor) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("deadLetters");
            for (DeliveryReport d : page) {
                g.writeStartObject();
                g.writeStringField("id", Long.toString(d.id));
                g.writeStringField("at", Json.time(d.at));
                g.writeStringField("channel", d.channel);
                g.writeStringField("type", d.type);
                if (d.level != null) {
                    g.writeNumberField("level", d.level);
                }
                g.writeStringField("status", d.status);
                if (d.ticketId != null) {
                    g.writeStringField("ticketId", Long.toString(d.ticketId));
                }
                if (d.title != null) {
                    g.writeStringField("title", d.title);
                }
                g.writeNumberField("attempts", d.attempt);
                if (d.statusCode != 0) {
                    g.writeNumberField("statusCode", d.statusCode);
                }
                g.writeStringField("reason", d.error);
                g.writeNumberField("notification", d.seq);
                g.writeEndObject();
            }
            g.writeEndArray();
            if (nextCursor == null) {
                g.writeNullField("nextCursor");
            } else {
                g.writeStringField("nextCursor", nextCursor);
            }
            g.writeEndObject();
        });
    }
}
