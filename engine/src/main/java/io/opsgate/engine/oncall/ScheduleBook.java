package io.opsgate.engine.oncall;

import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.oncall.OnCallResolver;
import io.opsgate.api.v1alpha1.OnCallScheduleSpec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's OnCallSchedules compiled once per configuration: name to {@link OnCallResolver}, in the order of
 * the configuration. Call-outs ask it who is on call; {@code GET /api/v1/oncall} and the iCalendar feed read it.
 */
public final class ScheduleBook {
    private static final ScheduleBook EMPTY = new ScheduleBook(null, Map.of());

    private final List<NamedSpec<OnCallScheduleSpec>> source;
    private final Map<String, OnCallResolver> resolvers;

    private ScheduleBook(List<NamedSpec<OnCallScheduleSpec>> source, Map<String, OnCallResolver> resolvers) {
        this.source = source;
        this.resolvers = resolvers;
    }

    /** The book of {@code schedules}; {@code previous} is returned as it is when it was made from the same list. */
    public static ScheduleBook of(List<NamedSpec<OnCallScheduleSpec>> schedules, ScheduleBook previous) {
        if (schedules == null || schedules.isEmpty()) {
            return EMPTY;
        }
        if (previous != null && previous.source == schedules) {
            return previous;
        }
        Map<String, OnCallResolver> compiled = new LinkedHashMap<>();
        for (NamedSpec<OnCallScheduleSpec> s : schedules) {
            // The compiler admitted only valid schedules; compile cannot fail for them.
            compiled.put(s.name, OnCallResolver.compile(s.spec));
        }
        return new ScheduleBook(schedules, Collections.unmodifiableMap(compiled));
    }

    /** The schedule's resolver, if the tenant has it. */
    public Optional<OnCallResolver> schedule(String name) {
        return Optional.ofNullable(resolvers.get(name));
    }

    /** Every schedule by name, in the configuration's order. */
    public Map<String, OnCallResolver> all() {
        return resolvers;
    }
}
