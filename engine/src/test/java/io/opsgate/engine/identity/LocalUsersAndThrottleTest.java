package io.opsgate.engine.identity;

import io.opsgate.engine.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalUsersAndThrottleTest {

    @Test
    void theUsersFileNamesPeopleWithTheirGroupsAndIsReadAgainWhenItChanges(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "# people of this machine\n\nalice:" + PasswordHasher.hash("alice's long password".toCharArray())
                + ":acme-ops, night-shift\n");
        LocalUsers users = new LocalUsers(file);
        Person alice = users.authenticate("alice", "alice's long password".toCharArray());
        assertThat(alice).isEqualTo(new Person("alice", List.of("acme-ops", "night-shift"), Person.LOCAL));
        assertThat(users.authenticate("alice", "wrong".toCharArray())).isNull();
        assertThat(users.authenticate("mallory", "alice's long password".toCharArray())).isNull();

        Files.writeString(file, "bob:" + PasswordHasher.hash("bob's long password!".toCharArray()) + "\n");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(users.authenticate("alice", "alice's long password".toCharArray())).isNull();
        assertThat(users.authenticate("bob", "bob's long password!".toCharArray()).groups()).isEmpty();

        // A broken file is refused whole: bob keeps working.
        Files.writeString(file, "bob:not-a-hash\n");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(users.authenticate("bob", "bob's long password!".toCharArray())).isNotNull();
    }

    @Test
    void aBadLineIsNamed() {
        assertThatThrownBy(() -> LocalUsers.parse(List.of("# ok", "alice"))).hasMessageContaining("line 2");
        assertThatThrownBy(() -> LocalUsers.parse(List.of("alice:$2y$10$bcrypt"))).hasMessageContaining("not an Argon2id");
        String h = PasswordHasher.hash("long enough password".toCharArray());
        assertThatThrownBy(() -> LocalUsers.parse(List.of("a:" + h, "a:" + h))).hasMessageContaining("named twice");
    }

    @Test
    void failuresBeyondTheFreeOnesLockTheKeyForLongerEachTime() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        LoginThrottle t = new LoginThrottle(clock, LoginThrottle.FREE_FAILURES);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(t.retryAfterSeconds("user:a", "ip:1")).isZero();
            t.failed("user:a", "ip:1");
        }
        assertThat(t.retryAfterSeconds("user:a", "ip:1")).isZero();
        t.failed("user:a", "ip:1");
        assertThat(t.retryAfterSeconds("user:a")).isEqualTo(1);
        assertThat(t.retryAfterSeconds("ip:1")).isEqualTo(1);
        assertThat(t.retryAfterSeconds("user:b", "ip:2")).isZero();
        t.failed("user:a", "ip:1");
        t.failed("user:a", "ip:1");
        assertThat(t.retryAfterSeconds("user:a")).isEqualTo(4);
        for (int i = 0; i < 30; i++) {
            t.failed("user:a");
        }
        assertThat(t.retryAfterSeconds("user:a")).isEqualTo(LoginThrottle.MAX_LOCK_SECONDS);
        clock.advance(Duration.ofSeconds(LoginThrottle.MAX_LOCK_SECONDS));
        assertThat(t.retryAfterSeconds("user:a")).isZero();
        t.succeeded("user:a");
        t.failed("user:a");
        assertThat(t.retryAfterSeconds("user:a")).isZero();
    }
}
