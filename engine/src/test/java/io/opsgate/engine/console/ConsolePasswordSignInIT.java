package io.opsgate.engine.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.identity.PasswordHasher;
import io.opsgate.engine.support.ConsoleClient;
import io.opsgate.engine.support.ConsoleWorld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A standalone engine without an identity provider: people sign in with the local users file (Argon2id). */
class ConsolePasswordSignInIT {
    @TempDir
    static Path root;
    static ConsoleWorld world;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        Path users = root.resolve("users");
        Files.writeString(users, "alice:" + PasswordHasher.hash("alice's long password".toCharArray()) + "\n"
                + "olga:" + PasswordHasher.hash("olga's long password".toCharArray()) + ":acme-ops\n"
                + "mallory:" + PasswordHasher.hash("mallory's password!".toCharArray()) + ":other\n"
                + "lucy:" + PasswordHasher.hash("lucy's long password".toCharArray()) + ":acme-ops\n");
        world = new ConsoleWorld(root, Duration.ofMinutes(30), users);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    /** Opens the sign-in page (which sets the sign-in cookie) and returns the form's token. */
    static String formToken(ConsoleClient c) {
        ConsoleClient.Response page = c.get("/console/acme/login");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"password\"", "type=\"password\"").doesNotContain("id=\"sso\"");
        Matcher m = Pattern.compile("name=\"signin\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static ConsoleClient.Response submit(ConsoleClient c, String token, String user, String password, String origin) {
        String form = "signin=" + enc(token) + "&username=" + enc(user) + "&password=" + enc(password);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(world.base + "/console/acme/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", String.join("; ", c.cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()))
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            b.header("Origin", origin);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : r.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (set.contains("Max-Age=0")) {
                    c.cookies.remove(pair.substring(0, eq));
                } else {
                    c.cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            return new ConsoleClient.Response(r.statusCode(), r.body(), r.headers());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<JsonNode> log() {
        return world.engine.security().accessLog().read("acme", null, 100_000);
    }

    @Test
    void theRightPasswordSignsInWithTheRolesOfTheUsersGroups() {
        ConsoleClient c = new ConsoleClient(world.base);
        ConsoleClient.Response r = submit(c, formToken(c), "olga", "olga's long password", world.base);
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        assertThat(c.cookies).containsKey("opsgate_session").doesNotContainKey("opsgate_signin");
        JsonNode me = c.get("/console/acme/session").json();
        assertThat(me.path("principal").asText()).isEqualTo("olga");
        assertThat(me.path("authMethod").asText()).isEqualTo("local");
        assertThat(me.path("roles").toString()).isEqualTo("[\"operator\"]");
        assertThat(log()).anySatisfy(e -> {
            assertThat(e.path("principal").asText()).isEqualTo("olga");
            assertThat(e.path("authMethod").asText()).isEqualTo("local");
            assertThat(e.path("action").asText()).isEqualTo("sign-in");
        });
    }

    @Test
    void aWrongPasswordAnUnknownUserAndAUserInNoRoleAreRefused() {
        ConsoleClient c = new ConsoleClient(world.base);
        ConsoleClient.Response wrong = submit(c, formToken(c), "alice", "not alice's password", world.base);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("data-reason=\"BadCredentials\"", "user name or the password is not right");
        ConsoleClient.Response unknown = submit(c, formToken(c), "nobody-here", "whatever password", world.base);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).contains("data-reason=\"BadCredentials\"");
        ConsoleClient.Response noRole = submit(c, formToken(c), "mallory", "mallory's password!", world.base);
        assertThat(noRole.status()).isEqualTo(403);
        assertThat(noRole.body()).contains("data-reason=\"NoRole\"");
        assertThat(c.cookies).doesNotContainKey("opsgate_session");
        assertThat(log()).anySatisfy(e -> {
            assertThat(e.path("principal").asText()).isEqualTo("alice");
            assertThat(e.path("action").asText()).isEqualTo("sign-in-refused");
            assertThat(e.path("detail").asText()).startsWith("BadCredentials");
        });
    }

    @Test
    void aFormWithoutTheSignInTokenOrFromAnotherOriginIsRefused() {
        ConsoleClient c = new ConsoleClient(world.base);
        String token = formToken(c);
        ConsoleClient.Response forged = submit(c, "not-the-token", "alice", "alice's long password", world.base);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.body()).contains("data-reason=\"SignInTokenMismatch\"");
        ConsoleClient.Response foreign = submit(c, token, "alice", "alice's long password", "https://evil.example");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body()).contains("data-reason=\"OriginMismatch\"");
        assertThat(c.cookies).doesNotContainKey("opsgate_session");
    }

    @Test
    void repeatedFailuresLockTheUserOutEvenWithTheRightPassword() {
        ConsoleClient c = new ConsoleClient(world.base);
        String token = formToken(c);
        // Five failures are free; the sixth locks the name for a second, and each further one for twice as long.
        for (int i = 0; i < 8; i++) {
            assertThat(submit(c, token, "lucy", "guess " + i, world.base).status()).isIn(401, 429);
        }
        ConsoleClient.Response locked = submit(c, token, "lucy", "lucy's long password", world.base);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(locked.body()).contains("data-reason=\"TooManyAttempts\"");
        assertThat(c.cookies).doesNotContainKey("opsgate_session");
    }
}
