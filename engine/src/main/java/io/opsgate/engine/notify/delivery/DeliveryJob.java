package io.opsgate.engine.notify.delivery;

import io.opsgate.engine.domain.OutboxEntry;

/**
 * One notification to one channel, stored until it is delivered or dead-lettered. Its attempt count is
 * stored with every result, so a restart neither forgets the attempts made nor gives up early.
 */
public final class DeliveryJob {
    public long id;
    /** The ingest store the notification came from, and its sequence there. */
    public String origin;
    public long seq;
    public String channel;
    /** Jobs with the same channel and order key are delivered one after the other, in id order. */
    public String orderKey;
    public String idempotencyKey;
    /** Attempts made so far. */
    public int attempts;
    /** Epoch milliseconds before which no attempt is made. */
    public long notBefore;
    public long acceptedAt;
    public OutboxEntry notification;
}
