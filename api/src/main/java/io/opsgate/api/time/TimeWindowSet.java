package io.opsgate.api.time;

import io.opsgate.api.v1alpha1.TimeWindow;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Recurring time windows compiled for fast evaluation, with Alertmanager time_interval semantics:
 * an instant is inside when any window holds, and a window holds when each of its non-empty fields does.
 * An empty set is always inside.
 */
public final class TimeWindowSet {

    private static final String[] WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december"};

    private final List<Compiled> windows;

    private TimeWindowSet(List<Compiled> windows) {
        this.windows = windows;
    }

    /** A set that always holds. */
    public static TimeWindowSet always() {
        return new TimeWindowSet(List.of());
    }

    /**
     * Compiles windows, each in its own timeZone or else in {@code zone}; every problem is reported to
     * {@code errors} with its field path (relative to {@code path}) and the set is then unusable.
     */
    public static TimeWindowSet compile(List<TimeWindow> specs, ZoneId zone, String path,
                                        BiConsumer<String, String> errors) {
        List<Compiled> result = new ArrayList<>();
        if (specs != null) {
            for (int i = 0; i < specs.size(); i++) {
                result.add(compileOne(specs.get(i), zone, path + "[" + i + "]", errors));
            }
        }
        return new TimeWindowSet(List.copyOf(result));
    }

