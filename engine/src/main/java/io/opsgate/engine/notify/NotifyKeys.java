package io.opsgate.engine.notify;

import io.opsgate.engine.store.Keys;

/**
 * The key layout of notification delivery under {@link Keys#NOTIFY}. Numbers are 20 digits so key order is
 * numeric order. In standalone both sides share one store; their prefixes never overlap.
 */
public final class NotifyKeys {
    // Notify's side.
    /** Highest outbox sequence accepted from an ingest store: {@code notify/accepted/<origin>}. */
    public static final String ACCEPTED = Keys.NOTIFY + "accepted/";
    /** A pending delivery of one notification to one channel: {@code notify/job/<id>}. */
    public static final String JOB = Keys.NOTIFY + "job/";
    /** A delivery that failed for good: {@code notify/dead/<job id>}. */
    public static final String DEAD = Keys.NOTIFY + "dead/";
    /** An attempt's result waiting for ingest to pull it: {@code notify/report/<id>}. */
    public static final String REPORT = Keys.NOTIFY + "report/";
    /** Next job and report ids: {@code notify/ids}. */
    public static final String IDS = Keys.NOTIFY + "ids";

    // Ingest's side.
    /** This ingest store's identity, so notify tells its sequences from another store's: {@code notify/origin}. */
    public static final String ORIGIN = Keys.NOTIFY + "origin";
    /** The last report pulled from notify: {@code notify/cursor}. */
    public static final String CURSOR = Keys.NOTIFY + "cursor";
    /** A ticket's delivery log: {@code notify/log/<ticket id>/<report id>}. */
    public static final String LOG = Keys.NOTIFY + "log/";
    /** The dead letters the tenant API lists: {@code notify/deadletter/<report id>}. */
    public static final String DEAD_LETTER = Keys.NOTIFY + "deadletter/";

    private NotifyKeys() {
    }

    public static String accepted(String origin) {
        return ACCEPTED + origin;
    }

    public static String job(long id) {
        return JOB + n(id);
    }

    public static String dead(long id) {
        return DEAD + n(id);
    }

    public static String report(long id) {
        return REPORT + n(id);
    }

    public static String log(long ticketId, long reportId) {
        return LOG + n(ticketId) + "/" + n(reportId);
    }

    public static String deadLetter(long reportId) {
        return DEAD_LETTER + n(reportId);
    }

    private static String n(long v) {
        return String.format("%020d", v);
    }
}
