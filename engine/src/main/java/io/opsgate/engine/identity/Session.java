package io.opsgate.engine.identity;

/**
 * A person's sign-in to one tenant, held server-side only. The browser holds the random id; the store keys
 * the record by that id's SHA-256, so a copy of the store's memory names no usable session.
 */
public final class Session {
    private final String tenant;
    private final Person person;
    private final String csrfToken;
    private final long createdAt;
    private final long idleMillis;
    private final long maxAgeMillis;
    private volatile long lastSeen;

    Session(String tenant, Person person, String csrfToken, long createdAt, long idleMillis, long maxAgeMillis) {
        this.tenant = tenant;
        this.person = person;
        this.csrfToken = csrfToken;
        this.createdAt = createdAt;
        this.idleMillis = idleMillis;
        this.maxAgeMillis = maxAgeMillis;
        this.lastSeen = createdAt;
    }

    public String tenant() {
        return tenant;
    }

    public Person person() {
        return person;
    }

    /** The per-session token every state-changing request must carry (header {@code X-CSRF-Token}). */
    public String csrfToken() {
        return csrfToken;
    }

    /** When the session ends if the person stays active: sign-in plus the maximum age. */
    public long absoluteExpiry() {
        return createdAt + maxAgeMillis;
    }

    /** When the session ends now: the earlier of the idle and the absolute expiry. */
    public long expiresAt() {
        return Math.min(lastSeen + idleMillis, absoluteExpiry());
    }

    /** The session's maximum age, the cookie's lifetime. */
    public long maxAgeMillis() {
        return maxAgeMillis;
    }

    public long idleMillis() {
        return idleMillis;
    }

    boolean expired(long now) {
        return now >= expiresAt();
    }

    void touch(long now) {
        lastSeen = now;
    }
}
