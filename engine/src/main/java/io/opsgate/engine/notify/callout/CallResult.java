package io.opsgate.engine.notify.callout;

/** How one step of a call-out ended; the code is what the ticket's delivery log shows. */
public enum CallResult {
    /** The person pressed 1: the ticket is theirs and the call-out stops. */
    ACKNOWLEDGED("acknowledged"),
    /** The person answered but did not press 1. */
    ANSWERED_WITHOUT_ACK("answered-no-ack"),
    NO_ANSWER("no-answer"),
    BUSY("busy"),
    /** The provider could not connect the call (invalid number, network). */
    FAILED("failed"),
    /** The call was cancelled before it was answered (opsgate hung up after the timeout). */
    CANCELED("canceled"),
    /** Nobody acknowledged within the attempt timeout. */
    TIMED_OUT("timed-out"),
    /** An SMS was accepted by the provider (instead of or besides a call). */
    SMS_SENT("sms-sent"),
    /** The provider answered 429, 5xx or not at all; the request is tried again after a backoff. */
    PROVIDER_RETRY("provider-retry"),
    /** The provider refused the request, or kept failing until the retries were used up. */
    PROVIDER_ERROR("provider-error"),
    /** The person's rate limit is reached; the next person is contacted. */
    RATE_LIMITED("rate-limited"),
    /** The person is in quiet hours and asked not to be contacted then. */
    QUIET_HOURS_SKIPPED("quiet-hours-skipped"),
    /** The person has no usable entry in the contacts Secret (missing, invalid, no number). */
    NO_CONTACT("no-contact"),
    /** A schedule member had nobody on call. */
    NOBODY_ON_CALL("nobody-on-call"),
    /** An OperationsSuspension stops call-outs for this alert: nobody is called. */
    SUSPENDED("suspended"),
    /** Every round passed without an acknowledgement; the fallback takes over. */
    FALLBACK("fallback"),
    /** Every round passed without an acknowledgement, and there is no fallback. */
    EXHAUSTED("exhausted"),
    /** The ticket was acknowledged elsewhere (console, API, another call); the call-out stopped. */
    STOPPED("stopped");

    private final String code;

    CallResult(String code) {
        this.code = code;
    }

    /** The result as stored and shown, e.g. no-answer. */
    public String code() {
        return code;
    }
}
