package io.opsgate.engine.notify.delivery;

import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.egress.EgressGate;
import io.opsgate.engine.egress.EgressGates;
import io.opsgate.engine.notify.DeliveryReport;
import io.opsgate.engine.notify.Notification;
import io.opsgate.engine.notify.NotifyKeys;
import io.opsgate.engine.notify.channels.Channel;
import io.opsgate.engine.notify.channels.ChannelFactory;
import io.opsgate.engine.notify.channels.Outcome;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.store.WriteSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The notify side of one tenant: takes notification requests, stores one delivery job per channel before
 * acknowledging, and delivers them at least once.
 * <ul>
 *   <li>Idempotent intake: ingest's sequences are strictly increasing per origin (its store), so a request
 *       at or below the highest accepted one is a retry and is acknowledged without a second job. The mark is
 *       raised only once the commit that stores the jobs is durable; a failed commit leaves it where it was.</li>
 *   <li>Order: jobs of one channel and one ticket (or group, when there is no ticket) go one after the other
 *       in arrival order; the next starts only once the previous result is stored, so a resolve never
 *       overtakes its trigger, not even across a crash.</li>
 *   <li>Retries with backoff and jitter on 5xx, 429, timeouts and connection errors, honouring Retry-After;
 *       a permanent failure or the last allowed attempt dead-letters the job.</li>
 *   <li>A token bucket per channel ({@code spec.rateLimit}): excess waits.</li>
 *   <li>Every attempt's result becomes a report that ingest pulls into the ticket's delivery log.</li>
 * </ul>
 * All state lives on one thread; all timing comes from the injected clock, and {@link #pump} runs on a
 * short period as well as after every event, so a test that moves the clock sees due work happen.
 */
public final class TenantNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TenantNotifier.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    /** Attempts in flight at once, per tenant. */
    static final int MAX_IN_FLIGHT = 64;

    private record ChannelEntry(NotificationChannelSpec spec, Channel channel) {
    }

    /** Next ids, stored with every change that advances them. */
    static final class Ids {
        public long nextJob = 1;
        public long nextReport = 1;
    }

    /** The accepted high-water mark of one origin. */
    static final class Accepted {
        public long seq;
    }

    private final String tenant;
    private final TenantStore store;
    private final Clock clock;
    private final Supplier<CompiledConfig> config;
    private final ChannelFactory channels;
    private final RetryPolicy retry;
    private final NotifyMetrics metrics;
    private final Supplier<String> externalUrl;
    private final DoubleSupplier random;
    private final ScheduledExecutorService executor;

    private final Map<String, Long> accepted = new HashMap<>();
    private final Ids ids = new Ids();
    private final Map<String, ArrayDeque<DeliveryJob>> queues = new HashMap<>();
    private final PriorityQueue<DeliveryJob> ready = new PriorityQueue<>(
            Comparator.comparingLong((DeliveryJob j) -> j.notBefore).thenComparingLong(j -> j.id));
    private final TreeMap<Long, DeliveryReport> reports = new TreeMap<>();
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private final Map<String, AtomicLong> depth = new HashMap<>();
    private int inFlight;
    /** The accept of each origin whose commit is under way. */
    private final Map<String, CompletableFuture<Void>> pending = new HashMap<>();
    private CompiledConfig builtFrom;
    private Map<String, ChannelEntry> built = Map.of();

    /**
     * @param config      the tenant's configuration in force (read on every use, so reloads apply)
     * @param externalUrl the base URL of the tenant API for ticket links, or null
     * @param random      uniform in [0, 1), for jitter
     */
    public TenantNotifier(String tenant, TenantStore store, Clock clock, Supplier<CompiledConfig> config,
                          ChannelFactory channels, RetryPolicy retry, NotifyMetrics metrics, Supplier<String> externalUrl,
                          DoubleSupplier random) {
        this.tenant = tenant;
        this.store = store;
        this.clock = clock;
        this.config = config;
        this.channels = channels;
        this.retry = retry;
        this.metrics = metrics;
        this.externalUrl = externalUrl;
        this.random = random;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "notify-" + tenant);
            t.setDaemon(true);
            return t;
        });
    }

    /** Loads the stored jobs and reports, then runs due work every {@code periodMillis}. */
    public TenantNotifier start(long periodMillis) {
        call(() -> {
            load();
            return null;
        }).join();
        executor.scheduleWithFixedDelay(this::safePump, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    public String tenant() {
        return tenant;
    }

    private void load() {
        store.scan(NotifyKeys.ACCEPTED, (k, v) -> accepted.put(k.substring(NotifyKeys.ACCEPTED.length()),
                RecordCodec.decode(v, Accepted.class).seq));
        store.scan(NotifyKeys.IDS, (k, v) -> {
            Ids stored = RecordCodec.decode(v, Ids.class);
            ids.nextJob = Math.max(ids.nextJob, stored.nextJob);
            ids.nextReport = Math.max(ids.nextReport, stored.nextReport);
        });
        store.scan(NotifyKeys.REPORT, (k, v) -> {
            DeliveryReport r = RecordCodec.decode(v, DeliveryReport.class);
            reports.put(r.id, r);
            ids.nextReport = Math.max(ids.nextReport, r.id + 1);
        });
        List<DeliveryJob> jobs = new ArrayList<>();
        store.scan(NotifyKeys.JOB, (k, v) -> jobs.add(RecordCodec.decode(v, DeliveryJob.class)));
        for (DeliveryJob j : jobs) {
            ids.nextJob = Math.max(ids.nextJob, j.id + 1);
            enqueue(j);
        }
        if (!jobs.isEmpty()) {
            LOG.info("tenant {}: {} notification deliveries pending after start", tenant, jobs.size());
        }
    }

    // ------------------------------------------------------------------ intake

    /**
     * Stores the notifications not accepted before, one job per channel; the future completes once that
     * is durable (for a repeat: once the original is). Jobs become due only after that.
     */
    public CompletableFuture<Void> accept(String origin, List<OutboxEntry> entries) {
        return call(() -> {
            // One commit per origin at a time: each request is judged against what is durable, never against a
            // commit that may still fail (its retry would be taken for a repeat, and its notifications lost).
            CompletableFuture<Void> before = pending.getOrDefault(origin, DONE);
            CompletableFuture<Void> mine = before.handle((v, failure) -> null)
                    .thenComposeAsync(v -> acceptNow(origin, entries), executor);
            pending.put(origin, mine);
            mine.whenCompleteAsync((v, failure) -> pending.remove(origin, mine), executor);
            return mine;
        }).thenCompose(f -> f);
    }

    /** Runs on the notifier's thread once no other commit of {@code origin} is pending. */
    private CompletableFuture<Void> acceptNow(String origin, List<OutboxEntry> entries) {
        long hwm = accepted.getOrDefault(origin, 0L);
        long now = clock.millis();
        WriteSet writes = new WriteSet();
        List<DeliveryJob> created = new ArrayList<>();
        List<OutboxEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(e -> e.seq));
        for (OutboxEntry e : sorted) {
            if (!tenant.equals(e.tenant)) {
                throw new IllegalArgumentException("notification " + e.seq + " is for tenant " + e.tenant + ", not " + tenant);
            }
        }
        Map<String, ChannelEntry> byName = channels();
        for (OutboxEntry e : sorted) {
            if (e.seq <= hwm) {
                continue;
            }
            hwm = e.seq;
            for (String channel : new LinkedHashSet<>(e.channels)) {
                ChannelEntry ch = byName.get(channel);
                if ("resolved".equals(e.status) && ch != null && Boolean.FALSE.equals(ch.spec().sendResolved)) {
                    continue;
                }
                DeliveryJob j = new DeliveryJob();
                j.id = ids.nextJob++;
                j.origin = origin;
                j.seq = e.seq;
                j.channel = channel;
                j.orderKey = e.ticketId != null ? "ticket/" + e.ticketId : "group/" + e.groupKey;
                j.idempotencyKey = UUID.nameUUIDFromBytes((tenant + "/" + origin + "/" + e.seq + "/" + channel)
                        .getBytes(StandardCharsets.UTF_8)).toString();
                j.acceptedAt = now;
                j.notBefore = now;
                j.notification = e;
                writes.put(NotifyKeys.job(j.id), RecordCodec.encode(j));
                created.add(j);
            }
        }
        if (hwm == accepted.getOrDefault(origin, 0L)) {
            return DONE;
        }
        long raised = hwm;
        Accepted a = new Accepted();
        a.seq = raised;
        writes.put(NotifyKeys.accepted(origin), RecordCodec.encode(a));
        writes.put(NotifyKeys.IDS, RecordCodec.encode(ids));
        CompletableFuture<Void> stored = new CompletableFuture<>();
        store.commit(writes).whenCompleteAsync((v, failure) -> {
            if (failure != null) {
                LOG.error("tenant {}: notifications could not be stored: {}", tenant, failure.getMessage());
                stored.completeExceptionally(failure);
                return;
            }
            // Raised only now: what is at or below the mark is durable.
            accepted.put(origin, raised);
            created.forEach(this::enqueue);
            pump();
            stored.complete(null);
        }, executor);
        return stored;
    }

    private void enqueue(DeliveryJob j) {
        ArrayDeque<DeliveryJob> q = queues.computeIfAbsent(j.channel + '\u0000' + j.orderKey, k -> new ArrayDeque<>());
        q.add(j);
        if (q.size() == 1) {
            ready.add(j);
        }
        depth(j.channel).incrementAndGet();
    }

    private AtomicLong depth(String channel) {
        return depth.computeIfAbsent(channel, c -> {
            AtomicLong d = metrics.queueDepth(tenant, c);
            d.set(0);
            return d;
        });
    }

    // ------------------------------------------------------------------ delivery

    private void safePump() {
        try {
            pump();
        } catch (RuntimeException e) {
            LOG.error("tenant {}: delivery loop failed", tenant, e);
        }
    }

    /** Starts every attempt that is due and allowed by the rate limits. Runs on the notifier's thread. */
    private void pump() {
        long now = clock.millis();
        while (inFlight < MAX_IN_FLIGHT) {
            DeliveryJob job = ready.peek();
            if (job == null || job.notBefore > now) {
                return;
            }
            ready.poll();
            ChannelEntry ch = channels().get(job.channel);
            if (ch == null) {
                inFlight++;
                finish(job, Outcome.permanent(0, "NotificationChannel \"" + job.channel + "\" is not configured"));
                continue;
            }
            long wait = bucket(job.channel, ch.spec()).map(b -> b.take(now)).orElse(0L);
            if (wait > 0) {
                job.notBefore = now + wait;
                ready.add(job);
                continue;
            }
            inFlight++;
            CompletableFuture<Outcome> attempt;
            try {
                attempt = ch.channel().send(notification(job));
            } catch (RuntimeException e) {
                attempt = CompletableFuture.completedFuture(Outcome.retry(0, 0, e.getClass().getSimpleName()));
            }
            attempt.whenCompleteAsync((o, failure) -> finish(job, o != null ? o
                    : Outcome.retry(0, 0, String.valueOf(failure))), executor);
        }
    }

    private Notification notification(DeliveryJob job) {
        OutboxEntry e = job.notification;
        CompiledConfig c = config.get();
        String display = c != null && c.tenantSpec != null && c.tenantSpec.displayName != null
                && !c.tenantSpec.displayName.isBlank() ? c.tenantSpec.displayName : tenant;
        // The Tenant's own URL (spec.externalURL, hot-reloaded with the configuration) before the process-wide one.
        String own = c != null && c.tenantSpec != null ? c.tenantSpec.externalURL : null;
        String base = own != null && !own.isBlank() ? own.strip() : externalUrl.get();
        String ticketUrl = base == null || e.ticketId == null ? null
                : base.replaceAll("/+$", "") + "/api/v1/tickets/" + e.ticketId;
        return new Notification(tenant, display, e, job.channel, job.idempotencyKey, ticketUrl);
    }

    /** Records an attempt's result; the job's queue moves on only once that is stored. */
    private void finish(DeliveryJob job, Outcome o) {
        inFlight--;
        long now = clock.millis();
        job.attempts++;
        String type = job.notification.type == null ? "notification" : job.notification.type;
        DeliveryReport r = report(job, o, now);
        WriteSet writes = new WriteSet();
        boolean done;
        if (o.kind() == Outcome.Kind.DELIVERED) {
            done = true;
            r.result = DeliveryReport.DELIVERED;
            writes.delete(NotifyKeys.job(job.id));
            metrics.sent(tenant, job.channel, type);
            metrics.delivered(tenant, job.channel, type, now - createdAt(job));
        } else if (o.kind() == Outcome.Kind.RETRY && job.attempts < retry.maxAttempts()) {
            done = false;
            job.notBefore = now + retry.delayAfter(job.attempts, o.retryAfterMillis(), random);
            r.result = DeliveryReport.RETRY;
            r.nextAttemptAt = job.notBefore;
            writes.put(NotifyKeys.job(job.id), RecordCodec.encode(job));
            metrics.failed(tenant, job.channel, type);
            metrics.retried(tenant, job.channel, type);
            LOG.info("tenant {}: delivery {} to {} failed (attempt {}), retry in {} ms: {}", tenant, job.seq, job.channel,
                    job.attempts, job.notBefore - now, o.error());
        } else {
            done = true;
            r.result = DeliveryReport.DEAD;
            DeadLetter d = new DeadLetter();
            d.job = job;
            d.reason = o.kind() == Outcome.Kind.RETRY
                    ? "gave up after " + job.attempts + " attempts: " + o.error() : o.error();
            r.error = d.reason;
            d.statusCode = o.statusCode();
            d.at = now;
            writes.delete(NotifyKeys.job(job.id));
            writes.put(NotifyKeys.dead(job.id), RecordCodec.encode(d));
            metrics.failed(tenant, job.channel, type);
            metrics.deadLettered(tenant, job.channel, type);
            LOG.warn("tenant {}: delivery {} to {} dead-lettered: {}", tenant, job.seq, job.channel, d.reason);
        }
        reports.put(r.id, r);
        writes.put(NotifyKeys.report(r.id), RecordCodec.encode(r));
        writes.put(NotifyKeys.IDS, RecordCodec.encode(ids));
        store.commit(writes).whenCompleteAsync((v, failure) -> {
            if (failure != null) {
                LOG.error("tenant {}: delivery result could not be stored: {}", tenant, failure.getMessage());
            }
            if (done) {
                advance(job);
            } else {
                ready.add(job);
            }
            pump();
        }, executor);
    }

    private DeliveryReport report(DeliveryJob job, Outcome o, long now) {
        DeliveryReport r = new DeliveryReport();
        r.id = ids.nextReport++;
        r.jobId = job.id;
        r.seq = job.seq;
        r.ticketId = job.notification.ticketId;
        r.channel = job.channel;
        r.type = job.notification.type;
        r.level = job.notification.level;
        r.status = job.notification.status;
        r.title = job.notification.title;
        r.attempt = job.attempts;
        r.at = now;
        r.statusCode = o.statusCode();
        r.error = o.error();
        return r;
    }

    private void advance(DeliveryJob job) {
        String key = job.channel + '\u0000' + job.orderKey;
        ArrayDeque<DeliveryJob> q = queues.get(key);
        if (q != null) {
            q.remove(job);
            if (q.isEmpty()) {
                queues.remove(key);
            } else {
                ready.add(q.peek());
            }
        }
        depth(job.channel).decrementAndGet();
    }

    private static long createdAt(DeliveryJob job) {
        try {
            return Instant.parse(job.notification.createdAt).toEpochMilli();
        } catch (RuntimeException e) {
            return job.acceptedAt;
        }
    }

    private java.util.Optional<TokenBucket> bucket(String channel, NotificationChannelSpec spec) {
        if (spec.rateLimit == null || spec.rateLimit.perMinute == null) {
            buckets.remove(channel);
            return java.util.Optional.empty();
        }
        int perMinute = spec.rateLimit.perMinute;
        int burst = spec.rateLimit.burst == null ? perMinute : spec.rateLimit.burst;
        TokenBucket b = buckets.get(channel);
        if (b == null || !b.sameLimit(perMinute, burst)) {
            b = new TokenBucket(perMinute, burst, clock.millis());
            buckets.put(channel, b);
        }
        return java.util.Optional.of(b);
    }

    /** The channels of the configuration in force, rebuilt when it changes. */
    private Map<String, ChannelEntry> channels() {
        CompiledConfig c = config.get();
        if (c != builtFrom) {
            Map<String, ChannelEntry> next = new HashMap<>();
            if (c != null) {
                EgressGate gate = EgressGates.of(c, channels.context().resolver());
                for (NamedSpec<NotificationChannelSpec> n : c.notificationChannels) {
                    try {
                        next.put(n.name, new ChannelEntry(n.spec, channels.create(c.namespace, n.spec, gate)));
                    } catch (RuntimeException e) {
                        LOG.error("tenant {}: channel {} cannot be used: {}", tenant, n.name, e.getMessage());
                    }
                }
            }
            built = next;
            builtFrom = c;
        }
        return built;
    }

    // ------------------------------------------------------------------ reports

    /**
     * Reports after {@code after}, at most {@code limit}. Asking with {@code after} also says that the
     * reports up to it are stored on the other side, so they are deleted here.
     */
    public CompletableFuture<List<DeliveryReport>> reports(long after, int limit) {
        return call(() -> {
            WriteSet writes = new WriteSet();
            var done = reports.headMap(after, true);
            for (Long id : done.keySet()) {
                writes.delete(NotifyKeys.report(id));
            }
            done.clear();
            if (!writes.isEmpty()) {
                store.commit(writes);
            }
            List<DeliveryReport> page = new ArrayList<>(Math.min(limit, reports.size()));
            for (DeliveryReport r : reports.tailMap(after, false).values()) {
                if (page.size() >= limit) {
                    break;
                }
                page.add(r);
            }
            return page;
        });
    }

    /** Deliveries waiting or in flight, by channel (for tests and the queue-depth gauge). */
    public CompletableFuture<Map<String, Long>> queueDepths() {
        return call(() -> {
            Map<String, Long> result = new TreeMap<>();
            depth.forEach((c, d) -> result.put(c, d.get()));
            return result;
        });
    }

    /** Runs due work now (tests call it after moving the clock). */
    public CompletableFuture<Void> pumpNow() {
        return call(() -> {
            pump();
            return null;
        });
    }

    private <T> CompletableFuture<T> call(Supplier<T> task) {
        try {
            return CompletableFuture.supplyAsync(task, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("notify for tenant " + tenant + " stopped"));
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
