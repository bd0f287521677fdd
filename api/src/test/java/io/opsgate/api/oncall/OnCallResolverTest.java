package io.opsgate.api.oncall;

import io.opsgate.api.v1alpha1.OnCallScheduleSpec;
import io.opsgate.api.v1alpha1.OnCallScheduleStatus;
import io.opsgate.api.v1alpha1.RotationLayer;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.opsgate.api.oncall.Schedules.daily;
import static io.opsgate.api.oncall.Schedules.restricted;
import static io.opsgate.api.oncall.Schedules.schedule;
import static io.opsgate.api.oncall.Schedules.weekly;
import static io.opsgate.api.oncall.Schedules.window;
import static io.opsgate.api.oncall.Schedules.withOverride;
import static org.assertj.core.api.Assertions.assertThat;

/** The final schedule's rules: layer precedence, gaps, ends, overrides, and what status shows. */
class OnCallResolverTest {

    private static Instant t(String utc) {
        return Instant.parse(utc);
    }

    @Test
    void theTopLayerWinsWhereItHasSomeoneAndLowerLayersFillItsGaps() {
        OnCallScheduleSpec spec = schedule("UTC",
                weekly("base", "2026-01-05T00:00:00Z", "ann", "ben"),
                restricted(daily("day", "2026-01-05T00:00:00Z", "dan"), window("08:00", "20:00")));
        OnCallResolver r = OnCallResolver.compile(spec);

        assertThat(r.shifts(t("2026-01-05T00:00:00Z"), t("2026-01-06T00:00:00Z"))).containsExactly(
                new Shift("ann", t("2026-01-05T00:00:00Z"), t("2026-01-05T08:00:00Z"), "base"),
                new Shift("dan", t("2026-01-05T08:00:00Z"), t("2026-01-05T20:00:00Z"), "day"),
                new Shift("ann", t("2026-01-05T20:00:00Z"), t("2026-01-06T00:00:00Z"), "base"));
    }

    @Test
    void aLayerHasNobodyAfterItsEnd() {
        RotationLayer top = daily("temp", "2026-01-05T00:00:00Z", "tom");
        top.end = "2026-01-06T12:00:00Z";
        OnCallResolver r = OnCallResolver.compile(schedule("UTC", daily("base", "2026-01-01T00:00:00Z", "ann"), top));
        assertThat(r.onCall(t("2026-01-06T11:59:59Z"))).contains("tom");
        assertThat(r.onCall(t("2026-01-06T12:00:00Z"))).contains("ann");
    }

    @Test
    void overridesWinOverEveryLayerAndTheLaterOverrideWinsWhereTheyOverlap() {
        OnCallScheduleSpec spec = schedule("UTC", daily("base", "2026-01-01T00:00:00Z", "ann", "ben"));
        withOverride(spec, "olga", "2026-01-02T10:00:00Z", "2026-01-02T14:00:00Z");
        withOverride(spec, "oscar", "2026-01-02T12:00:00Z", "2026-01-02T13:00:00Z");
        OnCallResolver r = OnCallResolver.compile(spec);

        assertThat(r.shifts(t("2026-01-02T09:00:00Z"), t("2026-01-02T15:00:00Z"))).containsExactly(
                new Shift("ben", t("2026-01-02T09:00:00Z"), t("2026-01-02T10:00:00Z"), "base"),
                new Shift("olga", t("2026-01-02T10:00:00Z"), t("2026-01-02T12:00:00Z"), Shift.OVERRIDE),
                new Shift("oscar", t("2026-01-02T12:00:00Z"), t("2026-01-02T13:00:00Z"), Shift.OVERRIDE),
                new Shift("olga", t("2026-01-02T13:00:00Z"), t("2026-01-02T14:00:00Z"), Shift.OVERRIDE),
                new Shift("ben", t("2026-01-02T14:00:00Z"), t("2026-01-02T15:00:00Z"), "base"));
    }

