package io.opsgate.api.oncall;

import io.opsgate.api.v1alpha1.OnCallScheduleStatus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Who is on call now and next, as a schedule's status and {@code GET /api/v1/oncall} show it.
 *
 * @param current the shift in progress; null while nobody is on call
 * @param next    the next shift with someone on call; null when there is none within the horizon
 */
public record OnCallNow(Span current, Span next) {

    /** Writes these into a schedule's status (onCall, next, computedAt); the conditions are left alone. */
    public void applyTo(OnCallScheduleStatus status, Instant computedAt) {
        status.onCall = current == null ? null : current.toStatus();
        status.next = next == null ? null : next.toStatus();
        status.computedAt = computedAt.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * One shift as far as it is known.
     *
     * @param person the person's id
     * @param start  null when it began beyond the horizon
     * @param end    null when it ends beyond the horizon
     * @param source the layer, or override
     */
    public record Span(String person, Instant start, Instant end, String source) {
        OnCallScheduleStatus.ShiftStatus toStatus() {
            OnCallScheduleStatus.ShiftStatus s = new OnCallScheduleStatus.ShiftStatus();
            s.person = person;
            s.start = start == null ? null : start.toString();
            s.end = end == null ? null : end.toString();
            s.layer = source;
            return s;
        }
    }
}
