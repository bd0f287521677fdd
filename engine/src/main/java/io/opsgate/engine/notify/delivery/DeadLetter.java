package io.opsgate.engine.notify.delivery;

/** A delivery notify gave up on: the job as it was, why, and when. Kept in notify's store. */
public final class DeadLetter {
    public DeliveryJob job;
    public String reason;
    public int statusCode;
    /** Epoch milliseconds. */
    public long at;
}
