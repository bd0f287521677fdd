package io.opsgate.engine.notify.callout;

import io.opsgate.engine.support.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A {@link TaskScheduler} whose delays pass only when the test says so: tasks run on one thread (as in
 * production), delayed tasks when {@link #advance} moves the clock past them, in order of their due time.
 */
final class ManualScheduler implements TaskScheduler, AutoCloseable {

    private static final class Task implements Comparable<Task> {
        final Instant due;
        final long order;
        final Runnable run;
        volatile boolean cancelled;

        Task(Instant due, long order, Runnable run) {
            this.due = due;
            this.order = order;
            this.run = run;
        }

        @Override
        public int compareTo(Task o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private final MutableClock clock;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "callout-test");
        t.setDaemon(true);
        return t;
    });
    private final PriorityQueue<Task> delayed = new PriorityQueue<>();
    private long order;

    ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public void execute(Runnable task) {
        thread.execute(task);
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(clock.instant().plus(delay), order++, task);
        delayed.add(t);
        return () -> t.cancelled = true;
    }

    /** Whether a task that is not cancelled falls due exactly at {@code at}: a timer was armed for it. */
    synchronized boolean hasDue(Instant at) {
        return delayed.stream().anyMatch(t -> !t.cancelled && t.due.equals(at));
    }

    /** Moves the clock by {@code d}, running every task that falls due on the way at its due time. */
    void advance(Duration d) throws Exception {
        Instant target = clock.instant().plus(d);
        while (true) {
            Task next;
            synchronized (this) {
                next = delayed.peek();
                if (next == null || next.due.isAfter(target)) {
                    break;
                }
                delayed.poll();
            }
            if (next.cancelled) {
                continue;
            }
            if (next.due.isAfter(clock.instant())) {
                clock.set(next.due);
            }
            thread.submit(next.run).get(10, TimeUnit.SECONDS);
        }
        clock.set(target);
        idle();
    }

    /** Waits until every task queued so far has run. */
    void idle() throws Exception {
        thread.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
