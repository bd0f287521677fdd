package io.opsgate.engine.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opsgate.engine.domain.Silence;
import io.opsgate.engine.domain.SilenceMatcher;

import java.io.IOException;
import java.util.List;

/** Renders silences as Alertmanager API v2's gettableSilence. */
final class SilenceJson {
    private SilenceJson() {
    }

    static byte[] list(List<Silence> silences, long now) {
        return Json.write(g -> {
            g.writeStartArray();
            for (Silence s : silences) {
                write(g, s, now);
            }
            g.writeEndArray();
        });
    }

    static byte[] one(Silence s, long now) {
        return Json.write(g -> write(g, s, now));
    }

    static void write(JsonGenerator g, Silence s, long now) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id);
        g.writeObjectFieldStart("status");
        g.writeStringField("state", s.stateAt(now).name());
        g.writeEndObject();
        g.writeStringField("updatedAt", Json.time(s.updatedAt));
        g.writeStringField("comment", s.comment);
        g.writeStringField("createdBy", s.createdBy);
        g.writeStringField("endsAt", Json.time(s.endsAt));
        g.writeArrayFieldStart("matchers");
        for (SilenceMatcher m : s.matchers) {
            g.writeStartObject();
            g.writeBooleanField("isEqual", m.isEqual());
            g.writeBooleanField("isRegex", m.isRegex());
            g.writeStringField("name", m.name());
            g.writeStringField("value", m.value());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("startsAt", Json.time(s.startsAt));
        g.writeEndObject();
    }
}
