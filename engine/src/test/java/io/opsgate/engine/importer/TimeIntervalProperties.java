package io.opsgate.engine.importer;

import io.opsgate.api.time.TimeWindowSet;
import io.opsgate.api.v1alpha1.TimeWindow;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Alertmanager time interval and the opsgate window the import makes of it hold at the same instants.
 * The oracle is Alertmanager's {@code TimeInterval.ContainsTime} (timeinterval.go) written out: weekdays
 * Sunday-first, negative days from the month's end, ranges inclusive, times end-exclusive, in the location.
 */
class TimeIntervalProperties {
    private static final List<String> DAYS = List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday");
    private static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "Asia/Tokyo", "America/New_York");

    /** One Alertmanager time interval entry, as written. */
    record Interval(int[] weekdays, int[] days, int[] months, int[] minutes, String zone) {
        @Override
        public String toString() {
            return "weekdays " + range(weekdays) + " days " + range(days) + " months " + range(months) + " minutes "
                    + range(minutes) + " in " + zone;
        }

        private static String range(int[] r) {
            return r == null ? "-" : r[0] + ":" + r[1];
        }
    }

    @Property(tries = 2000)
    void theImportedWindowHoldsExactlyWhenAlertmanagersIntervalDoes(@ForAll("intervals") Interval in,
                                                                    @ForAll("instants") Instant at) {
        assertThat(opsgate(in).contains(at)).as("%s at %s", in, at).isEqualTo(alertmanager(in, at));
    }

    private static TimeWindowSet opsgate(Interval in) {
        Problems problems = new Problems();
        TimeIntervalReader reader = new TimeIntervalReader(problems, new ArrayList<>());
        TimeWindow w = new TimeWindow();
        if (in.weekdays() != null) {
            reader.weekdays(DAYS.get(in.weekdays()[0]) + ":" + DAYS.get(in.weekdays()[1]), Position.UNKNOWN, w);
        }
        if (in.days() != null) {
            reader.daysOfMonth(in.days()[0], in.days()[1], Position.UNKNOWN, w);
        }
        if (in.months() != null) {
            reader.months(in.months()[0] + ":" + in.months()[1], Position.UNKNOWN, w);
        }
        if (in.minutes() != null) {
            w.times.add(reader.times(hhmm(in.minutes()[0]), hhmm(in.minutes()[1]), Position.UNKNOWN));
        }
        w.timeZone = reader.location(in.zone(), Position.UNKNOWN, "test");
        assertThat(problems.isEmpty()).as("valid in Alertmanager: %s", in).isTrue();
        List<String> errors = new ArrayList<>();
        TimeWindowSet set = TimeWindowSet.compile(List.of(w), ZoneOffset.UTC, "w", (p, m) -> errors.add(p + ": " + m));
        assertThat(errors).isEmpty();
        return set;
    }

    private static String hhmm(int minutes) {
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }

    /** Alertmanager's ContainsTime. */
    private static boolean alertmanager(Interval in, Instant at) {
        ZonedDateTime t = at.atZone(ZoneId.of(in.zone()));
        if (in.minutes() != null) {
            int m = t.getHour() * 60 + t.getMinute();
            if (m < in.minutes()[0] || m >= in.minutes()[1]) {
                return false;
            }
        }
        if (in.days() != null) {
            int daysInMonth = t.toLocalDate().lengthOfMonth();
            int begin = in.days()[0] < 0 ? daysInMonth + in.days()[0] + 1 : in.days()[0];
            int end = in.days()[1] < 0 ? daysInMonth + in.days()[1] + 1 : in.days()[1];
            if (begin > daysInMonth) {
                return false;
            }
            begin = Math.max(-daysInMonth, Math.min(begin, daysInMonth));
            end = Math.max(-daysInMonth, Math.min(end, daysInMonth));
            if (t.getDayOfMonth() < begin || t.getDayOfMonth() > end) {
                return false;
            }
        }
        if (in.months() != null && (t.getMonthValue() < in.months()[0] || t.getMonthValue() > in.months()[1])) {
            return false;
        }
        int weekday = t.getDayOfWeek().getValue() % 7; // Sunday 0
        return in.weekdays() == null || (weekday >= in.weekdays()[0] && weekday <= in.weekdays()[1]);
    }

    @Provide
    Arbitrary<Interval> intervals() {
        Arbitrary<int[]> weekdays = ordered(0, 6).injectNull(0.3);
        Arbitrary<int[]> days = Arbitraries.oneOf(ordered(1, 31), ordered(-31, -1).map(r -> new int[]{r[0], r[1]}),
                Combinators.combine(Arbitraries.integers().between(1, 28), Arbitraries.integers().between(-10, -1))
                        .as((a, b) -> new int[]{a, b}))
                .filter(r -> (r[0] < 0 ? 28 + r[0] : r[0]) <= (r[1] < 0 ? 28 + r[1] : r[1])).injectNull(0.4);
        Arbitrary<int[]> months = ordered(1, 12).injectNull(0.5);
        Arbitrary<int[]> minutes = ordered(0, 1440).filter(r -> r[0] < r[1]).injectNull(0.4);
        return Combinators.combine(weekdays, days, months, minutes, Arbitraries.of(ZONES)).as(Interval::new);
    }

    private static Arbitrary<int[]> ordered(int min, int max) {
        return Combinators.combine(Arbitraries.integers().between(min, max), Arbitraries.integers().between(min, max))
                .as((a, b) -> new int[]{Math.min(a, b), Math.max(a, b)});
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(Instant.parse("2024-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2031-12-31T23:59:59Z").getEpochSecond()).map(Instant::ofEpochSecond);
    }
}
