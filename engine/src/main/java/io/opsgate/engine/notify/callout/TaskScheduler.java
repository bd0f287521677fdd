package io.opsgate.engine.notify.callout;

import java.time.Duration;
import java.time.Instant;

/**
 * The one thread a tenant's call-outs run on, and their clock. Every session's state is touched only by
 * tasks of this scheduler, so sessions need no locks; provider answers and callbacks arrive as tasks.
 * Tests drive it with a clock they move.
 */
public interface TaskScheduler {

    /** Now, by the scheduler's clock. */
    Instant now();

    /** Runs {@code task} soon, after the tasks already queued. */
    void execute(Runnable task);

    /** Runs {@code task} after {@code delay}, unless cancelled first. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that may still be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
