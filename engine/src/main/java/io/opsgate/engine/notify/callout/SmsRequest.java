package io.opsgate.engine.notify.callout;

/**
 * One SMS to send.
 *
 * @param to   the person's number, E.164
 * @param from the sender number, E.164
 * @param body the text
 */
public record SmsRequest(String to, String from, String body) {
    @Override
    public String toString() {
        return "SmsRequest[" + body.length() + " characters]";
    }
}
