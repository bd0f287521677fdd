package io.opsgate.engine.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one thread that owns a tenant's in-memory state. Every read and write of that state runs here, in
 * submission order, so the hot path needs no locks; timers run here too.
 */
public final class Lane {
    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
    private final ScheduledExecutorService executor;

    public Lane(String tenant) {
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lane-" + tenant);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs a task on the lane; its future completes with the task's future (e.g. a store commit). */
    public <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    task.get().whenComplete((v, e) -> {
                        if (e != null) {
                            result.completeExceptionally(e);
                        } else {
                            result.complete(v);
                        }
                    });
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the tenant is shutting down"));
        }
        return result;
    }

    /** Runs a task that needs nothing durable (reads). */
    public <T> CompletableFuture<T> call(Supplier<T> task) {
        return submit(() -> CompletableFuture.completedFuture(task.get()));
    }

    /** Runs {@code tick} every {@code periodMillis}; a failing tick is logged and the next runs. */
    public void every(long periodMillis, Runnable tick) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                tick.run();
            } catch (RuntimeException e) {
                LOG.error("timer task failed", e);
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Finishes queued tasks and stops. */
    public void shutdown() {
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
