package io.opsgate.engine.oncall;

import io.opsgate.api.oncall.OnCallResolver;
import io.opsgate.api.v1alpha1.OnCallScheduleSpec;
import io.opsgate.api.v1alpha1.RotationLayer;
import io.opsgate.api.v1alpha1.ScheduleOverride;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-person iCalendar feed, read back with a strict RFC 5545 reader written here. */
class ICalendarFeedTest {

    private static Instant t(String utc) {
        return Instant.parse(utc);
    }

    private static OnCallResolver weeklyTokyo() {
        OnCallScheduleSpec spec = new OnCallScheduleSpec();
        spec.timeZone = "Asia/Tokyo";
        RotationLayer l = new RotationLayer();
        l.name = "business";
        l.start = "2026-01-05T09:00:00+09:00";
        l.people = new ArrayList<>(List.of("taro", "hanako"));
        l.rotation = new RotationLayer.Rotation();
        l.rotation.type = RotationLayer.RotationType.Weekly;
        l.restrictions = new ArrayList<>(List.of(new RotationLayer.Restriction("09:00", "18:00",
                new ArrayList<>(List.of("monday:friday")))));
        spec.layers = new ArrayList<>(List.of(l));
        spec.overrides = new ArrayList<>(List.of(new ScheduleOverride("taro", "2026-01-17T01:00:00Z", "2026-01-17T03:00:00Z")));
        return OnCallResolver.compile(spec);
    }

    @Test
    void oneEventPerShiftInUtcWithFoldedLinesAndEscapedText() throws Exception {
        String feed = ICalendarFeed.render("acme", "ACME 株式会社, 東京; 運用チーム\\SRE", "taro",
                Map.of("primary", weeklyTokyo()), t("2026-01-05T00:00:00Z"), t("2026-01-19T00:00:00Z"),
                t("2026-01-04T12:00:00Z"));

        List<Map<String, String>> events = parse(feed);
        // Week 1: taro, Mon-Fri 09:00-18:00 JST (00:00-09:00Z); week 2 is hanako's, except the Saturday override.
        assertThat(events).extracting(e -> e.get("DTSTART") + "/" + e.get("DTEND")).containsExactly(
                "20260105T000000Z/20260105T090000Z", "20260106T000000Z/20260106T090000Z",
                "20260107T000000Z/20260107T090000Z", "20260108T000000Z/20260108T090000Z",
                "20260109T000000Z/20260109T090000Z", "20260117T010000Z/20260117T030000Z");
        assertThat(events.get(5).get("DESCRIPTION")).contains("(override)");
        assertThat(events.get(0).get("SUMMARY")).isEqualTo("On call: primary");
        assertThat(events).allSatisfy(e -> assertThat(e.get("DTSTAMP")).isEqualTo("20260104T120000Z"));
        assertThat(unescape(calendar(feed).get("X-WR-CALNAME"))).isEqualTo("ACME 株式会社, 東京; 運用チーム\\SRE: on call, taro");
        assertThat(calendar(feed).get("X-WR-CALNAME")).contains("ACME 株式会社\\, 東京\\; 運用チーム\\\\SRE");
    }

    @Test
    void uidsAreStableAcrossRefreshesAndDistinctPerShift() throws Exception {
        Map<String, OnCallResolver> schedules = Map.of("primary", weeklyTokyo());
        String first = ICalendarFeed.render("acme", "ACME", "taro", schedules, t("2026-01-05T00:00:00Z"),
                t("2026-01-10T00:00:00Z"), t("2026-01-04T12:00:00Z"));
        String later = ICalendarFeed.render("acme", "ACME", "taro", schedules, t("2026-01-07T04:00:00Z"),
                t("2026-01-19T00:00:00Z"), t("2026-01-07T04:00:00Z"));

        Map<String, String> uidByStart = new LinkedHashMap<>();
        for (Map<String, String> e : parse(first)) {
            uidByStart.put(e.get("DTSTART"), e.get("UID"));
        }
        assertThat(uidByStart.values()).doesNotHaveDuplicates().allSatisfy(u -> assertThat(u).endsWith("@opsgate"));
        List<Map<String, String>> refreshed = parse(later);
        // The shift in progress at the later range's start keeps its true start, and so its UID.
        assertThat(refreshed.get(0).get("DTSTART")).isEqualTo("20260107T000000Z");
        for (Map<String, String> e : refreshed) {
            if (uidByStart.containsKey(e.get("DTSTART"))) {
                assertThat(e.get("UID")).isEqualTo(uidByStart.get(e.get("DTSTART")));
            }
        }
        String otherTenant = ICalendarFeed.render("globex", "ACME", "taro", schedules, t("2026-01-05T00:00:00Z"),
                t("2026-01-10T00:00:00Z"), t("2026-01-04T12:00:00Z"));
        assertThat(parse(otherTenant).get(0).get("UID")).isNotEqualTo(uidByStart.get("20260105T000000Z"));
    }

