package io.opsgate.engine.calendar;

import io.opsgate.engine.store.Keys;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.store.WriteSet;
import io.opsgate.engine.tenant.TenantComponent;
import io.opsgate.engine.tenant.TenantRuntime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-person iCalendar feeds of every tenant (docs/oncall.md): calendar applications cannot send a bearer
 * token, so a feed's URL carries its own token, 32 random bytes, shown once when the feed is issued; only its
 * SHA-256 is stored ({@code oncall/feed/<id>}). A feed shows one person's shifts and nothing else, and is
 * revoked by deleting it. A tenant component: each tenant's feeds are loaded from its store when it starts.
 */
public final class CalendarFeeds implements TenantComponent {
    static final String PREFIX = Keys.ONCALL + "feed/";
    /** At most this many feeds per tenant, so the API cannot fill the store. */
    public static final int MAX_FEEDS = 1000;

    /** A feed just issued, with its token (the only time it is known). */
    public record Issued(CalendarFeed feed, String token) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();

    public CalendarFeeds(Clock clock) {
        this.clock = clock;
    }

    /** One tenant's feeds. */
    private static final class Tenant {
        final TenantStore store;
        final Map<String, CalendarFeed> byId = new ConcurrentHashMap<>();
        final Map<String, CalendarFeed> byHash = new ConcurrentHashMap<>();

        Tenant(TenantStore store) {
            this.store = store;
        }

        void add(CalendarFeed f) {
            byId.put(f.id, f);
            byHash.put(f.tokenHash, f);
        }
    }

    @Override
    public Part start(TenantRuntime tenant) {
        Tenant t = new Tenant(tenant.store());
        tenant.store().scan(PREFIX, (k, v) -> t.add(RecordCodec.decode(v, CalendarFeed.class)));
        tenants.put(tenant.name(), t);
        return why -> tenants.remove(tenant.name(), t);
    }

    /** Issues a feed of {@code person}; completes once it is durable. */
    public CompletableFuture<Issued> issue(String tenant, String person, String by) {
        Tenant t = tenants.get(tenant);
        if (t == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("tenant " + tenant + " does not run"));
        }
        synchronized (t) {
            if (t.byId.size() >= MAX_FEEDS) {
                return CompletableFuture.failedFuture(new TooManyFeeds());
            }
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            byte[] id = new byte[8];
            random.nextBytes(id);
            CalendarFeed f = new CalendarFeed();
            f.id = HexFormat.of().formatHex(id);
            f.tenant = tenant;
            f.person = person;
            f.tokenHash = hash(token);
            f.createdAt = clock.millis();
            f.createdBy = by;
            WriteSet w = new WriteSet();
            w.put(PREFIX + f.id, RecordCodec.encode(f));
            return t.store.commit(w).thenApply(v -> {
                t.add(f);
                return new Issued(f, token);
            });
        }
    }

    /** The tenant's feeds (without tokens), oldest first. */
    public List<CalendarFeed> list(String tenant) {
        Tenant t = tenants.get(tenant);
        List<CalendarFeed> feeds = t == null ? new ArrayList<>() : new ArrayList<>(t.byId.values());
        feeds.sort(java.util.Comparator.comparingLong((CalendarFeed f) -> f.createdAt).thenComparing(f -> f.id));
        return feeds;
    }

    /** Revokes a feed: its URL answers 404 from now on. Completes with false when there is no such feed. */
    public CompletableFuture<Boolean> revoke(String tenant, String id) {
        Tenant t = tenants.get(tenant);
        CalendarFeed f = t == null || id == null ? null : t.byId.get(id);
        if (f == null) {
            return CompletableFuture.completedFuture(false);
        }
        // Refused at once, before the deletion is durable: a revoked URL must not keep working meanwhile.
        t.byHash.remove(f.tokenHash);
        t.byId.remove(f.id);
        WriteSet w = new WriteSet();
        w.delete(PREFIX + f.id);
        return t.store.commit(w).thenApply(v -> true);
    }

    /** The feed a URL's token opens in the tenant, if any. */
    public Optional<CalendarFeed> find(String tenant, String token) {
        Tenant t = tenants.get(tenant);
        if (t == null || token == null || token.isEmpty() || token.length() > 128) {
            return Optional.empty();
        }
        // A map lookup by the token's hash: the hash, not the token, decides, so timing reveals nothing useful.
        return Optional.ofNullable(t.byHash.get(hash(token)));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tenant has {@link #MAX_FEEDS} feeds already. */
    public static final class TooManyFeeds extends RuntimeException {
        public TooManyFeeds() {
            super("a tenant has at most " + MAX_FEEDS + " calendar feeds; revoke one first", null, false, false);
        }
    }
}
