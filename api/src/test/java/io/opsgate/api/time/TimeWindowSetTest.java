package io.opsgate.api.time;

import io.opsgate.api.v1alpha1.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimeWindowSetTest {

    private final List<String> errors = new ArrayList<>();

    private TimeWindowSet compile(String zone, TimeWindow... windows) {
        return TimeWindowSet.compile(List.of(windows), ZoneId.of(zone), "spec.timeWindows", (p, m) -> errors.add(p + ": " + m));
    }

    private static TimeWindow officeHours() {
        TimeWindow w = new TimeWindow();
        w.weekdays = List.of("monday:friday");
        w.times = List.of(new TimeWindow.TimeRange("09:00", "17:00"));
        return w;
    }

    @Test
    void officeHoursInTheRuleTimeZone() {
        TimeWindowSet set = compile("Asia/Tokyo", officeHours());
        assertThat(errors).isEmpty();
        // Wednesday 2026-11-25 10:00 JST = 01:00Z
        assertThat(set.contains(Instant.parse("2026-11-25T01:00:00Z"))).isTrue();
        // 17:00 JST is outside (end exclusive)
        assertThat(set.contains(Instant.parse("2026-11-25T08:00:00Z"))).isFalse();
        // Saturday 2026-11-28 10:00 JST
        assertThat(set.contains(Instant.parse("2026-11-28T01:00:00Z"))).isFalse();
        // 10:00 UTC on Wednesday is 19:00 JST: outside
        assertThat(set.contains(Instant.parse("2026-11-25T10:00:00Z"))).isFalse();
    }

    @Test
    void daysOfMonthCountFromTheEndWhenNegative() {
        TimeWindow lastDay = new TimeWindow();
        lastDay.daysOfMonth = List.of("-1");
        TimeWindowSet set = compile("UTC", lastDay);
        assertThat(set.contains(Instant.parse("2026-02-28T12:00:00Z"))).isTrue();
        assertThat(set.contains(Instant.parse("2026-02-27T12:00:00Z"))).isFalse();
        assertThat(set.contains(Instant.parse("2026-11-30T12:00:00Z"))).isTrue();
    }

    @Test
    void monthsByNameAndAnyWindowSuffices() {
        TimeWindow winter = new TimeWindow();
        winter.months = List.of("december", "january:february");
        TimeWindowSet set = compile("UTC", winter, officeHours());
        assertThat(set.contains(Instant.parse("2026-01-10T03:00:00Z"))).isTrue();   // Saturday in January
        assertThat(set.contains(Instant.parse("2026-06-10T10:00:00Z"))).isTrue();   // Wednesday office hours
        assertThat(set.contains(Instant.parse("2026-06-13T10:00:00Z"))).isFalse();  // Saturday in June
    }

    @Test
    void anEmptySetAlwaysHolds() {
        assertThat(compile("UTC").contains(Instant.now())).isTrue();
        assertThat(compile("UTC").anyContains(Instant.now())).as("no window to be inside of").isFalse();
    }

    @Test
    void aWindowWithItsOwnTimeZoneIsReadThereAndOthersInTheDefault() {
        TimeWindow berlin = officeHours();
        berlin.timeZone = "Europe/Berlin";
        TimeWindowSet set = compile("Asia/Tokyo", berlin);
        // Wednesday 2026-11-25 09:30 in Berlin (UTC+1) = 08:30Z, which is 17:30 in Tokyo
        assertThat(set.contains(Instant.parse("2026-11-25T08:30:00Z"))).isTrue();
        // 10:00 in Tokyo = 02:00 in Berlin: outside
        assertThat(set.contains(Instant.parse("2026-11-25T01:00:00Z"))).isFalse();
        TimeWindowSet both = compile("Asia/Tokyo", berlin, officeHours());
        assertThat(both.contains(Instant.parse("2026-11-25T01:00:00Z"))).as("Tokyo office hours").isTrue();
    }

    @Test
    void yearsLimitAWindow() {
        TimeWindow years = new TimeWindow();
        years.years = List.of("2026:2027", "2030");
        TimeWindowSet set = compile("UTC", years);
        assertThat(errors).isEmpty();
        assertThat(set.contains(Instant.parse("2027-12-31T23:59:00Z"))).isTrue();
        assertThat(set.contains(Instant.parse("2028-01-01T00:00:00Z"))).isFalse();
        assertThat(set.contains(Instant.parse("2030-06-01T00:00:00Z"))).isTrue();
    }

    @Test
    void badYearsAndZonesAreReportedWithTheirPath() {
        TimeWindow bad = new TimeWindow();
        bad.years = List.of("2028:2026", "twenty");
        bad.timeZone = "Mars/Olympus";
        compile("UTC", bad);
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("spec.timeWindows[0].years[0]").contains("ends before"))
                .anySatisfy(e -> assertThat(e).startsWith("spec.timeWindows[0].years[1]"))
                .anySatisfy(e -> assertThat(e).startsWith("spec.timeWindows[0].timeZone"));
    }

    @Test
    void reportsEveryBadFieldWithItsPath() {
        TimeWindow bad = new TimeWindow();
        bad.weekdays = List.of("funday");
        bad.times = List.of(new TimeWindow.TimeRange("18:00", "09:00"), new TimeWindow.TimeRange("25:00", "26:00"));
        bad.daysOfMonth = List.of("0");
        bad.months = List.of("december:january");
        compile("UTC", bad);
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("spec.timeWindows[0].weekdays[0]"))
                .anySatisfy(e -> assertThat(e).startsWith("spec.timeWindows[0].times[0]").contains("after startTime"))
                .anySatisfy(e -> assertThat(e).startsWith("spec.timeWindows[0].times[1].startTime"))
                .anySatisfy(e -> assertThat(e).startsWith("spec.timeWindows[0].daysOfMonth[0]"))
                .anySatisfy(e -> assertThat(e).startsWith("spec.timeWindows[0].months[0]").contains("ends before"));
    }
}
