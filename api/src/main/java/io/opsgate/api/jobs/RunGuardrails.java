package io.opsgate.api.jobs;

import io.opsgate.api.time.Durations;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * The guardrails of automatic runs (spec.guardrails): at most one run per cooldown and at most
 * maxRunsPerHour in any hour. The engine applies them before it requests a run, the operator again
 * before it starts one, both with this function, so both refuse for the same reason.
 */
public final class RunGuardrails {

    /** Refusal reason: a run of the job started less than the cooldown ago. */
    public static final String COOLDOWN = "GuardrailCooldown";
    /** Refusal reason: the job already ran maxRunsPerHour times in the last hour. */
    public static final String RATE_LIMIT = "GuardrailRateLimit";

    private static final Duration HOUR = Duration.ofHours(1);

    private RunGuardrails() {
    }

    /**
     * The verdict on one run.
     *
     * @param allowed whether the run may go ahead
     * @param reason  {@link #COOLDOWN} or {@link #RATE_LIMIT} when refused, else null
     * @param message what a person reads in the run's status
     */
    public record Verdict(boolean allowed, String reason, String message) {
        static final Verdict ALLOWED = new Verdict(true, null, "");
    }

    /**
     * Decides whether a run at {@code at} may go ahead, given the start times of earlier automatic runs
     * of the same job that were not refused.
     *
     * @param earlier        start times of earlier runs (any order; only the last hour matters)
     * @param cooldown       least time between two runs; zero allows back-to-back runs
     * @param maxRunsPerHour most runs in any hour
     */
    public static Verdict check(Collection<Instant> earlier, Duration cooldown, int maxRunsPerHour, Instant at) {
        Instant latest = null;
        int inLastHour = 0;
        for (Instant t : earlier) {
            if (t.isAfter(at)) {
                continue;
            }
            if (latest == null || t.isAfter(latest)) {
                latest = t;
            }
            if (t.isAfter(at.minus(HOUR))) {
                inLastHour++;
            }
        }
        if (latest != null && !cooldown.isZero() && latest.plus(cooldown).isAfter(at)) {
            return new Verdict(false, COOLDOWN, "the previous automatic run started at " + latest + "; the cooldown of "
                    + format(cooldown) + " allows the next at " + latest.plus(cooldown));
        }
        if (inLastHour >= maxRunsPerHour) {
            return new Verdict(false, RATE_LIMIT, inLastHour + " automatic runs in the last hour reach maxRunsPerHour ("
                    + maxRunsPerHour + ")");
        }
        return Verdict.ALLOWED;
    }

    private static String format(Duration d) {
        return Durations.format(d);
    }
}
