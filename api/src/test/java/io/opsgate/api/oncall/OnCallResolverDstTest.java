package io.opsgate.api.oncall;

import io.opsgate.api.validation.OnCallValidator;
import io.opsgate.api.v1alpha1.OnCallScheduleSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static io.opsgate.api.oncall.Schedules.custom;
import static io.opsgate.api.oncall.Schedules.daily;
import static io.opsgate.api.oncall.Schedules.restricted;
import static io.opsgate.api.oncall.Schedules.schedule;
import static io.opsgate.api.oncall.Schedules.weekly;
import static io.opsgate.api.oncall.Schedules.window;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handoffs across daylight-saving changes, worked out by hand. Europe/Berlin 2026: 02:00 CET becomes
 * 03:00 CEST on 29 March, 03:00 CEST becomes 02:00 CET on 25 October. America/New_York 2026: 02:00 EST
 * becomes 03:00 EDT on 8 March, 02:00 EDT becomes 01:00 EST on 1 November. Asia/Tokyo has none.
 */
class OnCallResolverDstTest {

    private static OnCallResolver resolver(OnCallScheduleSpec spec) {
        assertThat(OnCallValidator.onCallSchedule(spec).errors()).isEmpty();
        return OnCallResolver.compile(spec);
    }

    private static Instant t(String utc) {
        return Instant.parse(utc);
    }

    @Test
    void berlinDailyHandoffAt0900KeepsTheLocalTimeSoTheSpringDayIsA23HourShift() {
        OnCallResolver r = resolver(schedule("Europe/Berlin",
                daily("primary", "2026-03-27T09:00:00+01:00", "alice", "bob", "carol")));

        assertThat(r.handoffs(t("2026-03-27T12:00:00Z"), t("2026-03-31T00:00:00Z"))).containsExactly(
                new Handoff(t("2026-03-28T08:00:00Z"), "alice", "bob"),
                new Handoff(t("2026-03-29T07:00:00Z"), "bob", "carol"),
                new Handoff(t("2026-03-30T07:00:00Z"), "carol", "alice"));
        Shift bob = r.shiftsOf("bob", t("2026-03-27T00:00:00Z"), t("2026-03-31T00:00:00Z")).get(0);
        assertThat(Duration.between(bob.start(), bob.end())).isEqualTo(Duration.ofHours(23));
        assertThat(bob.end().atZone(ZoneId.of("Europe/Berlin")).getHour()).isEqualTo(9);
    }

    @Test
    void berlinHandoffAt0230OnTheSpringNightMovesToTheLocalTimeAfterTheGap() {
        OnCallResolver r = resolver(schedule("Europe/Berlin",
                daily("primary", "2026-03-27T02:30:00+01:00", "alice", "bob", "carol")));

        // 02:30 does not exist on 29 March: the handoff is at 03:30 CEST (01:30Z), 24 h after the last one;
        // the next day 02:30 CEST is 00:30Z again, so carol's turn lasts 23 h.
        assertThat(r.handoffs(t("2026-03-27T12:00:00Z"), t("2026-03-31T00:00:00Z"))).containsExactly(
                new Handoff(t("2026-03-28T01:30:00Z"), "alice", "bob"),
                new Handoff(t("2026-03-29T01:30:00Z"), "bob", "carol"),
                new Handoff(t("2026-03-30T00:30:00Z"), "carol", "alice"));
        assertThat(r.onCall(t("2026-03-29T01:29:59Z"))).contains("bob");
        assertThat(r.onCall(t("2026-03-29T01:30:00Z"))).contains("carol");
    }

