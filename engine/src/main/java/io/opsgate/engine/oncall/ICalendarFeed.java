package io.opsgate.engine.oncall;

import io.opsgate.api.oncall.OnCallResolver;
import io.opsgate.api.oncall.Shift;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One person's on-call shifts as an iCalendar feed (RFC 5545), for a calendar subscription: one VEVENT
 * per shift of the final schedule of each of the tenant's schedules, times in UTC. A shift's UID is
 * derived from tenant, schedule, person and the shift's start, so a refreshed feed updates the same
 * events instead of adding new ones. Served by {@code GET /api/v1/oncall/...} in phase 2.
 */
public final class ICalendarFeed {

    /** How far back shifts are looked for, so one that began before the feed's range keeps its true start (and UID). */
    static final Duration LOOK_BACK = Duration.ofDays(35);

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ICalendarFeed() {
    }

    /**
     * The feed of {@code person} for the shifts overlapping [from, to).
     *
     * @param tenant       the tenant's name (part of the UIDs)
     * @param calendarName shown by calendar applications, e.g. the tenant's display name
     * @param schedules    the tenant's valid schedules by name
     * @param stamp        when the feed is made (DTSTAMP), from the injected clock
     */
    public static String render(String tenant, String calendarName, String person, Map<String, OnCallResolver> schedules,
                                Instant from, Instant to, Instant stamp) {
        List<ScheduledShift> shifts = new ArrayList<>();
        schedules.forEach((name, resolver) -> {
            for (Shift s : resolver.shiftsOf(person, from.minus(LOOK_BACK), to)) {
                if (s.end().isAfter(from)) {
                    shifts.add(new ScheduledShift(name, s));
                }
            }
        });
        shifts.sort(Comparator.comparing((ScheduledShift s) -> s.shift().start()).thenComparing(ScheduledShift::schedule));
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//opsgate//on-call//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-CALNAME:" + ICalendarText.escape(calendarName + ": on call, " + person));
        for (ScheduledShift s : shifts) {
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + uid(tenant, s.schedule(), person, s.shift().start()));
            line(out, "DTSTAMP:" + UTC.format(stamp));
            line(out, "DTSTART:" + UTC.format(s.shift().start()));
            line(out, "DTEND:" + UTC.format(s.shift().end()));
            line(out, "SUMMARY:" + ICalendarText.escape("On call: " + s.schedule()));
            line(out, "DESCRIPTION:" + ICalendarText.escape(person + " is on call in " + s.schedule() + " ("
                    + (Shift.OVERRIDE.equals(s.shift().source()) ? "override" : "layer " + s.shift().source())
                    + "), " + calendarName + "."));
            line(out, "CATEGORIES:" + ICalendarText.escape("on-call"));
            line(out, "TRANSP:OPAQUE");
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    private record ScheduledShift(String schedule, Shift shift) {
    }

    private static void line(StringBuilder out, String line) {
        ICalendarText.appendFolded(out, line);
    }

    /** A stable UID: the same shift start of the same person in the same schedule is the same event. */
    static String uid(String tenant, String schedule, String person, Instant start) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((tenant + "\n" + schedule + "\n" + person + "\n"
                    + start.getEpochSecond()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16) + "@opsgate";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
