package io.opsgate.engine.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A notification request in the durable outbox: what to tell which channels. Written in the same
 * batch as the alert or timer that caused it; the notify workload delivers it.
 */
public final class OutboxEntry {
    /** The type of the request that stops a ticket's call-outs. */
    public static final String CALLOUT_STOP = "callout-stop";

    /** Per-tenant sequence, strictly increasing. */
    public long seq;
    public String tenant;
    /**
     * notification (a group flush), escalation (a ticket level that came due) or callout-stop (the ticket left
     * the open state: its call-outs stop).
     */
    public String type;
    public String rule;
    public List<String> channels = new ArrayList<>();
    /** For escalations: the OnCallSchedules whose on-call person notify calls out. */
    public List<String> schedules = new ArrayList<>();
    /** For escalations: the ContactGroups whose call-out notify starts. */
    public List<String> contactGroups = new ArrayList<>();
    /** For a callout-stop: who acknowledged (or resolved) the ticket. */
    public String acknowledgedBy;
    /** Identifies the alert group: the rule and its groupBy values. */
    public String groupKey;
    public Map<String, String> groupLabels = new TreeMap<>();
    /** firing when any alert fires, else resolved. */
    public String status;
    public Long ticketId;
    public String priority;
    public String title;
    /** For escalations: the level, from 1. */
    public Integer level;
    /** Whether it repeats an unchanged notification after repeatInterval. */
    public boolean repeat;
    public List<OutboxAlert> alerts = new ArrayList<>();
    /** RFC 3339 UTC. */
    public String createdAt;
}