    @Test
    void berlinHandoffAt0230OnTheAutumnNightIsTheFirstOfTheTwo0230s() {
        OnCallResolver r = resolver(schedule("Europe/Berlin",
                daily("primary", "2026-10-23T02:30:00+02:00", "alice", "bob", "carol")));

        // 02:30 happens twice on 25 October (CEST, then CET): the handoff is at the first, 00:30Z; the next
        // day's 02:30 CET is 01:30Z, so carol's turn lasts 25 h.
        assertThat(r.handoffs(t("2026-10-23T12:00:00Z"), t("2026-10-27T00:00:00Z"))).containsExactly(
                new Handoff(t("2026-10-24T00:30:00Z"), "alice", "bob"),
                new Handoff(t("2026-10-25T00:30:00Z"), "bob", "carol"),
                new Handoff(t("2026-10-26T01:30:00Z"), "carol", "alice"));
        Shift carol = r.shiftsOf("carol", t("2026-10-23T00:00:00Z"), t("2026-10-28T00:00:00Z")).get(0);
        assertThat(Duration.between(carol.start(), carol.end())).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void newYorkHandoffAt0230AcrossBothChanges() {
        OnCallResolver spring = resolver(schedule("America/New_York",
                daily("primary", "2026-03-06T02:30:00-05:00", "alice", "bob", "carol")));
        assertThat(spring.handoffs(t("2026-03-06T12:00:00Z"), t("2026-03-10T00:00:00Z"))).containsExactly(
                new Handoff(t("2026-03-07T07:30:00Z"), "alice", "bob"),
                new Handoff(t("2026-03-08T07:30:00Z"), "bob", "carol"),   // 02:30 skipped: 03:30 EDT
                new Handoff(t("2026-03-09T06:30:00Z"), "carol", "alice"));

        OnCallResolver autumn = resolver(schedule("America/New_York",
                daily("primary", "2026-10-30T02:30:00-04:00", "alice", "bob", "carol")));
        // New York repeats 01:00-02:00, so 02:30 on 1 November exists once (EST): bob's turn lasts 25 h.
        assertThat(autumn.handoffs(t("2026-10-30T12:00:00Z"), t("2026-11-03T00:00:00Z"))).containsExactly(
                new Handoff(t("2026-10-31T06:30:00Z"), "alice", "bob"),
                new Handoff(t("2026-11-01T07:30:00Z"), "bob", "carol"),
                new Handoff(t("2026-11-02T07:30:00Z"), "carol", "alice"));
    }

    @Test
    void newYorkHandoffAt0130OnTheAutumnNightIsTheEarlierOne() {
        OnCallResolver r = resolver(schedule("America/New_York",
                daily("primary", "2026-10-31T01:30:00-04:00", "alice", "bob")));
        // 01:30 EDT (05:30Z) and 01:30 EST (06:30Z) both exist on 1 November: the first counts.
        assertThat(r.handoffs(t("2026-10-31T12:00:00Z"), t("2026-11-02T12:00:00Z"))).containsExactly(
                new Handoff(t("2026-11-01T05:30:00Z"), "alice", "bob"),
                new Handoff(t("2026-11-02T06:30:00Z"), "bob", "alice"));
    }

    @Test
    void customTwelveHourTurnsAreElapsedTimeSoTheLocalHandoffMovesWithTheChange() {
        OnCallResolver r = resolver(schedule("Europe/Berlin",
                custom("follow-the-sun", "2026-03-28T08:00:00+01:00", "12h", "alice", "bob")));
        List<Handoff> handoffs = r.handoffs(t("2026-03-28T08:00:00Z"), t("2026-03-30T00:00:00Z"));
        assertThat(handoffs).extracting(Handoff::at).containsExactly(
                t("2026-03-28T19:00:00Z"), t("2026-03-29T07:00:00Z"), t("2026-03-29T19:00:00Z"));
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(handoffs).extracting(h -> h.at().atZone(berlin).getHour()).containsExactly(20, 9, 21);
    }

    @Test
    void aNightRestrictionOnTheSpringNightIsAnHourShorter() {
        OnCallResolver r = resolver(schedule("Europe/Berlin",
                restricted(daily("nights", "2026-03-01T00:00:00+01:00", "nina"), window("22:00", "06:00"))));
        List<Shift> shifts = r.shifts(t("2026-03-28T12:00:00Z"), t("2026-03-29T12:00:00Z"));
        assertThat(shifts).singleElement().satisfies(s -> {
            assertThat(s.start()).isEqualTo(t("2026-03-28T21:00:00Z"));   // 22:00 CET
            assertThat(s.end()).isEqualTo(t("2026-03-29T04:00:00Z"));     // 06:00 CEST
        });
    }

    @Test
    void tokyoWeeklyBusinessHoursWithANightLayerBelow() {
        OnCallResolver r = resolver(schedule("Asia/Tokyo",
                weekly("nights", "2026-01-05T09:00:00+09:00", "yoru"),
                restricted(weekly("business", "2026-01-05T09:00:00+09:00", "taro", "hanako"),
                        window("09:00", "18:00", "monday:friday"))));

        assertThat(r.onCall(t("2026-01-05T00:00:00Z"))).contains("taro");     // Mon 09:00 JST
        assertThat(r.onCall(t("2026-01-05T08:59:00Z"))).contains("taro");
        assertThat(r.onCall(t("2026-01-05T09:00:00Z"))).contains("yoru");     // Mon 18:00 JST
        assertThat(r.onCall(t("2026-01-10T01:00:00Z"))).contains("yoru");     // Sat 10:00 JST
        assertThat(r.onCall(t("2026-01-12T00:00:00Z"))).contains("hanako");   // next Monday 09:00 JST
        assertThat(r.onCall(t("2026-01-04T23:59:00Z"))).isEmpty();            // before any layer starts
        assertThat(r.handoffs(t("2026-01-05T00:00:00Z"), t("2026-01-06T12:00:00Z"))).containsExactly(
                new Handoff(t("2026-01-05T09:00:00Z"), "taro", "yoru"),
                new Handoff(t("2026-01-06T00:00:00Z"), "yoru", "taro"),
                new Handoff(t("2026-01-06T09:00:00Z"), "taro", "yoru"));
    }
}
