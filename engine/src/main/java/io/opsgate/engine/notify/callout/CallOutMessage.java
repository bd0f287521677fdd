package io.opsgate.engine.notify.callout;

/**
 * What a call-out tells: the ticket it is about. No personal data.
 *
 * @param ticketId the ticket's number
 * @param title    the ticket's title (the alert's summary)
 * @param priority P1 to P5
 * @param severity the alert's severity, e.g. critical; may be null
 */
public record CallOutMessage(long ticketId, String title, String priority, String severity) {
}
