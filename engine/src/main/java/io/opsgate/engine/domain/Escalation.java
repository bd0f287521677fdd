package io.opsgate.engine.domain;

import java.util.ArrayList;
import java.util.List;

/** One scheduled escalation level of a ticket. */
public final class Escalation {
    public int level;
    /** Epoch milliseconds at which the level is due unless the ticket was acknowledged. */
    public long dueAt;
    public List<String> channels = new ArrayList<>();
    /** Whether its notification request was written. */
    public boolean sent;
}
