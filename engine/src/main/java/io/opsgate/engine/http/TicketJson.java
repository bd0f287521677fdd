package io.opsgate.engine.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opsgate.engine.domain.Escalation;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.domain.TicketAlert;
import io.opsgate.engine.domain.TicketComment;
import io.opsgate.engine.domain.TicketEvent;
import io.opsgate.engine.notify.DeliveryReport;

import java.io.IOException;
import java.util.List;

/** Renders tickets; every time is RFC 3339 UTC. */
final class TicketJson {
    private TicketJson() {
    }

    static byte[] one(Ticket t) {
        return Json.write(g -> write(g, t));
    }

    /** A ticket with its delivery log: every attempt to deliver its notifications, oldest first. */
    static byte[] one(Ticket t, List<DeliveryReport> deliveries) {
        return Json.write(g -> write(g, t, deliveries));
    }

    static byte[] page(List<Ticket> tickets, String nextCursor) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("tickets");
            for (Ticket t : tickets) {
                write(g, t);
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

    static void write(JsonGenerator g, Ticket t) throws IOException {
        write(g, t, null);
    }

    private static void write(JsonGenerator g, Ticket t, List<DeliveryReport> deliveries) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", Long.toString(t.id));
        g.writeStringField("tenant", t.tenant);
        g.writeStringField("title", t.title);
        g.writeStringField("severity", t.severity);
        g.writeStringField("priority", t.priority);
        g.writeStringField("state", t.state.name());
        g.writeStringField("category", t.category);
        g.writeStringField("source", t.source);
        if (t.openedBy != null) {
            g.writeStringField("openedBy", t.openedBy);
        }
        if (t.description != null) {
            g.writeStringField("description", t.description);
        }
        if (t.assignee != null) {
            g.writeStringField("assignee", t.assignee);
        }
        g.writeStringField("rule", t.rule);
        g.writeStringField("groupKey", t.groupKey);
        Json.stringMap(g, "groupLabels", t.groupLabels);
        g.writeBooleanField("flapping", t.flapping);
        g.writeStringField("openedAt", Json.time(t.openedAt));
        g.writeStringField("updatedAt", Json.time(t.updatedAt));
        if (t.resolvedAt != null) {
            g.writeStringField("resolvedAt", Json.time(t.resolvedAt));
        }
        long total = 0;
        g.writeArrayFieldStart("alerts");
        for (TicketAlert a : t.alerts.values()) {
            total += a.count;
            g.writeStartObject();
            g.writeStringField("fingerprint", a.fingerprint);
            g.writeNumberField("count", a.count);
            g.writeStringField("firstSeen", Json.time(a.firstSeen));
            g.writeStringField("lastSeen", Json.time(a.lastSeen));
            g.writeStringField("status", a.resolved ? "resolved" : "firing");
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("alertCount", t.alerts.size());
        g.writeNumberField("eventCount", total);
        g.writeArrayFieldStart("comments");
        for (TicketComment c : t.comments) {
            g.writeStartObject();
            g.writeStringField("at", Json.time(c.at()));
            g.writeStringField("author", c.author());
            g.writeStringField("text", c.text());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("timeline");
        for (TicketEvent e : t.timeline) {
            g.writeStartObject();
            g.writeStringField("at", Json.time(e.at()));
            g.writeStringField("actor", e.actor());
            g.writeStringField("action", e.action());
            if (e.detail() != null) {
                g.writeStringField("detail", e.detail());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("escalations");
        for (Escalation e : t.escalations) {
            g.writeStartObject();
            g.writeNumberField("level", e.level);
            g.writeStringField("dueAt", Json.time(e.dueAt));
            g.writeArrayFieldStart("channels");
            for (String c : e.channels) {
                g.writeString(c);
            }
            g.writeEndArray();
            if (e.callsPeople()) {
                g.writeArrayFieldStart("schedules");
                for (String s : e.schedules) {
                    g.writeString(s);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("contactGroups");
                for (String c : e.contactGroups) {
                    g.writeString(c);
                }
                g.writeEndArray();
            }
            g.writeBooleanField("sent", e.sent);
            g.writeEndObject();
        }
        g.writeEndArray();
        if (deliveries != null) {
            g.writeArrayFieldStart("deliveries");
            for (DeliveryReport d : deliveries) {
                DeliveryJson.write(g, d);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
