package io.opsgate.engine.notify;

/**
 * The result of one delivery attempt, kept by notify until ingest pulled it into the ticket's delivery
 * log (and, for a dead letter, a note on the ticket and the dead-letter list).
 */
public final class DeliveryReport {
    public static final String DELIVERED = "delivered";
    public static final String RETRY = "retry";
    public static final String DEAD = "dead-lettered";

    public long id;
    public long jobId;
    public long seq;
    public Long ticketId;
    public String channel;
    /** For a call-out entry: the person contacted (an id, never a number); null otherwise. */
    public String person;
    /** notification, escalation, notice or callout. */
    public String type;
    public Integer level;
    /** firing or resolved: what the notification told. */
    public String status;
    public String title;
    /** 1 for the first attempt. */
    public int attempt;
    /** Epoch milliseconds of the result. */
    public long at;
    /** delivered, retry or dead-lettered. */
    public String result;
    /** HTTP status or SMTP reply code; 0 when there was none. */
    public int statusCode;
    public String error;
    /** For a retry: when the next attempt is due. */
    public Long nextAttemptAt;
}
