package io.opsgate.engine.oncall;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.MutableClock;
import io.opsgate.engine.support.NotifyHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/oncall} and the per-person iCalendar feeds through the real engine: who is on call now and
 * next per schedule (people as ids), shifts of a range, 400 naming the parameter; a feed issued with an Admin
 * token is read without one, shows only its person's shifts, outlives a restart, and answers 404 once revoked.
 */
class OnCallApiIT {
    static final String OBJECTS = """
            apiVersion: opsgate.io/v1alpha1
            kind: OnCallSchedule
            metadata: {name: primary, namespace: opsgate-acme}
            spec:
              timeZone: Asia/Tokyo
              layers:
                - name: daily
                  start: "2026-03-01T09:00:00+09:00"
                  people: [taro, hanako]
                  rotation: {type: Daily}
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: OnCallSchedule
            metadata: {name: empty-nights, namespace: opsgate-acme}
            spec:
              layers:
                - name: nights
                  start: "2026-03-01T00:00:00Z"
                  people: [jiro]
                  rotation: {type: Daily}
                  restrictions:
                    - {startTime: "22:00", endTime: "06:00"}
            """;

    @TempDir
    Path root;
    private NotifyHarness opsgate;

    private NotifyHarness start() {
        // 2026-03-02T10:00Z is 19:00 in Tokyo: hanako's turn (turn 1, from 2026-03-02 09:00 JST) until 09:00 tomorrow.
        opsgate = new NotifyHarness(root, new MutableClock(NotifyHarness.START), OBJECTS, 3);
        return opsgate;
    }

    @AfterEach
    void stop() {
        if (opsgate != null) {
            opsgate.close();
        }
    }

    @Test
    void everyScheduleShowsWhoIsOnCallNowAndNext() {
        start();
        JsonNode body = opsgate.get("/api/v1/oncall");
        assertThat(body.path("at").asText()).isEqualTo("2026-03-02T10:00:00Z");
        JsonNode primary = schedule(body, "primary");
        assertThat(primary.path("timeZone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(primary.path("onCall").path("person").asText()).isEqualTo("hanako");
        assertThat(primary.path("onCall").path("start").asText()).isEqualTo("2026-03-02T00:00:00Z");
        assertThat(primary.path("onCall").path("end").asText()).isEqualTo("2026-03-03T00:00:00Z");
        assertThat(primary.path("onCall").path("layer").asText()).isEqualTo("daily");
        assertThat(primary.path("next").path("person").asText()).isEqualTo("taro");
        assertThat(primary.has("shifts")).isFalse();
        JsonNode nights = schedule(body, "empty-nights");
        assertThat(nights.path("onCall").isNull()).isTrue();
        assertThat(nights.path("next").path("person").asText()).isEqualTo("jiro");
        assertThat(nights.path("next").path("start").asText()).isEqualTo("2026-03-02T22:00:00Z");

        JsonNode at = schedule(opsgate.get("/api/v1/oncall?at=2026-03-03T09:30:00%2B09:00"), "primary");
        assertThat(at.path("onCall").path("person").asText()).isEqualTo("taro");

        JsonNode range = schedule(opsgate.get("/api/v1/oncall?from=2026-03-02T00:00:00Z&to=2026-03-04T00:00:00Z"), "primary");
        assertThat(range.path("shifts")).hasSize(2);
        assertThat(range.path("shifts").get(0).path("person").asText()).isEqualTo("hanako");
        assertThat(range.path("shifts").get(1).path("person").asText()).isEqualTo("taro");
    }

    @Test
    void badParametersAre400NamingTheField() {
        start();
        assertBad("/api/v1/oncall?at=yesterday", "at");
        assertBad("/api/v1/oncall?from=2026-03-02T00:00:00Z", "to");
        assertBad("/api/v1/oncall?to=2026-03-02T00:00:00Z", "from");
        assertBad("/api/v1/oncall?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "to");
        assertBad("/api/v1/oncall?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z", "to");
        Http.Response r = opsgate.http.post("/api/v1/oncall/feeds", NotifyHarness.TOKEN, "{\"person\":\"Not A Person\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("field").asText()).isEqualTo("person");
        assertThat(opsgate.http.get("/api/v1/oncall", null).status()).isEqualTo(401);
    }

    @Test
    void aPersonsFeedIsReadWithoutABearerTokenAndStopsWhenRevoked() {
        start();
        JsonNode issued = opsgate.post("/api/v1/oncall/feeds", "{\"person\":\"taro\"}");
        String url = issued.path("url").asText();
        String id = issued.path("id").asText();
        assertThat(url).contains("/api/v1/oncall/calendar/acme/");
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertThat(token).hasSizeGreaterThanOrEqualTo(43);

        Http.Response feed = opsgate.http.get(URI.create(url).getPath(), null);
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
        assertThat(feed.body()).startsWith("BEGIN:VCALENDAR\r\n").contains("SUMMARY:On call: primary")
                .contains("DTSTART:20260303T000000Z").doesNotContain("hanako").doesNotContain("jiro");

        JsonNode list = opsgate.get("/api/v1/oncall/feeds");
        assertThat(list.path("feeds")).hasSize(1);
        assertThat(list.path("feeds").get(0).path("person").asText()).isEqualTo("taro");
        assertThat(list.toString()).doesNotContain(token);
        String wrong = URI.create(url).getPath().replace(token, token.substring(1) + "A");
        assertThat(opsgate.http.get(wrong, null).status()).isEqualTo(404);

        // Durable: the feed works after a restart.
        opsgate.close();
        start();
        assertThat(opsgate.http.get(URI.create(url).getPath(), null).status()).isEqualTo(200);

        assertThat(opsgate.http.delete("/api/v1/oncall/feeds/" + id, NotifyHarness.TOKEN).status()).isEqualTo(204);
        assertThat(opsgate.http.get(URI.create(url).getPath(), null).status()).isEqualTo(404);
        assertThat(opsgate.http.delete("/api/v1/oncall/feeds/" + id, NotifyHarness.TOKEN).status()).isEqualTo(404);
        assertThat(opsgate.get("/api/v1/oncall/feeds").path("feeds")).isEmpty();
    }

    private void assertBad(String path, String field) {
        Http.Response r = opsgate.http.get(path, NotifyHarness.TOKEN);
        assertThat(r.status()).as(path).isEqualTo(400);
        assertThat(r.json().path("field").asText()).as(path).isEqualTo(field);
    }

    private static JsonNode schedule(JsonNode body, String name) {
        for (JsonNode s : body.path("schedules")) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no schedule " + name + " in " + body);
    }
}
