package io.opsgate.api.oncall;

import io.opsgate.api.validation.OnCallValidator;
import io.opsgate.api.v1alpha1.OnCallScheduleSpec;
import io.opsgate.api.v1alpha1.RotationLayer;
import io.opsgate.api.v1alpha1.ScheduleOverride;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the rotation maths on random schedules placed around daylight-saving changes of
 * several zones (including Australia/Lord_Howe's 30-minute change), checked against
 * {@link ReferenceSchedule}, an independent minute-by-minute computation.
 */
class OnCallResolverProperties {

    private static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC",
            "Australia/Lord_Howe", "Europe/London", "America/Sao_Paulo");
    private static final List<String> PEOPLE = List.of("ann", "ben", "cid", "dot", "eve");
    /** Local times of day around the changes of the zones above: 00:45 to 03:30 in quarters. */
    private static final List<Integer> NIGHT_MINUTES = java.util.stream.IntStream.rangeClosed(3, 14)
            .mapToObj(q -> q * 15).toList();
    private static final List<String> DAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday");

    /** A schedule and the four days it is examined in. */
    record Case(OnCallScheduleSpec spec, Instant from, Instant to) {
        @Override
        public String toString() {
            return "from " + from + " to " + to + ": " + describe(spec);
        }
    }

    @Property(tries = 120)
    void finalHandoffsMatchTheMinuteByMinuteReference(@ForAll("cases") Case c) {
        OnCallResolver resolver = OnCallResolver.compile(c.spec());
        ReferenceSchedule reference = new ReferenceSchedule(c.spec(), c.from(), c.to());

        assertThat(resolver.handoffs(c.from(), c.to())).isEqualTo(reference.handoffsMinuteByMinute(c.from(), c.to()));
        assertThat(resolver.onCall(c.from())).isEqualTo(Optional.ofNullable(reference.onCall(c.from())));
    }

    @Property(tries = 200)
    void everyLayerHasAtMostOnePersonAtATimeAndItsShiftsAgreeWithThePointAnswer(@ForAll("cases") Case c) {
        OnCallResolver resolver = OnCallResolver.compile(c.spec());
        for (int i = 0; i < c.spec().layers.size(); i++) {
            List<Shift> shifts = resolver.layerShifts(i, c.from(), c.to());
            for (int k = 0; k + 1 < shifts.size(); k++) {
                assertThat(shifts.get(k).end()).as("shifts of one layer never overlap").isBeforeOrEqualTo(shifts.get(k + 1).start());
            }
            LayerRotation layer = resolver.layers().get(i);
            for (Instant t = c.from(); t.isBefore(c.to()); t = t.plus(37, ChronoUnit.MINUTES)) {
                Instant at = t;
                List<Shift> covering = shifts.stream().filter(s -> s.contains(at)).toList();
                assertThat(covering).hasSizeLessThanOrEqualTo(1);
                assertThat(layer.onCall(t)).isEqualTo(covering.stream().findFirst().map(Shift::person));
            }
        }
    }

    @Property(tries = 200)
    void anUnrestrictedLayerHasExactlyOnePersonAtEveryInstantOnceStarted(@ForAll("cases") Case c) {
        OnCallResolver resolver = OnCallResolver.compile(c.spec());
        for (int i = 0; i < c.spec().layers.size(); i++) {
            RotationLayer spec = c.spec().layers.get(i);
            if (!spec.restrictions.isEmpty() || spec.end != null) {
                continue;
            }
            Instant start = Instant.parse(java.time.OffsetDateTime.parse(spec.start).toInstant().toString());
            Instant from = start.isAfter(c.from()) ? start : c.from();
            if (!from.isBefore(c.to())) {
                continue;
            }
            List<Shift> shifts = resolver.layerShifts(i, from, c.to());
            assertThat(shifts).isNotEmpty();
            assertThat(shifts.get(0).start()).isEqualTo(from);
            assertThat(shifts.get(shifts.size() - 1).end()).isEqualTo(c.to());
            for (int k = 0; k + 1 < shifts.size(); k++) {
                assertThat(shifts.get(k).end()).as("no gap").isEqualTo(shifts.get(k + 1).start());
            }
        }
    }

    @Property(tries = 200)
    void overridesWinAndTheLaterOverrideWinsWhereTheyOverlap(@ForAll("cases") Case c) {
        OnCallResolver resolver = OnCallResolver.compile(c.spec());
        List<ScheduleOverride> overrides = c.spec().overrides;
        for (int i = 0; i < overrides.size(); i++) {
            ScheduleOverride o = overrides.get(i);
            Instant start = java.time.OffsetDateTime.parse(o.start).toInstant();
            Instant end = java.time.OffsetDateTime.parse(o.end).toInstant();
            for (Instant t = start; t.isBefore(end); t = t.plus(11, ChronoUnit.MINUTES)) {
                Instant at = t;
                boolean laterCovers = overrides.subList(i + 1, overrides.size()).stream().anyMatch(later ->
                        !at.isBefore(java.time.OffsetDateTime.parse(later.start).toInstant())
                                && at.isBefore(java.time.OffsetDateTime.parse(later.end).toInstant()));
                if (!laterCovers) {
                    assertThat(resolver.onCall(t)).as("override %d at %s", i, t).contains(o.person);
                }
            }
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> zone = Arbitraries.of(ZONES);
        return zone.flatMap(z -> {
            List<Instant> changes = transitions(ZoneId.of(z));
            return Combinators.combine(
                    Arbitraries.of(changes),
                    Arbitraries.integers().between(-72, 24),
                    layer(z).list().ofMinSize(1).ofMaxSize(3),
                    Arbitraries.integers().between(0, 3),
                    Arbitraries.longs().between(0, Long.MAX_VALUE)
            ).as((change, shiftHours, layers, overrideCount, seed) -> {
                Instant from = change.plus(shiftHours, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
                Instant to = from.plus(4, ChronoUnit.DAYS);
                OnCallScheduleSpec spec = new OnCallScheduleSpec();
                spec.timeZone = z;
                java.util.Random random = new java.util.Random(seed);
                for (int i = 0; i < layers.size(); i++) {
                    RotationLayer l = layers.get(i);
                    l.name = "layer-" + i;
                    Instant start = from.minus(random.nextInt(20 * 24 * 60), ChronoUnit.MINUTES);
                    if (random.nextBoolean()) {
                        // Half the layers hand off at a local time that daylight-saving changes skip or repeat.
                        ZoneId layerZone = ZoneId.of(l.timeZone != null ? l.timeZone : z);
                        java.time.LocalDate day = start.atZone(layerZone).toLocalDate();
                        start = java.time.ZonedDateTime.of(day.atStartOfDay().plusMinutes(
                                NIGHT_MINUTES.get(random.nextInt(NIGHT_MINUTES.size()))), layerZone).toInstant();
                    }
                    l.start = start.atOffset(ZoneOffset.ofHours(random.nextInt(25) - 12)).toString();
                    if (random.nextInt(4) == 0) {
                        l.end = from.plus(random.nextInt(4 * 24 * 60) + 1, ChronoUnit.MINUTES).toString();
                    }
                    spec.layers.add(l);
                }
                for (int i = 0; i < overrideCount; i++) {
                    Instant s = from.plus(random.nextInt(4 * 24 * 60), ChronoUnit.MINUTES);
                    Instant e = s.plus(random.nextInt(36 * 60) + 1, ChronoUnit.MINUTES);
                    spec.overrides.add(new ScheduleOverride(PEOPLE.get(random.nextInt(PEOPLE.size())),
                            s.toString(), e.toString()));
                }
                assertThat(OnCallValidator.onCallSchedule(spec).errors()).as(describe(spec)).isEmpty();
                return new Case(spec, from, to);
            });
        });
    }

    private Arbitrary<RotationLayer> layer(String zone) {
        Arbitrary<RotationLayer.RotationType> type = Arbitraries.of(RotationLayer.RotationType.class);
        Arbitrary<Integer> every = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> customMinutes = Arbitraries.integers().between(60, 48 * 60);
        Arbitrary<List<String>> people = Arbitraries.of(PEOPLE).list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<List<RotationLayer.Restriction>> restrictions = restriction().list().ofMaxSize(2);
        Arbitrary<Boolean> ownZone = Arbitraries.of(true, false);
        return Combinators.combine(type, every, customMinutes, people, restrictions, ownZone, Arbitraries.of(ZONES))
                .as((t, n, minutes, who, windows, own, otherZone) -> {
                    RotationLayer l = new RotationLayer();
                    l.people = new ArrayList<>(who);
                    l.rotation = new RotationLayer.Rotation();
                    l.rotation.type = t;
                    l.rotation.every = n;
                    l.rotation.length = t == RotationLayer.RotationType.Custom
                            ? io.opsgate.api.time.Durations.format(java.time.Duration.ofMinutes(minutes)) : null;
                    l.restrictions = new ArrayList<>(windows);
                    l.timeZone = own ? otherZone : null;
                    return l;
                });
    }

    private Arbitrary<RotationLayer.Restriction> restriction() {
        // Half the boundaries fall in the night hours that daylight-saving changes skip or repeat.
        Arbitrary<Integer> quarter = Arbitraries.oneOf(Arbitraries.integers().between(0, 95),
                Arbitraries.integers().between(3, 14));
        Arbitrary<List<String>> days = Arbitraries.of(DAYS).list().ofMaxSize(3).uniqueElements();
        return Combinators.combine(quarter, quarter, days, Arbitraries.of(true, false))
                .as((s, e, d, midnight) -> new RotationLayer.Restriction(hhmm(s * 15),
                        midnight ? "24:00" : hhmm(e * 15), new ArrayList<>(d)));
    }

    private static String hhmm(int minutes) {
        int m = Math.floorMod(minutes, 24 * 60);
        return String.format("%02d:%02d", m / 60, m % 60);
    }

    /** The zone's changes in 2026 and 2027, or a few plain dates for zones without any. */
    private static List<Instant> transitions(ZoneId zone) {
        List<Instant> result = new ArrayList<>();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        while (result.size() < 4) {
            ZoneOffsetTransition next = zone.getRules().nextTransition(t);
            if (next == null || next.getInstant().isAfter(Instant.parse("2028-01-01T00:00:00Z"))) {
                break;
            }
            result.add(next.getInstant());
            t = next.getInstant();
        }
        if (result.isEmpty()) {
            result.addAll(List.of(Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-11-01T06:00:00Z")));
        }
        return result;
    }

    private static String describe(OnCallScheduleSpec spec) {
        StringBuilder sb = new StringBuilder("zone " + spec.timeZone);
        for (RotationLayer l : spec.layers) {
            sb.append("; ").append(l.name).append(' ').append(l.rotation.type).append('/').append(l.rotation.every)
                    .append('/').append(l.rotation.length).append(" start ").append(l.start).append(" end ")
                    .append(l.end).append(" zone ").append(l.timeZone).append(' ').append(l.people);
            for (RotationLayer.Restriction r : l.restrictions) {
                sb.append(" [").append(r.startTime).append('-').append(r.endTime).append(' ').append(r.weekdays).append(']');
            }
        }
        for (ScheduleOverride o : spec.overrides) {
            sb.append("; override ").append(o.person).append(' ').append(o.start).append("..").append(o.end);
        }
        return sb.toString();
    }
}
