package io.opsgate.engine.domain;

import java.util.ArrayList;
import java.util.List;

/** A silence created through the API. Times are epoch milliseconds. */
public final class Silence {
    public String id;
    public List<SilenceMatcher> matchers = new ArrayList<>();
    public long startsAt;
    public long endsAt;
    public long updatedAt;
    public String createdBy = "";
    public String comment = "";

    /** Alertmanager's silence states. */
    public enum State {
        active, pending, expired
    }

    /** The state at {@code now}. */
    public State stateAt(long now) {
        if (endsAt <= now) {
            return State.expired;
        }
        return startsAt > now ? State.pending : State.active;
    }
}
