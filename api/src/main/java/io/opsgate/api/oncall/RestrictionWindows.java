package io.opsgate.api.oncall;

import io.opsgate.api.v1alpha1.RotationLayer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;

/**
 * Windows that start on given weekdays at a local time and end at a local time the same day or, when
 * the end is not after the start, the next day: a layer's restrictions, and a person's quiet hours.
 * An empty set always holds.
 */
public final class RestrictionWindows {

    private record Window(int startMinute, int endMinute, BitSet weekdays) {
        boolean startsOn(LocalDate date) {
            return weekdays == null || weekdays.get(date.getDayOfWeek().getValue());
        }

        Instant start(LocalDate date, ZoneId zone) {
            return LocalTimes.resolve(date.atStartOfDay().plusMinutes(startMinute), zone);
        }

        Instant end(LocalDate date, ZoneId zone) {
            LocalDate endDay = endMinute > startMinute ? date : date.plusDays(1);
            return LocalTimes.resolve(endDay.atStartOfDay().plusMinutes(endMinute), zone);
        }
    }

    private final List<Window> windows;
    private final ZoneId zone;

    private RestrictionWindows(List<Window> windows, ZoneId zone) {
        this.windows = windows;
        this.zone = zone;
    }

    /** Compiles valid restrictions (see OnCallValidator); throws IllegalArgumentException on invalid ones. */
    public static RestrictionWindows compile(List<RotationLayer.Restriction> restrictions, ZoneId zone) {
        List<Window> result = new ArrayList<>();
        if (restrictions != null) {
            for (RotationLayer.Restriction r : restrictions) {
                BitSet days = io.opsgate.api.time.TimeWindowSet.weekdays(r.weekdays, "weekdays", (p, m) -> {
                    throw new IllegalArgumentException(m);
                });
                result.add(new Window(minuteOfDay(r.startTime), minuteOfDay(r.endTime), days));
            }
        }
        return new RestrictionWindows(List.copyOf(result), zone);
    }

    /** Minutes since midnight of HH:MM (24:00 allowed). */
    static int minuteOfDay(String text) {
        if (text == null || !text.matches("^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")) {
            throw new IllegalArgumentException("\"" + text + "\" is not a time of day HH:MM");
        }
        return Integer.parseInt(text.substring(0, 2)) * 60 + Integer.parseInt(text.substring(3));
    }

    /** Whether there are no windows, which holds always. */
    public boolean isAlways() {
        return windows.isEmpty();
    }

    /** Whether {@code t} lies in a window; always true without windows. */
    public boolean contains(Instant t) {
        if (windows.isEmpty()) {
            return true;
        }
        LocalDate today = t.atZone(zone).toLocalDate();
        // A window lasts at most a day, so only windows starting today or yesterday can hold t.
        for (LocalDate day : new LocalDate[]{today.minusDays(1), today}) {
            for (Window w : windows) {
                if (w.startsOn(day) && !t.isBefore(w.start(day, zone)) && t.isBefore(w.end(day, zone))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Adds every window start and end within [from, to] to {@code out}. */
    void changePoints(Instant from, Instant to, Collection<Instant> out) {
        if (windows.isEmpty()) {
            return;
        }
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (Window w : windows) {
                if (w.startsOn(day)) {
                    addWithin(w.start(day, zone), from, to, out);
                    addWithin(w.end(day, zone), from, to, out);
                }
            }
        }
    }

    static void addWithin(Instant t, Instant from, Instant to, Collection<Instant> out) {
        if (t != null && !t.isBefore(from) && !t.isAfter(to)) {
            out.add(t);
        }
    }
}
