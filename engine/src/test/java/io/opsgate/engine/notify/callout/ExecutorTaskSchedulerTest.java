package io.opsgate.engine.notify.callout;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The production scheduler: one thread, tasks in order, delays honoured, cancelled tasks never run. */
class ExecutorTaskSchedulerTest {

    @Test
    void tasksRunInOrderOnOneThreadAndCancelledOnesNever() throws Exception {
        try (ExecutorTaskScheduler s = new ExecutorTaskScheduler(Clock.systemUTC(), "callout-acme")) {
            List<String> ran = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            CountDownLatch gate = new CountDownLatch(1);
            // Hold the thread until everything is queued, so the order does not depend on how fast this test runs.
            s.execute(() -> {
                try {
                    gate.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            s.execute(() -> ran.add("first:" + Thread.currentThread().getName()));
            s.execute(() -> ran.add("second"));
            long start = System.nanoTime();
            TaskScheduler.Cancellable cancelled = s.schedule(Duration.ofMillis(20), () -> ran.add("cancelled"));
            s.schedule(Duration.ofMillis(50), () -> {
                ran.add("later:" + Thread.currentThread().getName());
                done.countDown();
            });
            cancelled.cancel();
            gate.countDown();

            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
            assertThat(ran).containsExactly("first:callout-acme", "second", "later:callout-acme");
            assertThat(s.now()).isNotNull();
        }
    }
}
