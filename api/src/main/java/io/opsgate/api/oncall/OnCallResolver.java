package io.opsgate.api.oncall;

import io.opsgate.api.time.TimeZones;
import io.opsgate.api.time.Timestamps;
import io.opsgate.api.v1alpha1.OnCallScheduleSpec;
import io.opsgate.api.v1alpha1.RotationLayer;
import io.opsgate.api.v1alpha1.ScheduleOverride;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The final schedule of an OnCallSchedule, as PagerDuty resolves it: an override covering the instant
 * wins (the later one where overrides overlap); otherwise the topmost layer (the last listed) that has
 * someone on call; otherwise nobody. A pure function of the spec and the instant asked about: the engine
 * answers {@code GET /api/v1/oncall} with it and the operator writes the schedule's status with it.
 */
public final class OnCallResolver {

    /** How far status looks back for the start of the current shift and ahead for the next ones. */
    public static final Duration HORIZON = Duration.ofDays(366);

    private record Override(String person, Instant start, Instant end) {
        boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    /** Who is on call at an instant and why. */
    private record Entry(String person, String source) {
    }

    private final List<LayerRotation> layers;
    private final List<Override> overrides;

    private OnCallResolver(List<LayerRotation> layers, List<Override> overrides) {
        this.layers = layers;
        this.overrides = overrides;
    }

    /**
     * Compiles a schedule the validator accepted.
     *
     * @throws IllegalArgumentException when it is not valid
     */
    public static OnCallResolver compile(OnCallScheduleSpec spec) {
        ZoneId scheduleZone = TimeZones.parse(spec.timeZone);
        List<LayerRotation> layers = new ArrayList<>();
        for (RotationLayer layer : spec.layers) {
            ZoneId zone = layer.timeZone == null ? scheduleZone : TimeZones.parse(layer.timeZone);
            layers.add(LayerRotation.compile(layer, zone));
        }
        List<Override> overrides = new ArrayList<>();
        if (spec.overrides != null) {
            for (ScheduleOverride o : spec.overrides) {
                overrides.add(new Override(o.person, Timestamps.parse(o.start), Timestamps.parse(o.end)));
            }
        }
        return new OnCallResolver(List.copyOf(layers), List.copyOf(overrides));
    }

    /** The layers, bottom first. */
    public List<LayerRotation> layers() {
        return layers;
    }

    /** Who is on call at {@code t} in the final schedule. */
    public Optional<String> onCall(Instant t) {
        return Optional.ofNullable(entryAt(t)).map(Entry::person);
    }

    private Entry entryAt(Instant t) {
        for (int i = overrides.size() - 1; i >= 0; i--) {
            if (overrides.get(i).contains(t)) {
                return new Entry(overrides.get(i).person(), Shift.OVERRIDE);
            }
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            Optional<String> person = layers.get(i).onCall(t);
            if (person.isPresent()) {
                return new Entry(person.get(), layers.get(i).name());
            }
        }
        return null;
    }

    /**
     * The final schedule in [from, to): one shift per uninterrupted span of one person (spans of the same
     * person from different layers are joined; the shift's source is where it began), clipped to the range.
     */
    public List<Shift> shifts(Instant from, Instant to) {
        List<Shift> result = new ArrayList<>();
        List<Instant> points = changePoints(from, to);
        for (int i = 0; i + 1 < points.size(); i++) {
            Instant s = points.get(i);
            Instant e = points.get(i + 1);
            Entry entry = entryAt(s);
            if (entry == null) {
                continue;
            }
            Shift last = result.isEmpty() ? null : result.get(result.size() - 1);
            if (last != null && last.end().equals(s) && last.person().equals(entry.person())) {
                result.set(result.size() - 1, new Shift(last.person(), last.start(), e, last.source()));
            } else {
                result.add(new Shift(entry.person(), s, e, entry.source()));
            }
        }
        return result;
    }

    /** The shifts of one layer alone in [from, to), clipped to the range. */
    public List<Shift> layerShifts(int layer, Instant from, Instant to) {
        LayerRotation rotation = layers.get(layer);
        TreeSet<Instant> points = new TreeSet<>();
        points.add(from);
        points.add(to);
        rotation.changePoints(from, to, points);
        List<Shift> result = new ArrayList<>();
        Instant previous = null;
        for (Instant p : points) {
            if (previous != null) {
                Optional<String> person = rotation.onCall(previous);
                if (person.isPresent()) {
                    Shift last = result.isEmpty() ? null : result.get(result.size() - 1);
                    if (last != null && last.end().equals(previous) && last.person().equals(person.get())) {
                        result.set(result.size() - 1, new Shift(last.person(), last.start(), p, last.source()));
                    } else {
                        result.add(new Shift(person.get(), previous, p, rotation.name()));
                    }
                }
            }
            previous = p;
        }
        return result;
    }

    /** Every change of who is on call in the final schedule within (from, to). */
    public List<Handoff> handoffs(Instant from, Instant to) {
        List<Handoff> result = new ArrayList<>();
        String before = onCall(from).orElse(null);
        for (Instant p : changePoints(from, to)) {
            if (!p.isAfter(from) || !p.isBefore(to)) {
                continue;
            }
            String now = onCall(p).orElse(null);
            if (!Objects.equals(before, now)) {
                result.add(new Handoff(p, before, now));
                before = now;
            }
        }
        return result;
    }

    /** The shifts of one person in [from, to) of the final schedule. */
    public List<Shift> shiftsOf(String person, Instant from, Instant to) {
        return shifts(from, to).stream().filter(s -> s.person().equals(person)).toList();
    }

    /**
     * Who is on call at {@code now} and who is next, looking {@link #HORIZON} back and ahead. A shift that
     * reaches past the horizon has that end (or start) unknown: null.
     */
    public OnCallNow now(Instant now) {
        Instant from = now.minus(HORIZON);
        Instant to = now.plus(HORIZON);
        List<Shift> shifts = shifts(from, to);
        OnCallNow.Span current = null;
        OnCallNow.Span next = null;
        for (Shift s : shifts) {
            if (s.contains(now)) {
                current = span(s, from, to);
            } else if (s.start().isAfter(now) && next == null) {
                next = span(s, from, to);
            }
        }
        return new OnCallNow(current, next);
    }

    private static OnCallNow.Span span(Shift s, Instant from, Instant to) {
        return new OnCallNow.Span(s.person(), s.start().equals(from) ? null : s.start(),
                s.end().equals(to) ? null : s.end(), s.source());
    }

    private List<Instant> changePoints(Instant from, Instant to) {
        TreeSet<Instant> points = new TreeSet<>();
        points.add(from);
        points.add(to);
        for (LayerRotation layer : layers) {
            layer.changePoints(from, to, points);
        }
        for (Override o : overrides) {
            RestrictionWindows.addWithin(o.start(), from, to, points);
            RestrictionWindows.addWithin(o.end(), from, to, points);
        }
        return new ArrayList<>(points.subSet(from, true, to, true));
    }
}
