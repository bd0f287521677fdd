package io.opsgate.engine.notify.callout;

/**
 * What a provider said to one request.
 *
 * @param kind             accepted, retry later, or rejected for good
 * @param id               the provider's id of the call or message (Twilio's sid); null unless accepted
 * @param status           the provider's status of it, e.g. queued; null unless accepted
 * @param httpStatus       the HTTP status; 0 when there was no answer (timeout, connection refused)
 * @param retryAfterMillis the wait the provider asked for, 0 when none
 * @param error            the provider's error code and message, cleaned of numbers and credentials; null when accepted
 */
public record ProviderAnswer(Kind kind, String id, String status, int httpStatus, long retryAfterMillis, String error) {

    /** The three ends of a request. */
    public enum Kind { ACCEPTED, RETRY, REJECTED }

    public static ProviderAnswer accepted(int httpStatus, String id, String status) {
        return new ProviderAnswer(Kind.ACCEPTED, id, status, httpStatus, 0, null);
    }

    public static ProviderAnswer retry(int httpStatus, long retryAfterMillis, String error) {
        return new ProviderAnswer(Kind.RETRY, null, null, httpStatus, retryAfterMillis, error);
    }

    public static ProviderAnswer rejected(int httpStatus, String error) {
        return new ProviderAnswer(Kind.REJECTED, null, null, httpStatus, 0, error);
    }
}
