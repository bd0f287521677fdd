package io.opsgate.engine.tickets;

import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.domain.TicketState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ticket state machine and the timeline it writes. */
class TicketBookTest {
    private final TicketBook book = new TicketBook("demo");

    private Ticket open() {
        Alert a = new Alert();
        a.fingerprint = "0000000000000001";
        a.labels = Map.of("alertname", "Disk", "severity", "critical");
        a.count = 1;
        return book.open("rule:{alertname=\"Disk\"}", Map.of("alertname", "Disk"), "rule", "Disk", "P2", "incident", a, 1000, List.of());
    }

    @Test
    void goesOpenAcknowledgedResolvedClosed() {
        Ticket t = open();
        assertThat(t.state).isEqualTo(TicketState.open);
        assertThat(t.severity).isEqualTo("critical");
        book.acknowledge(t, "oncall", 2000);
        book.resolve(t, "oncall", 3000);
        book.close(t, "oncall", 4000);
        assertThat(t.state).isEqualTo(TicketState.closed);
        assertThat(t.timeline).extracting(e -> e.action() + "@" + e.at() + " by " + e.actor())
                .containsExactly("opened@1000 by opsgate", "acknowledged@2000 by oncall", "resolved@3000 by oncall",
                        "closed@4000 by oncall");
    }

    @Test
    void refusesIllegalTransitions() {
        Ticket t = open();
        assertThatThrownBy(() -> book.close(t, "x", 1)).isInstanceOf(TransitionRefused.class)
                .hasMessageContaining("open cannot become closed");
        book.resolve(t, "x", 2);
        assertThatThrownBy(() -> book.acknowledge(t, "x", 3)).isInstanceOf(TransitionRefused.class);
        assertThatThrownBy(() -> book.resolve(t, "x", 3)).isInstanceOf(TransitionRefused.class);
        book.close(t, "x", 4);
        assertThatThrownBy(() -> book.assign(t, "bob", "x", 5)).isInstanceOf(TransitionRefused.class);
        assertThat(t.state).isEqualTo(TicketState.closed);
    }

    @Test
    void onlyTheEngineReopens() {
        assertThat(TicketStateMachine.allowed(TicketState.resolved, TicketState.open)).isTrue();
        assertThatThrownBy(() -> TicketStateMachine.checkRequested(TicketState.resolved, TicketState.open))
                .isInstanceOf(TransitionRefused.class);
        Ticket t = open();
        book.resolveCleared(t, 5);
        book.reopen(t, 6);
        assertThat(t.state).isEqualTo(TicketState.open);
        assertThat(t.resolvedAt).isNull();
    }

    @Test
    void countsActiveTicketsThroughEveryMove() {
        Ticket t = open();
        assertThat(book.activeCount()).isEqualTo(1);
        book.acknowledge(t, "x", 1);
        assertThat(book.activeCount()).isEqualTo(1);
        book.resolve(t, "x", 2);
        assertThat(book.activeCount()).isZero();
        book.reopen(t, 3);
        assertThat(book.activeCount()).isEqualTo(1);
        book.delete(t);
        assertThat(book.activeCount()).isZero();
    }

    @Test
    void recordsAssigneeAndComments() {
        Ticket t = open();
        book.assign(t, "alice", "oncall", 10);
        book.comment(t, "looking", "oncall", 11);
        assertThat(t.assignee).isEqualTo("alice");
        assertThat(t.comments).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo("looking");
            assertThat(c.author()).isEqualTo("oncall");
        });
        assertThat(t.timeline).extracting(e -> e.action()).containsExactly("opened", "assigned", "commented");
    }
}
