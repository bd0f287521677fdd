package io.opsgate.api.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** RFC 3339 timestamps, as Kubernetes and Alertmanager write them. */
public final class Timestamps {
    private Timestamps() {
    }

    /**
     * Parses an RFC 3339 time with an offset ({@code 2026-11-25T10:00:00Z}, {@code ...+09:00}).
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an RFC 3339 time such as 2026-11-25T10:00:00Z");
        }
    }
}
