package io.opsgate.engine.notify.delivery;

import io.opsgate.api.config.CompiledConfig;
import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.notify.channels.ChannelFactory;
import io.opsgate.engine.store.WriteSet;
import io.opsgate.engine.support.Compiled;
import io.opsgate.engine.support.HttpSink;
import io.opsgate.engine.support.Manifests;
import io.opsgate.engine.support.MemoryStore;
import io.opsgate.engine.support.Notifications;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Notify acknowledges a handoff only once its jobs are durable, and recognises a repeat by the highest sequence it
 * stored: a commit that fails must not count as stored, or ingest's retry would be taken for a repeat and the
 * notifications lost.
 */
class AcceptCommitTest {
    @TempDir
    Path dir;
    private HttpSink sink;
    private TenantNotifier notifier;

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void aHandoffWhoseCommitFailedIsTakenAgainOnRetryAndDeliveredOnce() throws IOException {
        sink = new HttpSink(Clock.systemUTC());
        CompiledConfig config = Compiled.of("acme", """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  egress: [{cidr: 127.0.0.1/32}]
                ---
                """ + Manifests.webhookChannel("acme", "ops", sink.url("/hook"), null), List.of());
        FailingStore store = new FailingStore(1);
        notifier = new TenantNotifier("acme", store, Clock.systemUTC(), () -> config,
                new ChannelFactory(Notifications.context(dir, Clock.systemUTC(), null)), RetryPolicy.defaults(3),
                new NotifyMetrics(new SimpleMeterRegistry()), () -> null, () -> 0.5).start(50);
        List<OutboxEntry> batch = List.of(Notifications.entry(1, "firing", 1), Notifications.entry(2, "firing", 1),
                Notifications.entry(3, "firing", 1));

        assertThatThrownBy(() -> notifier.accept("ingest-1", batch).get(10, TimeUnit.SECONDS))
                .hasRootCauseMessage("disk full");
        CompletableFuture<Void> retry = notifier.accept("ingest-1", batch);

        assertThat(retry).succeedsWithin(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sink.processed()).hasSize(3));
        assertThat(notifier.accept("ingest-1", batch)).succeedsWithin(Duration.ofSeconds(10));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(sink.requests()).hasSize(3));
    }

    /** A store whose first {@code failures} commits fail, as a full disk would make them. */
    static final class FailingStore implements io.opsgate.engine.store.TenantStore {
        private final MemoryStore memory = new MemoryStore();
        private final AtomicInteger failures;

        FailingStore(int failures) {
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public void scan(String prefix, java.util.function.BiConsumer<String, byte[]> visitor) {
            memory.scan(prefix, visitor);
        }

        @Override
        public byte[] get(String key) {
            return memory.get(key);
        }

        @Override
        public CompletableFuture<Long> rewrite(String prefix, Rewriter rewriter) {
            return memory.rewrite(prefix, rewriter);
        }

        @Override
        public CompletableFuture<Void> commit(WriteSet writes) {
            if (failures.getAndDecrement() > 0) {
                return CompletableFuture.failedFuture(new IOException("disk full"));
            }
            return memory.commit(writes);
        }

        @Override
        public void close() {
        }
    }
}
