package io.opsgate.engine.store;

import java.util.List;

/**
 * The key layout of a tenant store. Fixed-width numbers keep key order equal to numeric order, so
 * the notify workload reads the outbox in sequence with one prefix scan. Every value is sealed under the tenant's
 * data key except under {@link #CRYPTO}; keys stay readable except where they would carry tenant content: the rest
 * of a key under {@link #PSEUDONYMOUS} is stored as a keyed hash (docs/architecture.md, "The store").
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
    /**
     * The tenant's keys, wrapped by a KEK and stored as they are (not sealed: they hold no tenant content):
     * {@code crypto/keyring} ({@link TenantKeys}); a store of the previous version has {@code crypto/datakey}.
     */
    public static final String CRYPTO = "crypto/";
    /** The credential vault: {@code vault/<name>} (security.vault). */
    public static final String VAULT = "vault/";
    /** Sequences: {@code meta/sequences}. */
    public static final String META_SEQUENCES = "meta/sequences";
    /**
     * OpsJob bookkeeping (io.opsgate.engine.jobs): {@code jobs/guard/<opsjob>} recent automatic run times,
     * {@code jobs/run/<run>} runs the engine requested or ran, {@code jobs/alerted/<run>} failed runs alerted.
     */
    public static final String JOBS = "jobs/";
    /** The people who signed in to the tenant's console: {@code people/directory} (identity.People). */
    public static final String PEOPLE = "people/";
    /** The operator's security notices the tenant received: {@code notice/<20 digits>} (security.NoticeRecords). */
    public static final String NOTICE = "notice/";
    /** A rule's match counts, kept while its spec is unchanged: {@code rulehits/<rule>}. */
    public static final String RULE_HITS = "rulehits/";
    /**
     * Prefixes whose keys name tenant content (a group key holds the group's label values, a credential's or a
     * rule's name is the tenant's choice): stored as the prefix and a keyed hash of the rest, so neither the store's
     * files nor its logs show them. Only whole keys are looked up under them, and their values carry the name again.
     */
    public static final List<String> PSEUDONYMOUS = List.of(GROUP, VAULT, RULE_HITS);

    private Keys() {
    }

    /** Whether a key's value is stored as it is rather than sealed. */
    public static boolean isClear(String key) {
        return key.startsWith(CRYPTO);
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