    @Test
    void aPersonWithoutShiftsGetsAnEmptyButValidCalendar() throws Exception {
        String feed = ICalendarFeed.render("acme", "ACME", "nobody", Map.of("primary", weeklyTokyo()),
                t("2026-01-05T00:00:00Z"), t("2026-01-19T00:00:00Z"), t("2026-01-04T12:00:00Z"));
        assertThat(parse(feed)).isEmpty();
        assertThat(calendar(feed)).containsEntry("VERSION", "2.0").containsKey("PRODID");
    }

    @Test
    void foldingNeverSplitsAUtf8CharacterAndUnfoldsToTheOriginal() throws Exception {
        String longJapanese = "障害対応".repeat(40) + ", ;\\ end";
        StringBuilder out = new StringBuilder();
        ICalendarText.appendFolded(out, "SUMMARY:" + ICalendarText.escape(longJapanese));
        List<String> physical = physicalLines(out.toString());
        assertThat(physical).hasSizeGreaterThan(3);
        assertThat(String.join("", physical.stream().map(l -> l.startsWith(" ") ? l.substring(1) : l).toList()))
                .isEqualTo("SUMMARY:" + ICalendarText.escape(longJapanese));
    }

    // ---- a strict reader: CRLF lines, at most 75 octets each, valid UTF-8 per line, unfolding ----

    private static List<String> physicalLines(String feed) throws CharacterCodingException {
        assertThat(feed).endsWith("\r\n");
        assertThat(feed.replace("\r\n", "")).as("no bare CR or LF").doesNotContain("\r", "\n");
        List<String> lines = new ArrayList<>();
        for (String line : feed.split("\r\n")) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            assertThat(bytes.length).as("octets of: %s", line).isLessThanOrEqualTo(75);
            // Each physical line must decode on its own: a split UTF-8 sequence would not.
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            lines.add(line);
        }
        return lines;
    }

    private static List<String> contentLines(String feed) throws CharacterCodingException {
        List<String> result = new ArrayList<>();
        for (String line : physicalLines(feed)) {
            if (line.startsWith(" ")) {
                result.set(result.size() - 1, result.get(result.size() - 1) + line.substring(1));
            } else {
                result.add(line);
            }
        }
        return result;
    }

    private static Map<String, String> calendar(String feed) throws CharacterCodingException {
        Map<String, String> props = new LinkedHashMap<>();
        for (String line : contentLines(feed)) {
            if (line.equals("BEGIN:VEVENT")) {
                break;
            }
            props.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1));
        }
        return props;
    }

    private static List<Map<String, String>> parse(String feed) throws CharacterCodingException {
        List<String> lines = contentLines(feed);
        assertThat(lines.get(0)).isEqualTo("BEGIN:VCALENDAR");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("END:VCALENDAR");
        List<Map<String, String>> events = new ArrayList<>();
        Map<String, String> current = null;
        for (String line : lines) {
            if (line.equals("BEGIN:VEVENT")) {
                current = new LinkedHashMap<>();
            } else if (line.equals("END:VEVENT")) {
                assertThat(current).containsKeys("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY");
                events.add(current);
                current = null;
            } else if (current != null) {
                current.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1));
            }
        }
        return events;
    }

    private static String unescape(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                sb.append(n == 'n' || n == 'N' ? '\n' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
