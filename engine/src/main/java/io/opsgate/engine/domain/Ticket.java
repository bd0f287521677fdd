package io.opsgate.engine.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A ticket: one per rule and alert group, with its alerts, comments and timeline. Times are epoch milliseconds. */
public final class Ticket {
    public long id;
    public String tenant;
    public String title;
    public String severity = "";
    public String priority;
    public TicketState state = TicketState.open;
    public String assignee;
    /** The rule that opened it. */
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
