package io.opsgate.api.oncall;

import io.opsgate.api.v1alpha1.OnCallScheduleSpec;
import io.opsgate.api.v1alpha1.RotationLayer;
import io.opsgate.api.v1alpha1.ScheduleOverride;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * An independent, slow computation of who is on call, written from the rules in docs/oncall.md and not
 * from the production code: local times are turned into instants by trying every offset the zone has
 * near them (the earlier valid one; in a gap, the reading with the offset before the gap), turns are
 * found by walking forward from the start, and the final schedule is evaluated minute by minute.
 */
final class ReferenceSchedule {

    private final OnCallScheduleSpec spec;
    /** Per layer: the start of every turn up to the end of the range, walked forward from the layer's start. */
    private final List<List<Instant>> turnStarts = new ArrayList<>();
    /** Per layer: the restriction windows that start in or just before the range, as instants. */
    private final List<List<Instant[]>> windows = new ArrayList<>();

    /** Prepared for questions about instants in [from, to). */
    ReferenceSchedule(OnCallScheduleSpec spec, Instant from, Instant to) {
        this.spec = spec;
        for (RotationLayer layer : spec.layers) {
            ZoneId zone = ZoneId.of(layer.timeZone != null ? layer.timeZone : spec.timeZone);
            Instant start = OffsetDateTime.parse(layer.start).toInstant();
            List<Instant> starts = new ArrayList<>();
            for (long k = 0; ; k++) {
                Instant s = turnStart(layer, zone, start, k);
                starts.add(s);
                if (s.isAfter(to)) {
                    break;
                }
            }
            turnStarts.add(starts);
            List<Instant[]> w = new ArrayList<>();
            LocalDate first = from.atZone(zone).toLocalDate().minusDays(2);
            LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
            for (RotationLayer.Restriction r : layer.restrictions) {
                Set<DayOfWeek> days = weekdays(r.weekdays);
                int s = minutes(r.startTime);
                int e = minutes(r.endTime);
                for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                    if (days.contains(d.getDayOfWeek())) {
                        w.add(new Instant[]{toInstant(d.atStartOfDay().plusMinutes(s), zone),
                            toInstant((e > s ? d : d.plusDays(1)).atStartOfDay().plusMinutes(e), zone)});
                    }
                }
            }
            windows.add(w);
        }
    }

    /** Who is on call at a minute. */
    String onCall(Instant t) {
        List<ScheduleOverride> overrides = spec.overrides;
        for (int i = overrides.size() - 1; i >= 0; i--) {
            ScheduleOverride o = overrides.get(i);
            if (!t.isBefore(OffsetDateTime.parse(o.start).toInstant()) && t.isBefore(OffsetDateTime.parse(o.end).toInstant())) {
                return o.person;
            }
        }
        for (int i = spec.layers.size() - 1; i >= 0; i--) {
            String p = layerOnCall(i, t);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private String layerOnCall(int index, Instant t) {
        RotationLayer layer = spec.layers.get(index);
        Instant start = OffsetDateTime.parse(layer.start).toInstant();
        if (t.isBefore(start) || (layer.end != null && !t.isBefore(OffsetDateTime.parse(layer.end).toInstant()))) {
            return null;
        }
        if (!layer.restrictions.isEmpty()
                && windows.get(index).stream().noneMatch(w -> !t.isBefore(w[0]) && t.isBefore(w[1]))) {
            return null;
        }
        List<Instant> starts = turnStarts.get(index);
        int turn = 0;
        while (turn + 1 < starts.size() && !starts.get(turn + 1).isAfter(t)) {
            turn++;
        }
        return layer.people.get(turn % layer.people.size());
    }

    private static Instant turnStart(RotationLayer layer, ZoneId zone, Instant start, long k) {
        if (k == 0) {
            return start;
        }
        int every = layer.rotation.every == null ? 1 : layer.rotation.every;
        LocalDateTime anchor = start.atZone(zone).toLocalDateTime();
        return switch (layer.rotation.type) {
            case Daily -> toInstant(anchor.plusDays(k * every), zone);
            case Weekly -> toInstant(anchor.plusDays(7 * k * every), zone);
            case Custom -> start.plus(io.opsgate.api.time.Durations.parse(layer.rotation.length).multipliedBy(k));
        };
    }

    /** The instant of a wall-clock time, by trying the zone's offsets of the surrounding two days. */
    static Instant toInstant(LocalDateTime local, ZoneId zone) {
        Set<ZoneOffset> offsets = new HashSet<>();
        Instant rough = local.toInstant(ZoneOffset.UTC);
        for (int h = -48; h <= 48; h++) {
            offsets.add(zone.getRules().getOffset(rough.plus(h, ChronoUnit.HOURS)));
        }
        TreeSet<Instant> valid = new TreeSet<>();
        TreeSet<Instant> all = new TreeSet<>();
        for (ZoneOffset o : offsets) {
            Instant candidate = local.toInstant(o);
            all.add(candidate);
            if (candidate.atZone(zone).toLocalDateTime().equals(local)) {
                valid.add(candidate);
            }
        }
        // Valid twice (the clock went back): the first. Not valid at all (the clock jumped over it): read it
        // with the offset before the jump, the smaller one, which gives the later instant.
        return valid.isEmpty() ? all.last() : valid.first();
    }

    private static int minutes(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3));
    }

    private static Set<DayOfWeek> weekdays(List<String> items) {
        Set<DayOfWeek> result = new HashSet<>();
        if (items == null || items.isEmpty()) {
            result.addAll(List.of(DayOfWeek.values()));
            return result;
        }
        for (String item : items) {
            String[] parts = item.split(":");
            DayOfWeek from = DayOfWeek.valueOf(parts[0].toUpperCase(Locale.ROOT));
            DayOfWeek to = parts.length > 1 ? DayOfWeek.valueOf(parts[1].toUpperCase(Locale.ROOT)) : from;
            for (int d = from.getValue(); d <= to.getValue(); d++) {
                result.add(DayOfWeek.of(d));
            }
        }
        return result;
    }

    /** Every minute in [from, to) at which the person on call differs from the minute before. */
    List<Handoff> handoffsMinuteByMinute(Instant from, Instant to) {
        List<Handoff> result = new ArrayList<>();
        String before = onCall(from);
        for (Instant m = from.plus(1, ChronoUnit.MINUTES); m.isBefore(to); m = m.plus(1, ChronoUnit.MINUTES)) {
            String now = onCall(m);
            if (!java.util.Objects.equals(before, now)) {
                result.add(new Handoff(m, before, now));
                before = now;
            }
        }
        return result;
    }
}
