package io.opsgate.engine.notify.callout;

import io.opsgate.engine.notify.DeliveryReport;

/**
 * One entry of a call-out's record: a call, an SMS, a retry, a skipped person, the fallback. Person ids
 * only, never numbers. {@link #toDeliveryReport()} turns it into an entry of the ticket's delivery log.
 */
public final class CallAttempt {
    /** The {@code type} of a delivery-log entry made from a call attempt. */
    public static final String DELIVERY_TYPE = "callout";

    public String tenant;
    public long ticketId;
    /** The escalation level that started the call-out; null when started otherwise. */
    public Integer level;
    /** The call-out session (one per target and ticket). */
    public String session;
    /** contactgroup/NAME or oncallschedule/NAME: whom the call-out is for. */
    public String target;
    /** The CallOut channel that placed it. */
    public String channel;
    /** The person contacted; null for entries about the whole call-out (fallback, suspended). */
    public String person;
    /** voice or sms; null when nobody was contacted. */
    public String method;
    /** 1 for the first round. */
    public int round;
    /** 1 for the first member. */
    public int position;
    /** Counts the entries of a session from 1. */
    public int sequence;
    /** Epoch milliseconds. */
    public long at;
    public CallResult result;
    /** The provider's id of the call or SMS, when it has one. */
    public String providerId;
    /** The provider's HTTP status; 0 when there was none. */
    public int httpStatus;
    /** What happened, for people: never a phone number or a credential. */
    public String detail;
    /** For a provider retry: when the request is sent again (epoch milliseconds). */
    public Long nextAttemptAt;
    /** The ticket's title, for the delivery log. */
    public String title;

    /**
     * The ticket's delivery-log entry for this attempt: type {@code callout}, channel
     * {@code <channel>/<person>} (the person is where it was delivered), result the call result's code.
     */
    public DeliveryReport toDeliveryReport() {
        DeliveryReport r = new DeliveryReport();
        r.ticketId = ticketId;
        r.channel = person == null ? channel : channel + "/" + person;
        r.type = DELIVERY_TYPE;
        r.person = person;
        r.level = level;
        r.status = "firing";
        r.title = title;
        r.attempt = sequence;
        r.at = at;
        r.result = result.code();
        r.statusCode = httpStatus;
        r.error = detail;
        r.nextAttemptAt = nextAttemptAt;
        return r;
    }

    @Override
    public String toString() {
        return "CallAttempt[" + session + " #" + sequence + " " + person + " " + method + " " + result.code()
                + (detail == null ? "" : ": " + detail) + "]";
    }
}
