package io.opsgate.engine.notify.channels;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a Retry-After header: delay-seconds or an HTTP-date (RFC 9110, section 10.2.3). */
public final class RetryAfter {
    /** Longest wait honoured; a receiver asking for more is retried after this. */
    public static final long MAX_MILLIS = 3_600_000L;

    private RetryAfter() {
    }

    /**
     * The wait in milliseconds, relative to {@code nowMillis} for a date; 0 when absent or unreadable.
     */
    public static long millis(String header, long nowMillis) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        String v = header.strip();
        try {
            long seconds = Long.parseLong(v);
            return Math.min(MAX_MILLIS, Math.max(0, seconds) * 1000);
        } catch (NumberFormatException notSeconds) {
            try {
                long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                return Math.min(MAX_MILLIS, Math.max(0, at - nowMillis));
            } catch (DateTimeParseException notDate) {
                return 0;
            }
        }
    }
}
