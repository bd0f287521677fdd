package io.opsgate.engine.domain;

import java.util.ArrayList;
import java.util.List;

/** One scheduled escalation level of a ticket. */
public final class Escalation {
    public int level;
    /** Epoch milliseconds at which the level is due unless the ticket was acknowledged. */
    public long dueAt;
    public List<String> channels = new ArrayList<>();
    /** OnCallSchedules whose on-call person the level calls out. */
    public List<String> schedules = new ArrayList<>();
    /** ContactGroups whose call-out the level starts. */
    public List<String> contactGroups = new ArrayList<>();
    /** Whether its notification request was written. */
    public boolean sent;

    /** Whether the level calls people (a schedule or a contact group). */
    public boolean callsPeople() {
        return schedules != null && !schedules.isEmpty() || contactGroups != null && !contactGroups.isEmpty();
    }

    /** Whom the level reaches, for the ticket's timeline: channels, schedules and groups by kind. */
    public String targets() {
        List<String> all = new ArrayList<>(channels);
        schedules.forEach(s -> all.add("oncallschedule/" + s));
        contactGroups.forEach(g -> all.add("contactgroup/" + g));
        return String.join(", ", all);
    }
}
