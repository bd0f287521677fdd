package io.opsgate.engine.monitors;

import io.opsgate.engine.tenant.TenantComponent;
import io.opsgate.engine.tenant.TenantRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the active monitors of every tenant of the ingest workload (and of standalone mode): one
 * {@link TenantMonitors} per tenant, from the tenant's start to its stop; the API asks here by tenant name
 * ({@link #ping}, {@link #views}). Checks share a bounded
 * pool of {@value #CHECK_THREADS} threads; one timer thread schedules them and evaluates heartbeats
 * every second against the injected clock.
 */
public final class MonitorService implements TenantComponent, AutoCloseable {
    static final int CHECK_THREADS = 16;
    private static final Logger LOG = LoggerFactory.getLogger(MonitorService.class);

    // Shared with each tenant's part in this package.
    final Clock clock;
    final CheckResources resources;
    final MonitorStatusPublisher publisher;
    final ScheduledExecutorService timer;
    final ThreadPoolExecutor checks;
    private final Map<String, TenantMonitors> tenants = new ConcurrentHashMap<>();

    public MonitorService(Clock clock, CheckResources resources, MonitorStatusPublisher publisher) {
        this.clock = clock;
        this.resources = resources;
        this.publisher = publisher;
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("monitor-timer"));
        AtomicInteger n = new AtomicInteger();
        this.checks = new ThreadPoolExecutor(CHECK_THREADS, CHECK_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon("monitor-check-" + n.incrementAndGet()).newThread(r));
        this.checks.allowCoreThreadTimeOut(true);
        this.timer.scheduleWithFixedDelay(this::evaluateHeartbeats, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public Part start(TenantRuntime tenant) {
        TenantMonitors monitors = new TenantMonitors(tenant, this);
        tenants.put(tenant.name(), monitors);
        monitors.apply(tenant.config().compiled.monitors);
        return new Part() {
            @Override
            public void reconfigured() {
                monitors.apply(tenant.config().compiled.monitors);
            }

            @Override
            public void stop(Stop why) {
                tenants.remove(tenant.name(), monitors);
                if (why == Stop.REMOVED) {
                    monitors.stop();
                } else {
                    monitors.halt();
                }
            }
        };
    }

    /** Records a heartbeat ping of a tenant's monitor. */
    public TenantMonitors.PingResult ping(String tenant, String monitor) {
        TenantMonitors m = tenants.get(tenant);
        return m == null ? TenantMonitors.PingResult.NO_SUCH_MONITOR : m.ping(monitor);
    }

    /** The state of every monitor of a tenant, by name; empty when it runs none. */
    public List<MonitorView> views(String tenant) {
        TenantMonitors m = tenants.get(tenant);
        return m == null ? List.of() : m.views();
    }

    private void evaluateHeartbeats() {
        for (TenantMonitors m : tenants.values()) {
            try {
                m.evaluateHeartbeats();
            } catch (RuntimeException e) {
                LOG.error("heartbeat evaluation failed", e);
            }
        }
    }

    @Override
    public void close() {
        for (TenantMonitors m : tenants.values()) {
            m.halt();
        }
        tenants.clear();
        timer.shutdownNow();
        checks.shutdownNow();
        publisher.close();
        resources.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
