package io.opsgate.api.oncall;

import java.time.Instant;
import java.util.Objects;

/**
 * A span of time in which one person is on call.
 *
 * @param person the person's id (a key of the contacts Secret)
 * @param start  inclusive
 * @param end    exclusive
 * @param source the layer it comes from, or {@link #OVERRIDE}
 */
public record Shift(String person, Instant start, Instant end, String source) {
    /** The source of a shift that comes from an override. */
    public static final String OVERRIDE = "override";

    public Shift {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a shift ends after it starts: " + start + " .. " + end);
        }
    }

    /** Whether the instant lies in the shift. */
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
