package io.opsgate.engine.security.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.api.audit.ChainVerifier;
import io.opsgate.api.audit.HashChain.Head;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The access log of every tenant: one hash-chained line per API call (and per change the engine itself makes to
 * tenant data, principal {@code opsgate}) in {@code <data>/<tenant>/access-log/access.jsonl}, its content sealed
 * under the tenant's data key and its chain MACed with the tenant's log key ({@link ChainFile}). Callers only
 * enqueue; one writer thread appends what is queued every {@value #FLUSH_MILLIS} ms, forces it to disk, and prunes
 * entries older than the tenant's retention once a minute (the new anchor is recorded beside the log and the
 * pruning itself is logged). Durability: an entry is on disk at most {@value #FLUSH_MILLIS} ms after its response
 * was sent (and at shutdown); a crash can lose that window, never break the chain.
 *
 * <p>Tenants are written independently: a tenant whose file cannot be written (disk full, permissions, a broken
 * file) keeps its entries waiting (up to {@value #MAX_WAITING} of them; beyond that the oldest are counted, and the
 * count is logged when writing works again) while every other tenant's entries are written as usual.
 */
public final class AccessLog implements AutoCloseable {
    public static final long FLUSH_MILLIS = 100;
    public static final String ENGINE_PRINCIPAL = "opsgate";
    static final int MAX_WAITING = 50_000;
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PRUNE_EVERY_MILLIS = 60_000;

    private record Pending(String tenant, ObjectNode entry) {
    }

    /**
     * What the log of a tenant holds.
     *
     * @param entries lines kept
     * @param head    the latest entry ({@link Head#START} when none was ever written)
     * @param anchor  where the kept lines start: the last entry retention removed ({@link Head#START} when none was)
     * @param oldest  time of the oldest kept line, or null
     */
    public record Stats(long entries, Head head, Head anchor, Instant oldest) {
    }

    /** A tenant's entries not written yet, and whether its file fails. */
    private static final class Waiting {
        final ArrayDeque<ObjectNode> entries = new ArrayDeque<>();
        long lost;
        String failure;
    }

    private final Path dataDir;
    private final Clock clock;
    private final Function<String, LogKeys> keys;
    private final Function<String, Duration> retention;
    private final LogSink.Opener opener;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final Map<String, ChainFile> files = new HashMap<>();
    private final Map<String, Waiting> waiting = new HashMap<>();
    private final ScheduledExecutorService writer;
    private long lastPrune;

    /**
     * @param keys      a running tenant's log keys; null for a tenant that does not run (purged meanwhile): its
     *                  entries are dropped
     * @param retention a tenant's log retention
     */
    public AccessLog(Path dataDir, Clock clock, Function<String, LogKeys> keys, Function<String, Duration> retention) {
        this(dataDir, clock, keys, retention, LogSink.FILES);
    }

    AccessLog(Path dataDir, Clock clock, Function<String, LogKeys> keys, Function<String, Duration> retention,
              LogSink.Opener opener) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.keys = keys;
        this.retention = retention;
        this.opener = opener;
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "access-log");
            t.setDaemon(true);
            return t;
        });
        writer.scheduleWithFixedDelay(this::tick, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The file of a tenant's log. */
    public static Path file(Path dataDir, String tenant) {
        return dataDir.resolve(tenant).resolve("access-log").resolve("access.jsonl");
    }

    /**
     * Who made a call: a token's name, or a person with how they signed in ({@code oidc}, {@code local}).
     *
     * @param principal  the token name or the person's user name ({@code anonymous} when unknown)
     * @param authMethod null for a token; else how the person signed in
     */
    public record Actor(String principal, String authMethod) {
        public static Actor token(String name) {
            return new Actor(name, null);
        }
    }

    /** Queues one API call; returns at once. */
    public void call(String tenant, String principal, String sourceIp, String method, String path, int status,
                     long durationMs) {
        call(tenant, Actor.token(principal), sourceIp, method, path, status, durationMs);
    }

    /** Queues one call of a token or a person; a person's line carries {@code authMethod}. */
    public void call(String tenant, Actor actor, String sourceIp, String method, String path, int status, long durationMs) {
        ObjectNode e = JSON.createObjectNode();
        e.put("time", now());
        e.put("tenant", tenant);
        e.put("principal", actor.principal());
        if (actor.authMethod() != null) {
            e.put("authMethod", actor.authMethod());
        }
        e.put("sourceIp", sourceIp);
        e.put("method", method);
        e.put("path", path);
        e.put("status", status);
        e.put("durationMs", durationMs);
        queue.add(new Pending(tenant, e));
    }

    /**
     * Queues a console event of a person that is not an API call: sign-in, sign-out, a refused sign-in
     * ({@code action} e.g. {@code sign-in}, {@code detail} the outcome or the refusal's reason).
     */
    public void personEvent(String tenant, Actor actor, String sourceIp, String action, int status, String detail) {
        ObjectNode e = JSON.createObjectNode();
        e.put("time", now());
        e.put("tenant", tenant);
        e.put("principal", actor.principal());
        if (actor.authMethod() != null) {
            e.put("authMethod", actor.authMethod());
        }
        e.put("sourceIp", sourceIp);
        e.put("action", action);
        e.put("status", status);
        e.put("detail", detail);
        queue.add(new Pending(tenant, e));
    }

    /** Queues a change the engine made to the tenant's data by itself (principal {@code opsgate}). */
    public void engineAction(String tenant, String action, String detail) {
        queue.add(new Pending(tenant, action(tenant, action, detail)));
    }

    private ObjectNode action(String tenant, String action, String detail) {
        ObjectNode e = JSON.createObjectNode();
        e.put("time", now());
        e.put("tenant", tenant);
        e.put("principal", ENGINE_PRINCIPAL);
        e.put("action", action);
        e.put("detail", detail);
        return e;
    }

    private String now() {
        return Instant.ofEpochMilli(clock.millis()).toString();
    }

    /** Entries of a tenant at or after {@code since}, oldest first, at most {@code limit}, decrypted. */
    public synchronized List<JsonNode> read(String tenant, Instant since, int limit) {
        drain();
        ChainFile f = existing(tenant);
        try {
            return f == null ? new ArrayList<>() : f.read(since, limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a tenant's log holds now. */
    public synchronized Stats stats(String tenant) {
        drain();
        ChainFile f = existing(tenant);
        return f == null ? new Stats(0, Head.START, Head.START, null) : f.stats();
    }

    /** Verifies a tenant's log under its key, against its recorded anchor and the head this process wrote. */
    public ChainVerifier.Result verify(String tenant) {
        return verify(tenant, null);
    }

    /**
     * Verifies a tenant's log as {@link #verify(String)} does and against {@code checkpoint}, a head recorded
     * outside the log (the Tenant status), which the log must still hold.
     */
    public synchronized ChainVerifier.Result verify(String tenant, Head checkpoint) {
        drain();
        LogKeys k = keys.apply(tenant);
        if (k == null) {
            return unavailable("tenant " + tenant + " does not run here");
        }
        Waiting w = waiting.get(tenant);
        if (w != null && w.failure != null) {
            return unavailable("entries cannot be written: " + w.failure);
        }
        try {
            if (!files.containsKey(tenant) && !Files.exists(file(dataDir, tenant))) {
                return ChainVerifier.verify(new StringReader(""), k.chainKey(),
                        new ChainVerifier.Expected(Head.START, checkpoint));
            }
            return open(tenant, k).verify(checkpoint);
        } catch (IOException e) {
            return unavailable(e.getMessage());
        }
    }

    private static ChainVerifier.Result unavailable(String why) {
        return new ChainVerifier.Result(false, 0, Head.START, Head.START, 0, "the log cannot be read: " + why,
                ChainVerifier.Hashes.NOT_CHECKED, ChainVerifier.Checkpoint.NONE);
    }

    /** The numbers of the data keys a tenant's kept lines were sealed with (those keys must stay). */
    public synchronized Set<Integer> keysInUse(String tenant) {
        drain();
        ChainFile f = existing(tenant);
        return f == null ? Set.of() : f.keyNumbers();
    }

    /** Deletes a tenant's log (purge); returns the bytes removed. Entries still waiting for it are dropped. */
    public synchronized long delete(String tenant) throws IOException {
        drain();
        waiting.remove(tenant);
        ChainFile f = files.remove(tenant);
        if (f != null) {
            f.close();
        }
        return Trees.delete(file(dataDir, tenant).getParent());
    }

    /** Writes everything queued now (what a failing tenant's file cannot take stays waiting). */
    public synchronized void flush() {
        drain();
    }

    private synchronized void tick() {
        try {
            drain();
            long now = clock.millis();
            if (now - lastPrune >= PRUNE_EVERY_MILLIS) {
                lastPrune = now;
                for (String tenant : new ArrayList<>(files.keySet())) {
                    prune(tenant, Instant.ofEpochMilli(now).minus(retention.apply(tenant)));
                }
            }
        } catch (RuntimeException e) {
            LOG.error("access log: writing failed", e);
        }
    }

    /**
     * Removes the lines older than {@code cutoff}; the last removed entry becomes the recorded anchor, and the
     * pruning is logged as an engine action.
     */
    public synchronized void prune(String tenant, Instant cutoff) {
        drain();
        ChainFile f = files.get(tenant);
        if (f == null) {
            return;
        }
        try {
            ChainFile.Pruned p = f.prune(cutoff);
            if (p != null) {
                engineAction(tenant, "prune-access-log", p.removed() + " entries older than " + cutoff
                        + " removed by retention; the log now starts after entry " + p.anchor().seq()
                        + ", anchor " + p.anchor());
            }
        } catch (IOException e) {
            LOG.error("access log of tenant {}: pruning failed: {}", tenant, e.getMessage());
            f.close();
            files.remove(tenant);
        }
    }

    /** Moves queued entries to their tenant, then writes each tenant's waiting entries on its own. */
    private void drain() {
        Pending p;
        while ((p = queue.poll()) != null) {
            Waiting w = waiting.computeIfAbsent(p.tenant(), t -> new Waiting());
            w.entries.add(p.entry());
            if (w.entries.size() > MAX_WAITING) {
                w.entries.removeFirst();
                w.lost++;
            }
        }
        for (Map.Entry<String, Waiting> e : waiting.entrySet()) {
            if (!e.getValue().entries.isEmpty() || e.getValue().lost > 0) {
                write(e.getKey(), e.getValue());
            }
        }
        waiting.values().removeIf(w -> w.entries.isEmpty() && w.lost == 0 && w.failure == null);
    }

    private void write(String tenant, Waiting w) {
        LogKeys k = keys.apply(tenant);
        if (k == null) {
            w.entries.clear();
            w.lost = 0;
            w.failure = null;
            return;
        }
        List<ObjectNode> batch = new ArrayList<>(w.entries.size() + 1);
        if (w.lost > 0) {
            batch.add(action(tenant, "access-log-entries-lost", w.lost + " entries could not be written while the log "
                    + "failed (" + w.failure + ") and were dropped"));
        }
        batch.addAll(w.entries);
        try {
            open(tenant, k).append(batch);
            w.entries.clear();
            w.lost = 0;
            if (w.failure != null) {
                LOG.info("access log of tenant {}: writing works again", tenant);
                w.failure = null;
            }
        } catch (IOException | RuntimeException ex) {
            ChainFile broken = files.remove(tenant);
            if (broken != null) {
                broken.close();
            }
            if (w.failure == null) {
                LOG.error("access log of tenant {}: cannot write ({}); its entries wait, other tenants are not affected",
                        tenant, ex.toString());
            }
            w.failure = ex.toString();
        }
    }

    /** The tenant's open file, opened with these keys (a restarted tenant brings new ones). */
    private ChainFile open(String tenant, LogKeys k) throws IOException {
        ChainFile f = files.get(tenant);
        if (f != null && f.keys == k) {
            return f;
        }
        if (f != null) {
            f.close();
            files.remove(tenant);
        }
        f = ChainFile.open(file(dataDir, tenant), k, opener,
                detail -> action(tenant, "access-log-converted", detail));
        files.put(tenant, f);
        return f;
    }

    /** The tenant's file when the tenant runs and has one, or null. */
    private ChainFile existing(String tenant) {
        LogKeys k = keys.apply(tenant);
        if (k == null || (!files.containsKey(tenant) && !Files.exists(file(dataDir, tenant)))) {
            return null;
        }
        try {
            return open(tenant, k);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            drain();
            for (ChainFile f : files.values()) {
                f.close();
            }
            files.clear();
        }
    }
}