    @Test
    void theSamePersonFromTwoLayersIsOneShiftWithoutAHandoff() {
        OnCallResolver r = OnCallResolver.compile(schedule("UTC",
                daily("base", "2026-01-01T00:00:00Z", "ann"),
                restricted(daily("day", "2026-01-01T00:00:00Z", "ann", "ben"), window("09:00", "17:00"))));
        // Day 1: ann all day (both layers); day 2: ben in the day.
        assertThat(r.handoffs(t("2026-01-01T00:00:00Z"), t("2026-01-03T00:00:00Z"))).containsExactly(
                new Handoff(t("2026-01-02T09:00:00Z"), "ann", "ben"),
                new Handoff(t("2026-01-02T17:00:00Z"), "ben", "ann"));
        assertThat(r.shifts(t("2026-01-01T00:00:00Z"), t("2026-01-02T00:00:00Z")))
                .singleElement().isEqualTo(new Shift("ann", t("2026-01-01T00:00:00Z"), t("2026-01-02T00:00:00Z"), "base"));
    }

    @Test
    void nowGivesTheCurrentAndTheNextShiftAndWritesThemIntoStatus() {
        OnCallResolver r = OnCallResolver.compile(schedule("UTC",
                weekly("base", "2026-01-05T09:00:00Z", "ann", "ben")));
        OnCallNow now = r.now(t("2026-01-07T12:00:00Z"));

        assertThat(now.current()).isEqualTo(new OnCallNow.Span("ann", t("2026-01-05T09:00:00Z"),
                t("2026-01-12T09:00:00Z"), "base"));
        assertThat(now.next()).isEqualTo(new OnCallNow.Span("ben", t("2026-01-12T09:00:00Z"),
                t("2026-01-19T09:00:00Z"), "base"));

        OnCallScheduleStatus status = new OnCallScheduleStatus();
        now.applyTo(status, t("2026-01-07T12:00:00.750Z"));
        assertThat(status.onCall.person).isEqualTo("ann");
        assertThat(status.onCall.end).isEqualTo("2026-01-12T09:00:00Z");
        assertThat(status.next.person).isEqualTo("ben");
        assertThat(status.next.layer).isEqualTo("base");
        assertThat(status.computedAt).isEqualTo("2026-01-07T12:00:00Z");
    }

    @Test
    void aSinglePersonForeverHasNoKnownEndAndNoNext() {
        OnCallResolver r = OnCallResolver.compile(schedule("UTC", daily("solo", "2020-01-01T00:00:00Z", "sol")));
        OnCallNow now = r.now(t("2026-01-07T12:00:00Z"));
        assertThat(now.current().person()).isEqualTo("sol");
        assertThat(now.current().start()).as("began beyond the horizon").isNull();
        assertThat(now.current().end()).as("ends beyond the horizon").isNull();
        assertThat(now.next()).isNull();
    }

    @Test
    void beforeEveryLayerStartsNobodyIsOnCallAndNextIsTheFirstShift() {
        OnCallResolver r = OnCallResolver.compile(schedule("UTC", daily("base", "2026-02-01T00:00:00Z", "ann", "ben")));
        OnCallNow now = r.now(t("2026-01-31T00:00:00Z"));
        assertThat(now.current()).isNull();
        assertThat(now.next()).isEqualTo(new OnCallNow.Span("ann", t("2026-02-01T00:00:00Z"),
                t("2026-02-02T00:00:00Z"), "base"));
    }

    @Test
    void turnsOfSeveralDaysAndRepeatedPeopleFollowTheListOrder() {
        RotationLayer layer = Schedules.layer("base", "2026-01-01T06:00:00Z", RotationLayer.RotationType.Daily, 3,
                null, "ann", "ben", "ann", "cid");
        OnCallResolver r = OnCallResolver.compile(schedule("UTC", layer));
        assertThat(r.handoffs(t("2026-01-01T06:00:00Z"), t("2026-01-14T00:00:00Z")))
                .extracting(Handoff::at, Handoff::to).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(t("2026-01-04T06:00:00Z"), "ben"),
                        org.assertj.core.groups.Tuple.tuple(t("2026-01-07T06:00:00Z"), "ann"),
                        org.assertj.core.groups.Tuple.tuple(t("2026-01-10T06:00:00Z"), "cid"),
                        org.assertj.core.groups.Tuple.tuple(t("2026-01-13T06:00:00Z"), "ann"));
    }
}
