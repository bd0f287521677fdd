package io.opsgate.api.oncall;

import io.opsgate.api.v1alpha1.OnCallScheduleSpec;
import io.opsgate.api.v1alpha1.RotationLayer;
import io.opsgate.api.v1alpha1.ScheduleOverride;

import java.util.ArrayList;
import java.util.List;

/** Builds schedule specs for tests. */
final class Schedules {
    private Schedules() {
    }

    static RotationLayer layer(String name, String start, RotationLayer.RotationType type, int every, String length,
                               String... people) {
        RotationLayer l = new RotationLayer();
        l.name = name;
        l.start = start;
        l.people = new ArrayList<>(List.of(people));
        l.rotation = new RotationLayer.Rotation();
        l.rotation.type = type;
        l.rotation.every = every;
        l.rotation.length = length;
        return l;
    }

    static RotationLayer daily(String name, String start, String... people) {
        return layer(name, start, RotationLayer.RotationType.Daily, 1, null, people);
    }

    static RotationLayer weekly(String name, String start, String... people) {
        return layer(name, start, RotationLayer.RotationType.Weekly, 1, null, people);
    }

    static RotationLayer custom(String name, String start, String length, String... people) {
        return layer(name, start, RotationLayer.RotationType.Custom, 1, length, people);
    }

    static RotationLayer restricted(RotationLayer layer, RotationLayer.Restriction... restrictions) {
        layer.restrictions = new ArrayList<>(List.of(restrictions));
        return layer;
    }

    static RotationLayer.Restriction window(String start, String end, String... weekdays) {
        return new RotationLayer.Restriction(start, end, new ArrayList<>(List.of(weekdays)));
    }

    static OnCallScheduleSpec schedule(String zone, RotationLayer... layers) {
        OnCallScheduleSpec s = new OnCallScheduleSpec();
        s.timeZone = zone;
        s.layers = new ArrayList<>(List.of(layers));
        return s;
    }

    static OnCallScheduleSpec withOverride(OnCallScheduleSpec s, String person, String start, String end) {
        s.overrides.add(new ScheduleOverride(person, start, end));
        return s;
    }
}
