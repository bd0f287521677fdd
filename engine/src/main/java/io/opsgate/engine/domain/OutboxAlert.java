package io.opsgate.engine.domain;

import java.time.Instant;
import java.util.Map;

/**
 * An alert as a notification request carries it.
 *
 * @param fingerprint  the alert's fingerprint
 * @param status       firing or resolved
 * @param labels       its labels
 * @param annotations  its annotations
 * @param startsAt     RFC 3339
 * @param endsAt       RFC 3339, or null while firing without a known end
 * @param generatorURL where it came from
 */
public record OutboxAlert(String fingerprint, String status, Map<String, String> labels,
                          Map<String, String> annotations, String startsAt, String endsAt, String generatorURL) {

    /** The alert as a notification request carries it: a firing alert whose end the engine set has no end. */
    public static OutboxAlert of(Alert a, String status) {
        return new OutboxAlert(a.fingerprint, status, a.labels, a.annotations, Instant.ofEpochMilli(a.startsAt).toString(),
                a.timeout && "firing".equals(status) ? null : Instant.ofEpochMilli(a.endsAt).toString(), a.generatorURL);
    }
}
