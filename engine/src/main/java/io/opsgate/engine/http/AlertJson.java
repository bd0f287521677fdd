package io.opsgate.engine.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opsgate.engine.alerting.AlertView;

import java.io.IOException;
import java.util.List;

/** Renders alerts as Alertmanager API v2's gettableAlert, with opsgate's additions under "opsgate". */
final class AlertJson {
    private AlertJson() {
    }

    static byte[] list(List<AlertView> alerts) {
        return Json.write(g -> {
            g.writeStartArray();
            for (AlertView a : alerts) {
                write(g, a);
            }
            g.writeEndArray();
        });
    }

    static void write(JsonGenerator g, AlertView a) throws IOException {
        g.writeStartObject();
        Json.stringMap(g, "annotations", a.annotations());
        g.writeStringField("endsAt", Json.time(a.endsAt()));
        g.writeStringField("fingerprint", a.fingerprint());
        g.writeArrayFieldStart("receivers");
        for (String r : a.receivers()) {
            g.writeStartObject();
            g.writeStringField("name", r);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("startsAt", Json.time(a.startsAt()));
        g.writeObjectFieldStart("status");
        strings(g, "inhibitedBy", a.inhibitedBy());
        strings(g, "silencedBy", a.silencedBy());
        strings(g, "mutedBy", List.of());
        g.writeStringField("state", a.state());
        g.writeEndObject();
        g.writeStringField("updatedAt", Json.time(a.updatedAt()));
        g.writeStringField("generatorURL", a.generatorURL());
        Json.stringMap(g, "labels", a.labels());
        g.writeObjectFieldStart("opsgate");
        g.writeNumberField("count", a.count());
        if (a.rule() != null) {
            g.writeStringField("rule", a.rule());
        }
        g.writeBooleanField("dropped", a.dropped());
        if (a.ticketId() != null) {
            g.writeStringField("ticketId", Long.toString(a.ticketId()));
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
