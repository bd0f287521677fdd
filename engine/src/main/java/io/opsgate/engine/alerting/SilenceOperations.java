package io.opsgate.engine.alerting;

import io.opsgate.engine.domain.Rejected;
import io.opsgate.engine.domain.Silence;
import io.opsgate.engine.store.TenantState;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The silences API of a tenant, as Alertmanager's: create or update, expire, read. Reads return copies; a
 * change completes once it is durable. On the tenant's lane.
 */
public final class SilenceOperations {
    private final Silences silences;
    private final TenantState state;
    private final Clock clock;

    public SilenceOperations(Silences silences, TenantState state, Clock clock) {
        this.silences = silences;
        this.state = state;
        this.clock = clock;
    }

    /** Copies of all silences. */
    public List<Silence> all() {
        List<Silence> result = new ArrayList<>();
        for (Silence s : silences.all()) {
            result.add(TenantState.copy(s));
        }
        return result;
    }

    /** A copy of the silence, or null. */
    public Silence get(String id) {
        Silence s = silences.get(id);
        return s == null ? null : TenantState.copy(s);
    }

    /** The instant the states of silences are read at. */
    public long now() {
        return clock.millis();
    }

    /**
     * Creates or updates a silence, as Alertmanager: an update that changes matchers or the start of a
     * started silence expires the old one and creates a new one.
     *
     * @return the id of the silence now in effect
     * @throws Rejected 400 when it would end in the past, 404 for an unknown id
     */
    public CompletableFuture<String> post(SilenceRequest req) {
        long now = clock.millis();
        if (req.endsAt() <= now) {
            throw new Rejected(400, "endsAt is in the past", "endsAt");
        }
        TenantState.Changes changes = state.changes();
        Silence existing = req.id() == null || req.id().isEmpty() ? null : silences.get(req.id());
        if (req.id() != null && !req.id().isEmpty() && existing == null) {
            throw new Rejected(404, "silence " + req.id() + " not found", "id");
        }
        Silence target;
        if (existing != null && canUpdateInPlace(existing, req, now)) {
            target = existing;
        } else {
            if (existing != null && existing.stateAt(now) != Silence.State.expired) {
                expireAt(existing, now);
                changes.silence(existing);
            }
            target = new Silence();
            target.id = UUID.randomUUID().toString();
        }
        target.matchers = new ArrayList<>(req.matchers());
        if (target != existing || existing.stateAt(now) == Silence.State.pending) {
            // As Alertmanager: a silence cannot start in the past.
            target.startsAt = Math.max(req.startsAt(), now);
        }
        target.endsAt = req.endsAt();
        target.createdBy = req.createdBy();
        target.comment = req.comment();
        target.updatedAt = now;
        silences.put(target);
        changes.silence(target);
        return state.commit(changes).thenApply(v -> target.id);
    }

    private static boolean canUpdateInPlace(Silence s, SilenceRequest req, long now) {
        switch (s.stateAt(now)) {
            case expired:
                return false;
            case pending:
                return req.startsAt() >= now || req.startsAt() == s.startsAt;
            default:
                return s.matchers.equals(req.matchers()) && req.startsAt() == s.startsAt;
        }
    }

    /**
     * Expires a silence now (DELETE /api/v2/silence/{id}).
     *
     * @throws Rejected 404 for an unknown id, 400 when it is expired already
     */
    public CompletableFuture<Void> expire(String id) {
        long now = clock.millis();
        Silence s = silences.get(id);
        if (s == null) {
            throw new Rejected(404, "silence " + id + " not found", "id");
        }
        if (s.stateAt(now) == Silence.State.expired) {
            throw new Rejected(400, "silence " + id + " is already expired", "id");
        }
        expireAt(s, now);
        TenantState.Changes changes = state.changes();
        changes.silence(s);
        return state.commit(changes);
    }

    private static void expireAt(Silence s, long now) {
        if (s.startsAt > now) {
            s.startsAt = now;
        }
        s.endsAt = now;
        s.updatedAt = now;
    }
}
