package io.opsgate.engine.alerting;

import io.opsgate.engine.domain.SilenceMatcher;

import java.util.List;

/**
 * A postable silence: with an id it updates that silence (or, when the change is not allowed in place,
 * expires it and creates a new one, as Alertmanager does).
 */
public record SilenceRequest(String id, List<SilenceMatcher> matchers, long startsAt, long endsAt, String createdBy,
                             String comment) {
}
