package io.opsgate.engine.support;

import com.nimbusds.jose.JOSEObjectType;
import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.app.Options;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A standalone engine whose console signs people in at a real OpenID provider in process
 * (mock-oauth2-server, issuer {@value #ISSUER_ID}): tenants acme (owner alice, operators the group
 * acme-ops, viewer vera; nobody is in no role; OpsJobs {@link #JOBS}, run locally), globex (owner bob) and walled
 * (whose API allow list excludes the loopback address), each with an ingest and an admin
 * token and a rule that opens tickets. The engine's --oidc-* options name the provider; the redirect URL
 * is the listener's own.
 */
public final class ConsoleWorld implements AutoCloseable {
    public static final String ISSUER_ID = "corp";
    public static final String CLIENT_ID = "opsgate-console";

    /**
     * Acme's OpsJobs: restart-web may be started by hand (it echoes who and why), wipe-cache may not (it runs on a
     * yearly schedule only).
     */
    static final String JOBS = """
            apiVersion: opsgate.io/v1alpha1
            kind: OpsJob
            metadata: {name: restart-web, namespace: opsgate-acme}
            spec:
              manual: true
              guardrails: {cooldown: 1m, maxRunsPerHour: 30}
              container: {image: registry.example/ops/runner:1}
              local: {command: [sh, -c, 'echo "web restarted for $OPSGATE_REQUESTED_BY: $OPSGATE_RUN_NOTE"']}
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: OpsJob
            metadata: {name: wipe-cache, namespace: opsgate-acme}
            spec:
              schedule: {cron: '0 0 1 1 *'}
              container: {image: registry.example/ops/runner:1}
              local: {command: ['true']}
            """;

    public final MockOAuth2Server idp = new MockOAuth2Server();
    public final EngineServer engine;
    public final String base;
    public final Path root;

    public ConsoleWorld(Path root, Duration idle) throws Exception {
        this(root, idle, null);
    }

    /**
     * With {@code usersFile} set, the engine has no provider and signs people in with the local users file
     * instead (standalone without an identity provider).
     */
    public ConsoleWorld(Path root, Duration idle, Path usersFile) throws Exception {
        this.root = root;
        idp.start();
        Path config = root.resolve("config");
        Path secrets = root.resolve("secrets");
        Files.createDirectories(config);
        Files.writeString(config.resolve("tenants.yaml"), tenant("acme", """
                  owners: [{kind: User, name: alice}]
                  operators: [{kind: Group, name: acme-ops}]
                  viewers: [{kind: User, name: vera}]
                """) + "---\n" + JOBS + "---\n" + tenant("globex", """
                  owners: [{kind: User, name: bob}]
                """) + "---\n" + tenant("walled", """
                  owners: [{kind: User, name: alice}]
                  access: {apiAllowedCidrs: [10.0.0.0/8]}
                """));
        for (String t : List.of("acme", "globex")) {
            token(secrets, t, "ingest");
            token(secrets, t, "admin");
        }
        List<String> args = new java.util.ArrayList<>(List.of("standalone", "--config-dir=" + config, "--secrets-dir=" + secrets,
                "--data=" + root.resolve("data"), "--listen=127.0.0.1:0", "--tick=50", "--config-poll=200", "--smtp-listen=off",
                "--console-session-idle=" + idle.toSeconds() + "s", "--allow-local-jobs"));
        if (usersFile == null) {
            args.add("--oidc-issuer=" + idp.issuerUrl(ISSUER_ID));
            args.add("--oidc-client-id=" + CLIENT_ID);
        } else {
            args.add("--console-users-file=" + usersFile);
        }
        Options options = Options.parse(args.toArray(String[]::new));
        engine = new EngineServer(options, Clock.systemUTC()).start();
        base = "http://127.0.0.1:" + engine.port();
    }

    /** The token of {@code tenant}'s {@code name} (ingest or admin). */
    public static String token(String tenant, String name) {
        return tenant + "-" + name + "-token-000000000000000000000000";
    }

    /** The provider's next sign-in is {@code user} with {@code groups}. */
    public void nextSignIn(String user, List<String> groups) {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, user, JOSEObjectType.JWT.getType(), List.of(CLIENT_ID),
                Map.of("preferred_username", user, "groups", groups, "name", user), 3600));
    }

    private static void token(Path secrets, String tenant, String name) throws IOException {
        Path file = secrets.resolve("opsgate-" + tenant).resolve("opsgate-token-" + name).resolve("token");
        Files.createDirectories(file.getParent());
        Files.writeString(file, token(tenant, name) + "\n");
    }

    private static String tenant(String name, String people) {
        return """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: %1$s}
                spec:
                  egress: [{cidr: 127.0.0.1/32, ports: [9]}]   # the channel's receiver: loopback opens only when named
                %2$s  apiTokens:
                    - {name: ingest, scopes: [Ingest]}
                    - {name: admin, scopes: [Ingest, Read, Admin]}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: NotificationChannel
                metadata: {name: ops, namespace: opsgate-%1$s}
                spec:
                  type: Webhook
                  webhook: {url: "http://127.0.0.1:9/hook"}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: page, namespace: opsgate-%1$s}
                spec:
                  order: 100
                  matchers: ['severity=~"critical|warning"']
                  actions:
                    ticket: {priority: P2, resolveWhenCleared: true}
                    notify: {channels: [ops], groupBy: [alertname, instance]}
                """.formatted(name, people);
    }

    @Override
    public void close() {
        engine.close();
        idp.shutdown();
    }
}
