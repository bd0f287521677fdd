package io.opsgate.engine.notify.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opsgate.engine.metrics.EngineMetricNames;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.opsgate.engine.metrics.EngineMetricNames.meterName;

/**
 * The notify meters (docs/architecture.md, "Metrics"): sent, failed, retried and dead-lettered
 * notifications and the delivery latency by tenant, channel and type; queue depth by tenant and channel.
 */
public final class NotifyMetrics {
    /**
     * Delivery takes milliseconds when the receiver answers at once and minutes to an hour through
     * retries; the buckets cover both.
     */
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)};

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> depths = new ConcurrentHashMap<>();

    public NotifyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void sent(String tenant, String channel, String type) {
        counter(EngineMetricNames.NOTIFICATIONS_SENT, tenant, channel, type).increment();
    }

    public void failed(String tenant, String channel, String type) {
        counter(EngineMetricNames.NOTIFICATIONS_FAILED, tenant, channel, type).increment();
    }

    public void retried(String tenant, String channel, String type) {
        counter(EngineMetricNames.NOTIFICATIONS_RETRIED, tenant, channel, type).increment();
    }

    public void deadLettered(String tenant, String channel, String type) {
        counter(EngineMetricNames.NOTIFICATIONS_DEAD_LETTERED, tenant, channel, type).increment();
    }

    /** Time from the notification's creation in ingest to its delivery. */
    public void delivered(String tenant, String channel, String type, long millis) {
        timers.computeIfAbsent(tenant + '\u0000' + channel + '\u0000' + type,
                k -> Timer.builder(meterName(EngineMetricNames.NOTIFICATION_DELIVERY))
                        .tag(EngineMetricNames.TAG_TENANT, tenant).tag(EngineMetricNames.TAG_CHANNEL, channel)
                        .tag(EngineMetricNames.TAG_TYPE, type).serviceLevelObjectives(BUCKETS).register(registry))
                .record(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    /** The queue depth of a channel (deliveries waiting or in flight); its gauge is registered on first use. */
    public AtomicLong queueDepth(String tenant, String channel) {
        return depths.computeIfAbsent(tenant + '\u0000' + channel, k -> {
            AtomicLong depth = new AtomicLong();
            Gauge.builder(meterName(EngineMetricNames.NOTIFICATION_QUEUE_DEPTH), depth, AtomicLong::get)
                    .tag(EngineMetricNames.TAG_TENANT, tenant).tag(EngineMetricNames.TAG_CHANNEL, channel)
                    .strongReference(true).register(registry);
            return depth;
        });
    }

    private Counter counter(String name, String tenant, String channel, String type) {
        return counters.computeIfAbsent(name + '\u0000' + tenant + '\u0000' + channel + '\u0000' + type,
                k -> Counter.builder(meterName(name)).tag(EngineMetricNames.TAG_TENANT, tenant)
                        .tag(EngineMetricNames.TAG_CHANNEL, channel).tag(EngineMetricNames.TAG_TYPE, type)
                        .register(registry));
    }
}
