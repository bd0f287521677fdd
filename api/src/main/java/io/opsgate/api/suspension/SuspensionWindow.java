package io.opsgate.api.suspension;

import io.opsgate.api.time.TimeWindowSet;
import io.opsgate.api.time.TimeZones;
import io.opsgate.api.time.Timestamps;
import io.opsgate.api.v1alpha1.OperationsSuspensionSpec;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When a suspension holds: inside [start, end) when given, and inside one of the recurring windows
 * (Alertmanager time_interval semantics, minute resolution, in the window's zone) when given.
 */
public final class SuspensionWindow {

    /** How far ahead {@link #next} looks for a recurring window to open. */
    static final long SEARCH_MINUTES = 366L * 24 * 60;

    private final Instant start;
    private final Instant end;
    private final TimeWindowSet recurring;

    private SuspensionWindow(Instant start, Instant end, TimeWindowSet recurring) {
        this.start = start;
        this.end = end;
        this.recurring = recurring;
    }

    /**
     * Compiles a window the validator accepted.
     *
     * @throws IllegalArgumentException when it is not valid
     */
    public static SuspensionWindow compile(OperationsSuspensionSpec.SuspensionWindow spec) {
        ZoneId zone = TimeZones.parse(spec.timeZone);
        TimeWindowSet set = TimeWindowSet.compile(spec.timeWindows, zone, "window.timeWindows", (path, message) -> {
            throw new IllegalArgumentException(path + ": " + message);
        });
        if (set.isAlways() && (spec.start == null || spec.end == null)) {
            throw new IllegalArgumentException("a window needs start and end, or timeWindows");
        }
        return new SuspensionWindow(spec.start == null ? null : Timestamps.parse(spec.start),
                spec.end == null ? null : Timestamps.parse(spec.end), set);
    }

    /** Whether operations are suspended at {@code t}. */
    public boolean contains(Instant t) {
        return (start == null || !t.isBefore(start)) && (end == null || t.isBefore(end)) && recurring.contains(t);
    }

    /**
     * The window in effect at {@code t}, or the next one to open: empty when none opens again (within a
     * year for recurring windows). Recurring windows are found minute by minute, their resolution.
     */
    public Optional<Interval> currentOrNext(Instant t) {
        if (end != null && !t.isBefore(end)) {
            return Optional.empty();
        }
        Instant from = start != null && t.isBefore(start) ? start : t;
        if (recurring.isAlways()) {
            return Optional.of(new Interval(start, end));
        }
        Instant minute = from.truncatedTo(ChronoUnit.MINUTES);
        Instant opens = null;
        long limit = SEARCH_MINUTES;
        if (contains(from)) {
            // Walk back to where this occurrence opened (bounded by start), for a true windowStart.
            Instant back = minute;
            for (long i = 0; i < limit; i++) {
                Instant prev = back.minus(1, ChronoUnit.MINUTES);
                if (!contains(prev)) {
                    break;
                }
                back = prev;
            }
            opens = back.isBefore(from) ? back : from;
        } else {
            for (long i = 1; i <= limit; i++) {
                Instant m = minute.plus(i, ChronoUnit.MINUTES);
                if (end != null && !m.isBefore(end)) {
                    return Optional.empty();
                }
                if (contains(m)) {
                    opens = m;
                    break;
                }
            }
            if (opens == null) {
                return Optional.empty();
            }
        }
        Instant closes = null;
        Instant m = opens.truncatedTo(ChronoUnit.MINUTES);
        for (long i = 1; i <= limit; i++) {
            m = m.plus(1, ChronoUnit.MINUTES);
            if (end != null && !m.isBefore(end)) {
                closes = end;
                break;
            }
            if (!contains(m)) {
                closes = m;
                break;
            }
        }
        return Optional.of(new Interval(opens, closes));
    }

    /**
     * A span of a window.
     *
     * @param start null when unbounded in the past
     * @param end   null when unbounded or beyond the search horizon
     */
    public record Interval(Instant start, Instant end) {
        /** Whether it holds at {@code t}. */
        public boolean contains(Instant t) {
            return (start == null || !t.isBefore(start)) && (end == null || t.isBefore(end));
        }
    }
}
