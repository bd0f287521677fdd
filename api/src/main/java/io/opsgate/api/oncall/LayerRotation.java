package io.opsgate.api.oncall;

import io.opsgate.api.time.Durations;
import io.opsgate.api.time.Timestamps;
import io.opsgate.api.v1alpha1.RotationLayer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One compiled rotation layer: who it has on call at an instant, and where that can change. Turns are
 * numbered from 0 at {@code start}; turn k belongs to {@code people[k mod n]}. Daily and Weekly turns
 * begin at the start's local time of day in the layer's zone (see {@link LocalTimes} for the days that
 * time is skipped or doubled); Custom turns are a fixed elapsed length.
 */
public final class LayerRotation {

    private final String name;
    private final List<String> people;
    private final ZoneId zone;
    private final Instant start;
    private final Instant end;
    private final LocalDateTime anchor;
    private final RotationLayer.RotationType type;
    private final int every;
    private final Duration length;
    private final RestrictionWindows restrictions;

    private LayerRotation(RotationLayer spec, ZoneId zone) {
        this.name = spec.name;
        this.people = List.copyOf(spec.people);
        this.zone = zone;
        this.start = Timestamps.parse(spec.start);
        this.end = spec.end == null ? null : Timestamps.parse(spec.end);
        this.anchor = start.atZone(zone).toLocalDateTime();
        this.type = spec.rotation.type;
        this.every = spec.rotation.every == null ? 1 : spec.rotation.every;
        this.length = type == RotationLayer.RotationType.Custom ? Durations.parse(spec.rotation.length) : null;
        this.restrictions = RestrictionWindows.compile(spec.restrictions, zone);
        if (people.isEmpty()) {
            throw new IllegalArgumentException("layer " + name + " has no people");
        }
        if (length != null && length.toMinutes() < 1) {
            throw new IllegalArgumentException("layer " + name + ": a Custom turn lasts at least a minute");
        }
    }

    /** Compiles a valid layer (see OnCallValidator); {@code zone} is the layer's or the schedule's. */
    public static LayerRotation compile(RotationLayer spec, ZoneId zone) {
        return new LayerRotation(spec, zone);
    }

    public String name() {
        return name;
    }

    /** Who the layer has on call at {@code t}: nobody before its start, from its end, or outside its restrictions. */
    public Optional<String> onCall(Instant t) {
        if (t.isBefore(start) || (end != null && !t.isBefore(end)) || !restrictions.contains(t)) {
            return Optional.empty();
        }
        return Optional.of(rotationPerson(t));
    }

    /** Whose turn it is at {@code t >= start}, ignoring restrictions and the end. */
    String rotationPerson(Instant t) {
        return people.get((int) Math.floorMod(turnAt(t), (long) people.size()));
    }

    /** The start of turn {@code k}. */
    Instant turnStart(long k) {
        if (k == 0) {
            return start;
        }
        return switch (type) {
            case Daily -> LocalTimes.resolve(anchor.plusDays(k * every), zone);
            case Weekly -> LocalTimes.resolve(anchor.plusWeeks(k * every), zone);
            case Custom -> start.plus(length.multipliedBy(k));
        };
    }

    /** The turn in effect at {@code t}: the largest k with turnStart(k) <= t. */
    long turnAt(Instant t) {
        long k;
        if (type == RotationLayer.RotationType.Custom) {
            k = Math.floorDiv(Duration.between(start, t).toMillis(), length.toMillis());
        } else {
            long days = ChronoUnit.DAYS.between(anchor, t.atZone(zone).toLocalDateTime());
            long turnDays = (long) every * (type == RotationLayer.RotationType.Weekly ? 7 : 1);
            k = Math.floorDiv(days, turnDays);
            // The local-date estimate is off by at most one turn around a daylight-saving change.
            while (!turnStart(k + 1).isAfter(t)) {
                k++;
            }
            while (turnStart(k).isAfter(t)) {
                k--;
            }
        }
        return k;
    }

    /** Adds every instant in [from, to] at which {@link #onCall} may change. */
    void changePoints(Instant from, Instant to, Collection<Instant> out) {
        RestrictionWindows.addWithin(start, from, to, out);
        RestrictionWindows.addWithin(end, from, to, out);
        Instant first = from.isBefore(start) ? start : from;
        Instant last = end != null && end.isBefore(to) ? end : to;
        if (first.isBefore(last)) {
            for (long k = turnAt(first); ; k++) {
                Instant s = turnStart(k);
                if (s.isAfter(last)) {
                    break;
                }
                RestrictionWindows.addWithin(s, from, to, out);
            }
            restrictions.changePoints(first, last, out);
        }
    }
}
