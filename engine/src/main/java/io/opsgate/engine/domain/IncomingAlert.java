package io.opsgate.engine.domain;

import java.util.Map;

/**
 * An alert as a source delivered it, parsed and checked against the tenant's limits.
 *
 * @param fingerprint  the identity: the label set's fingerprint, or for events one derived from dedupKey
 * @param labels       sorted labels
 * @param annotations  annotations
 * @param startsAt     epoch milliseconds, 0 when not given
 * @param endsAt       epoch milliseconds, 0 when not given
 * @param generatorURL where it came from, "" when not given
 * @param resolveNow   the source says it is resolved without a time (event action resolve, webhook status resolved)
 */
public record IncomingAlert(String fingerprint, Map<String, String> labels, Map<String, String> annotations,
                            long startsAt, long endsAt, String generatorURL, boolean resolveNow) {
}
