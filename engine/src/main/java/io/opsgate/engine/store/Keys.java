package io.opsgate.engine.store;

/**
 * The key layout of a tenant store. Fixed-width numbers keep key order equal to numeric order, so
 * the notify workload reads the outbox in sequence with one prefix scan.
 */
public final class Keys {
    /** Alerts by fingerprint: {@code alert/<16 hex digits>}. */
    public static final String ALERT = "alert/";
    /** Tickets by id: {@code ticket/<20 digits>}. */
    public static final String TICKET = "ticket/";
    /** API silences by id: {@code silence/<uuid>}. */
    public static final String SILENCE = "silence/";
    /** Notification requests: {@code outbox/<20 digits>}; deleted by ingest once notify stored them. */
    public static final String OUTBOX = "outbox/";
    /** Notification state of alert groups: {@code group/<group key>}. */
    public static final String GROUP = "group/";
    /**
     * Notification delivery: {@code notify/...}. Notify keeps its queue, dead letters and reports there,
     * ingest its handoff origin, report cursor, delivery logs and dead-letter list (see NotifyKeys).
     */
    public static final String NOTIFY = "notify/";
    /** The tenant's data key, wrapped by a KEK: {@code crypto/datakey} (security.crypto). */
    public static final String CRYPTO = "crypto/";
    /** The credential vault, values encrypted with the data key: {@code vault/<name>} (security.crypto). */
    public static final String VAULT = "vault/";
    /** Sequences: {@code meta/sequences}. */
    public static final String META_SEQUENCES = "meta/sequences";
    /**
     * OpsJob bookkeeping (io.opsgate.engine.jobs): {@code jobs/guard/<opsjob>} recent automatic run times,
     * {@code jobs/run/<run>} runs the engine requested or ran, {@code jobs/alerted/<run>} failed runs alerted.
     */
    public static final String JOBS = "jobs/";
    /** A rule's match counts, kept while its spec is unchanged: {@code rulehits/<rule>}. */
    public static final String RULE_HITS = "rulehits/";

    private Keys() {
    }

    public static String alert(String fingerprint) {
        return ALERT + fingerprint;
    }

    public static String ticket(long id) {
        return TICKET + String.format("%020d", id);
    }

    public static String silence(String id) {
        return SILENCE + id;
    }

    public static String outbox(long seq) {
        return OUTBOX + String.format("%020d", seq);
    }

    public static String group(String key) {
        return GROUP + key;
    }

    public static String ruleHits(String rule) {
        return RULE_HITS + rule;
    }
}
