package io.opsgate.engine.security.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.api.audit.ChainVerifier;
import io.opsgate.api.audit.HashChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The access log of every tenant: one hash-chained JSON line per API call (and per change the engine
 * itself makes to tenant data, principal {@code opsgate}) in {@code <data>/<tenant>/access-log/access.jsonl}.
 * Callers only enqueue; one writer thread appends what is queued every {@value #FLUSH_MILLIS} ms, forces it
 * to disk, and prunes entries older than the tenant's retention once a minute (the first kept line's
 * {@code prev} is then the anchor). Durability: an entry is on disk at most {@value #FLUSH_MILLIS} ms after
 * its response was sent (and at shutdown); a crash can lose that window, never break the chain.
 */
public final class AccessLog implements AutoCloseable {
    public static final long FLUSH_MILLIS = 100;
    public static final String ENGINE_PRINCIPAL = "opsgate";
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PRUNE_EVERY_MILLIS = 60_000;

    private record Pending(String tenant, ObjectNode entry) {
    }

    /**
     * What the log of a tenant holds.
     *
     * @param entries  lines kept
     * @param headHash hash of the latest line ({@link HashChain#GENESIS} when empty)
     * @param oldest   time of the oldest kept line, or null
     * @param anchor   prev of the oldest kept line ({@link HashChain#GENESIS} when nothing was pruned)
     */
    public record Stats(long entries, String headHash, Instant oldest, String anchor) {
    }

    private final Path dataDir;
    private final Clock clock;
    private final Predicate<String> active;
    private final Function<String, Duration> retention;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final Map<String, ChainFile> files = new HashMap<>();
    private final ScheduledExecutorService writer;
    private long lastPrune;

    /**
     * @param active    whether a tenant still runs; entries of other tenants (purged meanwhile) are dropped
     * @param retention a tenant's log retention
     */
    public AccessLog(Path dataDir, Clock clock, Predicate<String> active, Function<String, Duration> retention) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.active = active;
        this.retention = retention;
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
        ObjectNode e = JSON.createObjectNode();
        e.put("time", now());
        e.put("tenant", tenant);
        e.put("principal", ENGINE_PRINCIPAL);
        e.put("action", action);
        e.put("detail", detail);
        queue.add(new Pending(tenant, e));
    }

    private String now() {
        return Instant.ofEpochMilli(clock.millis()).toString();
    }

    /** Entries of a tenant at or after {@code since}, oldest first, at most {@code limit}. */
    public synchronized List<JsonNode> read(String tenant, Instant since, int limit) {
        drain();
        Path f = file(dataDir, tenant);
        List<JsonNode> result = new ArrayList<>();
        if (!Files.exists(f)) {
            return result;
        }
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            while (result.size() < limit && (line = r.readLine()) != null) {
                JsonNode n = JSON.readTree(line);
                if (since == null || !Instant.parse(n.path("time").asText()).isBefore(since)) {
                    result.add(n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    /** What a tenant's log holds now. */
    public synchronized Stats stats(String tenant) {
        drain();
        ChainFile f = files.get(tenant);
        if (f == null && Files.exists(file(dataDir, tenant))) {
            f = open(tenant);
        }
        return f == null ? new Stats(0, HashChain.GENESIS, null, HashChain.GENESIS) : f.stats();
    }

    /** Verifies a tenant's log with {@link ChainVerifier}. */
    public synchronized ChainVerifier.Result verify(String tenant) {
        drain();
        Path f = file(dataDir, tenant);
        if (!Files.exists(f)) {
            return new ChainVerifier.Result(true, 0, HashChain.GENESIS, HashChain.GENESIS, 0, null);
        }
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            return ChainVerifier.verify(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a tenant's log (purge); returns the bytes removed. Entries still queued for it are dropped. */
    public synchronized long delete(String tenant) throws IOException {
        drain();
        ChainFile f = files.remove(tenant);
        if (f != null) {
            f.close();
        }
        Path dir = file(dataDir, tenant).getParent();
        return Trees.delete(dir);
    }

    /** Writes everything queued now. */
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

    /** Removes the lines older than {@code cutoff}; the first kept line keeps its prev (the anchor). */
    public synchronized void prune(String tenant, Instant cutoff) {
        drain();
        ChainFile f = files.get(tenant);
        if (f == null || f.oldest == null || !f.oldest.isBefore(cutoff)) {
            return;
        }
        Path path = file(dataDir, tenant);
        Path tmp = path.resolveSibling("access.jsonl.tmp");
        try {
            f.close();
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                if (!Instant.parse(JSON.readTree(line).path("time").asText()).isBefore(cutoff)) {
                    kept.add(line);
                }
            }
            Files.write(tmp, kept, StandardCharsets.UTF_8);
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            files.remove(tenant);
            open(tenant);
        } catch (IOException e) {
            LOG.error("access log of tenant {}: pruning failed", tenant, e);
        }
    }

    private void drain() {
        Map<String, StringBuilder> batches = new HashMap<>();
        Pending p;
        while ((p = queue.poll()) != null) {
            if (!active.test(p.tenant())) {
                continue;
            }
            ChainFile f = files.containsKey(p.tenant()) ? files.get(p.tenant()) : open(p.tenant());
            String line = f.chain.seal(p.entry());
            f.appended(p.entry().path("time").asText());
            batches.computeIfAbsent(p.tenant(), t -> new StringBuilder()).append(line).append('\n');
        }
        for (Map.Entry<String, StringBuilder> b : batches.entrySet()) {
            files.get(b.getKey()).write(b.getValue().toString());
        }
    }

    private ChainFile open(String tenant) {
        try {
            ChainFile f = new ChainFile(file(dataDir, tenant));
            files.put(tenant, f);
            return f;
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

    /** One tenant's open log file and the chain continuing it. */
    private static final class ChainFile {
        final HashChain chain;
        final FileChannel channel;
        long entries;
        Instant oldest;
        String anchor = HashChain.GENESIS;

        ChainFile(Path path) throws IOException {
            Files.createDirectories(path.getParent());
            String last = HashChain.GENESIS;
            if (Files.exists(path)) {
                try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.isEmpty()) {
                            continue;
                        }
                        JsonNode n = JSON.readTree(line);
                        if (entries == 0) {
                            oldest = Instant.parse(n.path("time").asText());
                            anchor = n.path("prev").asText();
                        }
                        last = n.path("hash").asText();
                        entries++;
                    }
                }
            }
            this.chain = new HashChain(last);
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }

        void appended(String time) {
            if (entries == 0) {
                oldest = Instant.parse(time);
            }
            entries++;
        }

        void write(String lines) {
            try {
                ByteBuffer buf = ByteBuffer.wrap(lines.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Stats stats() {
            return new Stats(entries, chain.last(), oldest, anchor);
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("access log: closing failed: {}", e.getMessage());
            }
        }
    }
}
