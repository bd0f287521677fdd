package io.opsgate.engine.notify.callout;

import java.time.Instant;
import java.util.Optional;

/** Who is on call in a schedule of the tenant at an instant (the final schedule of OnCallResolver). */
@FunctionalInterface
public interface OnCallLookup {
    Optional<String> onCall(String schedule, Instant at);
}
