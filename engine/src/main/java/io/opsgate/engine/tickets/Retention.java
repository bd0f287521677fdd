package io.opsgate.engine.tickets;

import io.opsgate.engine.alerting.Grouper;
import io.opsgate.engine.alerting.HeldAlerts;
import io.opsgate.engine.alerting.Silences;
import io.opsgate.engine.alerting.Suppression;
import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.domain.Silence;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.store.TenantState;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The tenant's {@code spec.retention}, applied once a minute: resolved alerts after {@code alerts} (never while
 * their ticket is active: the ticket side decides what may go), resolved and closed tickets after
 * {@code tickets}, expired silences after {@code alerts}. A ticket keeps the counts of its deleted alerts.
 * What was deleted is reported as an engine action for the access log. Owned by the tenant's lane.
 */
public final class Retention {
    static final long PERIOD_MILLIS = 60_000L;

    private final HeldAlerts alerts;
    private final Suppression suppression;
    private final Grouper grouper;
    private final TicketBook book;
    private long alertMillis = 7 * 86_400_000L;
    private long ticketMillis = 90 * 86_400_000L;
    private long nextRun;
    private volatile BiConsumer<String, String> actions = (action, detail) -> { };

    public Retention(HeldAlerts alerts, Suppression suppression, Grouper grouper, TicketBook book) {
        this.alerts = alerts;
        this.suppression = suppression;
        this.grouper = grouper;
        this.book = book;
    }

    /** Follows a new configuration's retention. */
    public void configure(long alertRetentionMillis, long ticketRetentionMillis) {
        this.alertMillis = alertRetentionMillis;
        this.ticketMillis = ticketRetentionMillis;
    }

    /** Receives what retention deleted, as (action, detail); called on the lane. */
    public void onDeleted(BiConsumer<String, String> listener) {
        this.actions = listener;
    }

    /** Deletes what is past retention, when a minute passed since the last run. */
    public void run(long now, TenantState.Changes changes) {
        if (now < nextRun) {
            return;
        }
        nextRun = now + PERIOD_MILLIS;
        Set<Long> touched = new HashSet<>();
        int alertsDeleted = 0;
        for (Alert a : alerts.resolvedLongerThan(alertMillis, now)) {
            Ticket t = a.ticketId == null ? null : book.get(a.ticketId);
            if (t != null && t.isActive()) {
                continue;
            }
            alerts.remove(a.fingerprint);
            suppression.unfile(a);
            grouper.remove(a.fingerprint);
            changes.alertDeleted(a.fingerprint);
            alertsDeleted++;
            if (t != null) {
                touched.add(t.id);
            }
        }
        List<Ticket> expired = new ArrayList<>();
        for (Ticket t : book.newestFirst()) {
            if (!t.isActive() && t.resolvedAt != null && t.resolvedAt + ticketMillis <= now) {
                expired.add(t);
            }
        }
        for (Ticket t : expired) {
            book.delete(t);
            touched.remove(t.id);
            changes.ticketDeleted(t.id);
        }
        for (Long id : touched) {
            // The ticket keeps the counts of alerts that are gone; write its snapshot of them.
            changes.ticket(book.get(id));
        }
        int silencesDeleted = 0;
        Silences silences = suppression.silences();
        for (Silence s : silences.all()) {
            if (s.endsAt + alertMillis <= now) {
                silences.remove(s.id);
                changes.silenceDeleted(s.id);
                silencesDeleted++;
            }
        }
        if (alertsDeleted + expired.size() + silencesDeleted > 0) {
            actions.accept("retention-delete", alertsDeleted + " resolved alerts, " + expired.size()
                    + " tickets and " + silencesDeleted + " expired silences deleted by spec.retention");
        }
    }
}
