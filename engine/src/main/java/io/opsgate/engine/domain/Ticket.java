package io.opsgate.engine.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ticket, an ITSM record: one per rule and alert group (opened by the engine), or one a person opened by hand (a
 * request or inquiry to the operations team), with its alerts, comments and timeline. Times are epoch milliseconds.
 */
public final class Ticket {
    /** {@link #source} of a ticket a rule opened. */
    public static final String SOURCE_RULE = "rule";
    /** {@link #source} of a ticket a person opened by hand. */
    public static final String SOURCE_PERSON = "person";

    public long id;
    public String tenant;
    public String title;
    public String severity = "";
    public String priority;
    public TicketState state = TicketState.open;
    public String assignee;
    /** The ITSM category (api TicketCategory's names); tickets stored before categories existed are incidents. */
    public String category = "incident";
    /** Who opened it: {@value #SOURCE_RULE} or {@value #SOURCE_PERSON}. */
    public String source = SOURCE_RULE;
    /** The person (or token) who opened a ticket by hand; null for a rule's ticket. */
    public String openedBy;
    /** What the person asked, for a ticket opened by hand; null for a rule's ticket. */
    public String description;
    /** The rule that opened it; null for a ticket opened by hand. */
    public String rule;
    /** The rule's groupBy values that identify the ticket's alert group. */
    public Map<String, String> groupLabels = new TreeMap<>();
    public String groupKey;
    public boolean flapping;
    public long openedAt;
    public long updatedAt;
    public Long resolvedAt;
    /** Whether the engine resolved it because its alerts cleared (then a re-fire may reopen it). */
    public boolean resolvedByClearing;
    public Map<String, TicketAlert> alerts = new LinkedHashMap<>();
    public List<TicketComment> comments = new ArrayList<>();
    public List<TicketEvent> timeline = new ArrayList<>();
    public List<Escalation> escalations = new ArrayList<>();

    /** Whether the ticket still needs someone: open or acknowledged. */
    public boolean isActive() {
        return state == TicketState.open || state == TicketState.acknowledged;
    }
}