    /** Whether the instant lies inside the set. */
    public boolean contains(Instant instant) {
        if (windows.isEmpty()) {
            return true;
        }
        for (Compiled w : windows) {
            if (w.contains(instant.atZone(w.zone()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the instant lies inside one of the windows; false for an empty set. */
    public boolean anyContains(Instant instant) {
        return !windows.isEmpty() && contains(instant);
    }

    public boolean isAlways() {
        return windows.isEmpty();
    }

    private static Compiled compileOne(TimeWindow spec, ZoneId defaultZone, String path,
                                       BiConsumer<String, String> errors) {
        ZoneId zone = defaultZone;
        if (spec.timeZone != null) {
            try {
                zone = TimeZones.parse(spec.timeZone);
            } catch (IllegalArgumentException e) {
                errors.accept(path + ".timeZone", e.getMessage());
            }
        }
        int[][] times = null;
        if (spec.times != null && !spec.times.isEmpty()) {
            times = new int[spec.times.size()][];
            for (int i = 0; i < spec.times.size(); i++) {
                TimeWindow.TimeRange r = spec.times.get(i);
                String p = path + ".times[" + i + "]";
                int start = minuteOfDay(r.startTime, p + ".startTime", errors);
                int end = minuteOfDay(r.endTime, p + ".endTime", errors);
                if (start >= 0 && end >= 0 && end <= start) {
                    errors.accept(p, "endTime " + r.endTime + " must be after startTime " + r.startTime);
                }
                times[i] = new int[]{start, end};
            }
        }
        BitSet weekdays = ranges(spec.weekdays, path + ".weekdays", 1, 7, WEEKDAYS, errors);
        BitSet months = ranges(spec.months, path + ".months", 1, 12, MONTHS, errors);
        List<int[]> days = null;
        if (spec.daysOfMonth != null && !spec.daysOfMonth.isEmpty()) {
            days = new ArrayList<>();
            for (int i = 0; i < spec.daysOfMonth.size(); i++) {
                String p = path + ".daysOfMonth[" + i + "]";
                String item = spec.daysOfMonth.get(i);
                String[] parts = item.split(":", -1);
                try {
                    int from = Integer.parseInt(parts[0].trim());
                    int to = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : from;
                    if (parts.length > 2 || from == 0 || to == 0 || Math.abs(from) > 31 || Math.abs(to) > 31) {
                        errors.accept(p, "\"" + item + "\" is not a day of month: use 1 to 31 or -31 to -1, or a range a:b");
                    } else if (from > 0 && to > 0 && to < from) {
                        errors.accept(p, "range \"" + item + "\" ends before it starts");
                    } else {
                        days.add(new int[]{from, to});
                    }
                } catch (NumberFormatException e) {
                    errors.accept(p, "\"" + item + "\" is not a day of month: use 1 to 31 or -31 to -1, or a range a:b");
                }
            }
        }
        List<int[]> years = null;
        if (spec.years != null && !spec.years.isEmpty()) {
            years = new ArrayList<>();
            for (int i = 0; i < spec.years.size(); i++) {
                String p = path + ".years[" + i + "]";
                String item = spec.years.get(i);
                String[] parts = item.split(":", -1);
                try {
                    int from = Integer.parseInt(parts[0].trim());
                    int to = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : from;
                    if (parts.length > 2 || from < 1 || to < 1) {
                        errors.accept(p, "\"" + item + "\" is not a year or a range of years a:b");
                    } else if (to < from) {
                        errors.accept(p, "range \"" + item + "\" ends before it starts");
                    } else {
                        years.add(new int[]{from, to});
                    }
                } catch (NumberFormatException e) {
                    errors.accept(p, "\"" + item + "\" is not a year or a range of years a:b");
                }
            }
        }
        return new Compiled(zone, times, weekdays, days, months, years);
    }

    /**
     * Parses weekdays and ranges of them ({@code monday:friday}, {@code saturday}, {@code 1:5}) as the
     * {@code weekdays} of a window: the set holds 1 (Monday) to 7 (Sunday); null for an empty list.
     */
    public static BitSet weekdays(List<String> items, String path, BiConsumer<String, String> errors) {
        return ranges(items, path, 1, 7, WEEKDAYS, errors);
    }

    private static int minuteOfDay(String text, String path, BiConsumer<String, String> errors) {
        if (text == null || !text.matches("^([01][0-9]|2[0-4]):[0-5][0-9]$")) {
            errors.accept(path, "\"" + text + "\" is not a time of day HH:MM");
            return -1;
        }
        int minutes = Integer.parseInt(text.substring(0, 2)) * 60 + Integer.parseInt(text.substring(3));
        if (minutes > 24 * 60) {
            errors.accept(path, "\"" + text + "\" is after 24:00");
            return -1;
        }
        return minutes;
    }

    private static BitSet ranges(List<String> items, String path, int min, int max, String[] names,
                                 BiConsumer<String, String> errors) {
        if (items == null || items.isEmpty()) {
            return null;
        }
        BitSet set = new BitSet(max + 1);
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            String p = path + "[" + i + "]";
            String[] parts = item.split(":", -1);
            if (parts.length > 2) {
                errors.accept(p, "\"" + item + "\" is not a value or a range a:b");
                continue;
            }
            int from = value(parts[0], min, max, names);
            int to = parts.length > 1 ? value(parts[1], min, max, names) : from;
            if (from < 0 || to < 0) {
                errors.accept(p, "\"" + item + "\" is not valid; use names such as " + names[0] + " or numbers "
                        + min + " to " + max);
            } else if (to < from) {
                errors.accept(p, "range \"" + item + "\" ends before it starts");
            } else {
                set.set(from, to + 1);
            }
        }
        return set;
    }

    private static int value(String text, int min, int max, String[] names) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(t)) {
                return i + 1;
            }
        }
        try {
            int n = Integer.parseInt(t);
            return n >= min && n <= max ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private record Compiled(ZoneId zone, int[][] times, BitSet weekdays, List<int[]> daysOfMonth, BitSet months,
                            List<int[]> years) {
        boolean contains(ZonedDateTime t) {
            if (years != null && years.stream().noneMatch(r -> t.getYear() >= r[0] && t.getYear() <= r[1])) {
                return false;
            }
            if (times != null) {
                int minute = t.getHour() * 60 + t.getMinute();
                boolean any = false;
                for (int[] r : times) {
                    if (minute >= r[0] && minute < r[1]) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
            }
            if (weekdays != null && !weekdays.get(dayIndex(t.getDayOfWeek()))) {
                return false;
            }
            if (months != null && !months.get(t.getMonthValue())) {
                return false;
            }
            if (daysOfMonth != null) {
                int day = t.getDayOfMonth();
                int length = t.toLocalDate().lengthOfMonth();
                boolean any = false;
                for (int[] r : daysOfMonth) {
                    int from = r[0] < 0 ? length + r[0] + 1 : r[0];
                    int to = r[1] < 0 ? length + r[1] + 1 : r[1];
                    if (day >= from && day <= to) {
                        any = true;
                        break;
                    }
                }
                return any;
            }
            return true;
        }

        private static int dayIndex(DayOfWeek d) {
            return d.getValue(); // Monday = 1 ... Sunday = 7, as WEEKDAYS
        }
    }
}
