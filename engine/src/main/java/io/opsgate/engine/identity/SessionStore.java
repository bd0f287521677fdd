package io.opsgate.engine.identity;

import java.time.Clock;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server-side sessions of this process, in memory (docs/console.md, "Sessions": a restart signs people
 * out; no session secret ever reaches the disk). A session id is 256 random bits; only its SHA-256 is kept.
 * Expired sessions are found as such (so the refusal can say "expired") until {@link #sweep} removes them.
 */
public final class SessionStore {
    /** How many sessions one process keeps; beyond that the one closest to expiry is ended. */
    static final int MAX_SESSIONS = 20_000;
    /** An expired session is still recognised as such for this long, then forgotten. */
    static final long FORGET_AFTER_MILLIS = 24 * 3600_000L;

    /** What a presented session id refers to. */
    public enum Status { VALID, EXPIRED, UNKNOWN }

    /**
     * The result of a lookup.
     *
     * @param status  valid, expired or unknown (forged, ended, or forgotten)
     * @param session the session when valid or expired, else null
     */
    public record Lookup(Status status, Session session) {
    }

    /**
     * A new session and the id to give the browser (never stored).
     *
     * @param id      the session id for the cookie
     * @param session the record
     */
    public record Created(String id, Session session) {
    }

    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public SessionStore(Clock clock) {
        this.clock = clock;
    }

    /** Starts a session for {@code person} in {@code tenant}. */
    public Created create(String tenant, Person person, long idleMillis, long maxAgeMillis) {
        if (sessions.size() >= MAX_SESSIONS) {
            sweep();
            evictOne();
        }
        String id = Secrets.random(32);
        Session s = new Session(tenant, person, Secrets.random(32), clock.millis(), idleMillis, maxAgeMillis);
        sessions.put(key(id), s);
        return new Created(id, s);
    }

    /** Looks a session id up; a valid session's idle timer restarts. */
    public Lookup find(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return new Lookup(Status.UNKNOWN, null);
        }
        Session s = sessions.get(key(id));
        if (s == null) {
            return new Lookup(Status.UNKNOWN, null);
        }
        long now = clock.millis();
        if (s.expired(now)) {
            return new Lookup(Status.EXPIRED, s);
        }
        s.touch(now);
        return new Lookup(Status.VALID, s);
    }

    /** Ends a session (sign-out); returns it, or null when there was none. */
    public Session end(String id) {
        return id == null ? null : sessions.remove(key(id));
    }

    /** Ends every session of a tenant (the tenant was removed or purged). */
    public void endTenant(String tenant) {
        sessions.values().removeIf(s -> s.tenant().equals(tenant));
    }

    /** Forgets sessions that expired long ago. */
    public void sweep() {
        long now = clock.millis();
        sessions.values().removeIf(s -> s.expiresAt() + FORGET_AFTER_MILLIS <= now);
    }

    public int size() {
        return sessions.size();
    }

    private void evictOne() {
        Map.Entry<String, Session> first = null;
        for (Iterator<Map.Entry<String, Session>> it = sessions.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Session> e = it.next();
            if (first == null || e.getValue().expiresAt() < first.getValue().expiresAt()) {
                first = e;
            }
        }
        if (first != null) {
            sessions.remove(first.getKey());
        }
    }

    private static String key(String id) {
        return HexFormat.of().formatHex(Secrets.sha256(id));
    }
}
