package io.opsgate.api.oncall;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The one rule by which a local time of a schedule becomes an instant. A local time that does not exist
 * (skipped by a daylight-saving change, e.g. 02:30 on the spring-forward night in Europe/Berlin) moves
 * later by the length of the gap (03:30); a local time that exists twice (the fall-back night) is the
 * earlier of the two. These are java.time's rules, and what a wall clock that is moved shows.
 */
final class LocalTimes {
    private LocalTimes() {
    }

    static Instant resolve(LocalDateTime local, ZoneId zone) {
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }
}
