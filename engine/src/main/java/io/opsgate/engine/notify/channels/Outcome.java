package io.opsgate.engine.notify.channels;

/**
 * What one delivery attempt came to.
 *
 * @param kind             delivered, retry later, or permanent failure
 * @param statusCode       the HTTP status or SMTP reply code; 0 when there was none (connection error, timeout)
 * @param retryAfterMillis the wait the receiver asked for (Retry-After), 0 when it asked none
 * @param error            what went wrong, never holding a credential; null when delivered
 */
public record Outcome(Kind kind, int statusCode, long retryAfterMillis, String error) {

    /** The three ends of an attempt. */
    public enum Kind { DELIVERED, RETRY, PERMANENT }

    public static Outcome delivered(int statusCode) {
        return new Outcome(Kind.DELIVERED, statusCode, 0, null);
    }

    public static Outcome retry(int statusCode, long retryAfterMillis, String error) {
        return new Outcome(Kind.RETRY, statusCode, retryAfterMillis, error);
    }

    public static Outcome permanent(int statusCode, String error) {
        return new Outcome(Kind.PERMANENT, statusCode, 0, error);
    }
}
