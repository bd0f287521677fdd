package io.opsgate.engine.monitors;

import java.time.Duration;

/** One kind of active check, configured for one monitor. Runs on a check thread; never longer than the timeout. */
interface Check {
    /** Runs the check. Failures of the target are outcomes, not exceptions. */
    CheckOutcome run(Duration timeout);

    /** What is checked, for messages and the default summary: a URL, host:port, a name. */
    String target();
}
