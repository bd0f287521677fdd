package io.opsgate.engine.tickets;

/**
 * A ticket a person opens by hand: a request or inquiry to the operations team, already checked (the API's
 * parser names a bad field).
 *
 * @param title       one line, 1 to 200 characters
 * @param description what is asked, up to 10 000 characters (may be empty)
 * @param category    incident, service_request, problem or change
 * @param priority    P1 to P5
 */
public record TicketRequest(String title, String description, String category, String priority) {
    /** The longest title. */
    public static final int MAX_TITLE = 200;
    /** The longest description. */
    public static final int MAX_DESCRIPTION = 10_000;
    /** The priority of a request that names none: ITIL's "normal" in a five-step scale. */
    public static final String DEFAULT_PRIORITY = "P3";
}
