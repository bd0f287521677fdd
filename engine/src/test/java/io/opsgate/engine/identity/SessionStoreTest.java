package io.opsgate.engine.identity;

import io.opsgate.engine.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionStoreTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    final SessionStore store = new SessionStore(clock);
    final Person alice = new Person("alice", List.of("ops"), Person.OIDC);

    @Test
    void anIdIs256RandomBitsAndOnlyItsHashIsKept() throws Exception {
        SessionStore.Created a = store.create("acme", alice, 60_000, 3_600_000);
        SessionStore.Created b = store.create("acme", alice, 60_000, 3_600_000);
        assertThat(a.id()).hasSize(43).isNotEqualTo(b.id());
        assertThat(a.session().csrfToken()).hasSize(43).isNotEqualTo(a.id()).isNotEqualTo(b.session().csrfToken());
        var field = SessionStore.class.getDeclaredField("sessions");
        field.setAccessible(true);
        java.util.Map<?, ?> held = (java.util.Map<?, ?>) field.get(store);
        assertThat(held.keySet()).hasSize(2).noneMatch(k -> k.equals(a.id()) || k.equals(b.id()));
        assertThat(store.find(a.id()).session()).isSameAs(a.session());
        assertThat(store.find(a.id() + "x").status()).isEqualTo(SessionStore.Status.UNKNOWN);
    }

    @Test
    void aSessionEndsAfterItsIdleTimeAndAtItsMaximumAgeHoweverActive() {
        SessionStore.Created s = store.create("acme", alice, 60_000, 300_000);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(59));
            assertThat(store.find(s.id()).status()).isEqualTo(SessionStore.Status.VALID);
        }
        clock.advance(Duration.ofSeconds(59));
        assertThat(store.find(s.id()).status()).as("past the maximum age of 5 minutes").isEqualTo(SessionStore.Status.EXPIRED);

        SessionStore.Created idle = store.create("acme", alice, 60_000, 300_000);
        clock.advance(Duration.ofSeconds(60));
        assertThat(store.find(idle.id()).status()).isEqualTo(SessionStore.Status.EXPIRED);
        assertThat(store.find(idle.id()).session().person()).isEqualTo(alice);
        clock.advance(Duration.ofDays(2));
        store.sweep();
        assertThat(store.find(idle.id()).status()).isEqualTo(SessionStore.Status.UNKNOWN);
    }

    @Test
    void signOutEndsTheSession() {
        SessionStore.Created s = store.create("acme", alice, 60_000, 300_000);
        assertThat(store.end(s.id())).isSameAs(s.session());
        assertThat(store.find(s.id()).status()).isEqualTo(SessionStore.Status.UNKNOWN);
    }
}
