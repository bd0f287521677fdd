package io.opsgate.api.time;

import io.opsgate.api.v1alpha1.SchemaPatterns;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Prometheus and Alertmanager write them: units y, w, d, h, m, s, ms in descending
 * order, each at most once ({@code 1h30m}, {@code 90d}, {@code 500ms}), or {@code 0}.
 */
public final class Durations {

    /** The syntax as a JSON-schema pattern, shared by the CRDs and the validator. */
    public static final String PATTERN = SchemaPatterns.DURATION;

    private static final Pattern COMPILED = Pattern.compile(PATTERN);
    private static final long[] UNIT_MILLIS = {
        365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600L * 1000, 60L * 1000, 1000L, 1L
    };

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException naming what is wrong, when the text is not a duration
     */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = COMPILED.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration; use units y, w, d, h, m, s, ms "
                    + "in that order, e.g. 1h30m");
        }
        long total = 0;
        for (int unit = 0; unit < UNIT_MILLIS.length; unit++) {
            String digits = m.group(2 + unit * 2);
            if (digits != null) {
                long value;
                try {
                    value = Long.parseLong(digits);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("duration \"" + text + "\" is too large");
                }
                if (value > Long.MAX_VALUE / UNIT_MILLIS[unit] || total > Long.MAX_VALUE - value * UNIT_MILLIS[unit]) {
                    throw new IllegalArgumentException("duration \"" + text + "\" is too large");
                }
                total += value * UNIT_MILLIS[unit];
            }
        }
        return Duration.ofMillis(total);
    }

    /** Parses {@code text}, or returns {@code fallback} when it is null. */
    public static Duration parseOr(String text, Duration fallback) {
        return text == null ? fallback : parse(text);
    }

    /** Formats as Prometheus does: the largest units first, e.g. 1h30m, 0s. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        String[] units = {"y", "w", "d", "h", "m", "s", "ms"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < units.length; i++) {
            long n = ms / UNIT_MILLIS[i];
            if (n > 0) {
                sb.append(n).append(units[i]);
                ms -= n * UNIT_MILLIS[i];
            }
        }
        return sb.toString();
    }
}
