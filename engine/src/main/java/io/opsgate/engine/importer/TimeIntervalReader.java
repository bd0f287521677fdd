package io.opsgate.engine.importer;

import io.opsgate.api.time.TimeZones;
import io.opsgate.api.v1alpha1.TimeWindow;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Alertmanager's time intervals ({@code timeinterval} package): checked with its rules and written as
 * opsgate {@link TimeWindow}s, which mean the same (every given field must hold, ranges inclusive, times
 * end-exclusive, negative days counted from the month's end), with weekdays renumbered from Alertmanager's
 * Sunday-first to opsgate's Monday-first ranges.
 */
final class TimeIntervalReader {
    static final Set<String> FIELDS = Set.of("times", "weekdays", "days_of_month", "months", "years", "location");
    static final Set<String> TIME_RANGE = Set.of("start_time", "end_time");

    private static final Pattern TIME = Pattern.compile("^((([01][0-9])|(2[0-3])):[0-5][0-9])$|(^24:00$)");
    private static final List<String> WEEKDAYS = List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday");
    private static final List<String> OPSGATE_WEEKDAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday");
    private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december");

    private final Problems problems;
    private final List<Finding> findings;

    TimeIntervalReader(Problems problems, List<Finding> findings) {
        this.problems = problems;
        this.findings = findings;
    }

    /** Reads one entry of a time interval's {@code time_intervals} list. */
    TimeWindow read(YamlMap spec, String subject) {
        TimeWindow w = new TimeWindow();
        for (YamlMap range : spec.maps("times", "time range", TIME_RANGE)) {
            TimeWindow.TimeRange r = times(range.string("start_time"), range.string("end_time"), range.position());
            if (r != null) {
                w.times.add(r);
            }
        }
        for (YamlNode item : items(spec, "weekdays")) {
            weekdays(item.text(), item.position(), w);
        }
        for (YamlNode item : items(spec, "days_of_month")) {
            int[] r = range(item.text(), item.position(), "day of the month", s -> Integer.parseInt(s));
            if (r != null) {
                daysOfMonth(r[0], r[1], item.position(), w);
            }
        }
        for (YamlNode item : items(spec, "months")) {
            months(item.text(), item.position(), w);
        }
        for (YamlNode item : items(spec, "years")) {
            years(item.text(), item.position(), w);
        }
        w.timeZone = location(spec.string("location"), spec.at("location"), subject);
        return w;
    }

    private static List<YamlNode> items(YamlMap spec, String key) {
        List<YamlNode> items = spec.stringItems(key);
        return items == null ? List.of() : items;
    }

    /** A times entry; null when invalid (the problem is recorded). */
    TimeWindow.TimeRange times(String start, String end, Position at) {
        if (start == null || start.isEmpty() || end == null || end.isEmpty()) {
            problems.add(at, "both start and end times must be provided");
            return null;
        }
        int s = minutes(start, at);
        int e = minutes(end, at);
        if (s < 0 || e < 0) {
            return null;
        }
        if (s >= e) {
            problems.add(at, "start time cannot be equal or greater than end time");
            return null;
        }
        return new TimeWindow.TimeRange(start, end);
    }

    private int minutes(String text, Position at) {
        if (!TIME.matcher(text).matches()) {
            problems.add(at, "couldn't parse timestamp " + text + ", invalid format");
            return -1;
        }
        return Integer.parseInt(text.substring(0, 2)) * 60 + Integer.parseInt(text.substring(3));
    }

    /** A weekday or range, Sunday-first as in Alertmanager; added to the window Monday-first. */
    void weekdays(String text, Position at, TimeWindow w) {
        int[] r = range(text, at, "weekday", s -> {
            int i = WEEKDAYS.indexOf(s);
            if (i < 0) {
                throw new IllegalArgumentException(s + " is not a valid weekday");
            }
            return i;
        });
        if (r == null) {
            return;
        }
        if (r[0] > r[1]) {
            problems.add(at, "start day cannot be before end day");
            return;
        }
        BitSet days = new BitSet(8);
        days.or(existingWeekdays(w));
        for (int d = r[0]; d <= r[1]; d++) {
            days.set(d == 0 ? 7 : d); // opsgate: Monday 1 ... Sunday 7
        }
        w.weekdays = runs(days, 1, 7, OPSGATE_WEEKDAYS);
    }

    private static BitSet existingWeekdays(TimeWindow w) {
        BitSet set = new BitSet(8);
        for (String s : w.weekdays) {
            String[] parts = s.split(":");
            int from = OPSGATE_WEEKDAYS.indexOf(parts[0]) + 1;
            int to = OPSGATE_WEEKDAYS.indexOf(parts[parts.length - 1]) + 1;
            set.set(from, to + 1);
        }
        return set;
    }

    private static List<String> runs(BitSet set, int min, int max, List<String> names) {
        List<String> result = new ArrayList<>();
        for (int i = set.nextSetBit(min); i >= 0 && i <= max; ) {
            int end = set.nextClearBit(i) - 1;
            result.add(i == end ? names.get(i - 1) : names.get(i - 1) + ":" + names.get(end - 1));
            i = set.nextSetBit(end + 1);
        }
        return result;
    }

    void daysOfMonth(int begin, int end, Position at, TimeWindow w) {
        if (begin == 0 || begin < -31 || begin > 31) {
            problems.add(at, begin + " is not a valid day of the month: out of range");
            return;
        }
        if (end == 0 || end < -31 || end > 31) {
            problems.add(at, end + " is not a valid day of the month: out of range");
            return;
        }
        if (begin < 0 && end > 0) {
            problems.add(at, "end day must be negative if start day is negative");
            return;
        }
        int checkBegin = begin < 0 ? 28 + begin : begin;
        int checkEnd = end < 0 ? 28 + end : end;
        if (checkBegin > checkEnd) {
            problems.add(at, "end day " + end + " is always before start day " + begin);
            return;
        }
        w.daysOfMonth.add(begin == end ? String.valueOf(begin) : begin + ":" + end);
    }

    /** A month or range by name or number. */
    void months(String text, Position at, TimeWindow w) {
        int[] r = range(text, at, "month", s -> {
            int i = MONTHS.indexOf(s);
            if (i >= 0) {
                return i + 1;
            }
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(s + " is not a valid month");
            }
        });
        if (r == null) {
            return;
        }
        if (r[0] > r[1]) {
            problems.add(at, "end month " + r[1] + " is before start month " + r[0]);
        } else if (r[0] < 1 || r[1] > 12) {
            problems.add(at, text + " is not a valid month: out of range");
        } else {
            w.months.add(r[0] == r[1] ? String.valueOf(r[0]) : r[0] + ":" + r[1]);
        }
    }

    /** A year or range of years as written, {@code 2026} or {@code 2026:2028}. */
    void years(String text, Position at, TimeWindow w) {
        int[] r = range(text, at, "year", Integer::parseInt);
        if (r != null) {
            years(r[0], r[1], at, w);
        }
    }

    void years(int begin, int end, Position at, TimeWindow w) {
        if (begin > end) {
            problems.add(at, "end year " + end + " is before start year " + begin);
        } else if (begin < 1) {
            problems.add(at, begin + " is not a valid year");
        } else {
            w.years.add(begin == end ? String.valueOf(begin) : begin + ":" + end);
        }
    }

    /** The window's timeZone for an Alertmanager location: null for none (UTC), a finding for Local. */
    String location(String name, Position at, String subject) {
        if (name == null || name.isEmpty() || name.equals("UTC")) {
            return null;
        }
        if (name.equals("Local")) {
            findings.add(new Finding(at, subject, "location Local is the Alertmanager host's time zone; opsgate "
                    + "reads this window in UTC: set timeZone on the window if the host was not on UTC"));
            return null;
        }
        try {
            ZoneId.of(name);
        } catch (DateTimeException e) {
            problems.add(at, "unknown time zone " + name);
            return null;
        }
        try {
            TimeZones.parse(name);
        } catch (IllegalArgumentException e) {
            problems.add(at, "location " + name + " is not an IANA zone name with a region (such as Asia/Tokyo), "
                    + "the only form opsgate takes; write it that way");
            return null;
        }
        return name;
    }

    private interface Member {
        int parse(String s);
    }

    /** {@code a} or {@code a:b}, lower-cased as Alertmanager does; null when invalid. */
    private int[] range(String text, Position at, String what, Member member) {
        String in = text.toLowerCase(Locale.ROOT);
        String[] parts = in.contains(":") ? in.split(":", -1) : new String[]{in};
        if (parts.length > 2) {
            problems.add(at, "couldn't parse range " + text + ", invalid format");
            return null;
        }
        try {
            int begin = member.parse(parts[0]);
            int end = parts.length == 2 ? member.parse(parts[1]) : begin;
            return new int[]{begin, end};
        } catch (IllegalArgumentException e) {
            String msg = e instanceof NumberFormatException ? "\"" + text + "\" is not a valid " + what : e.getMessage();
            problems.add(at, msg);
            return null;
        }
    }
}
