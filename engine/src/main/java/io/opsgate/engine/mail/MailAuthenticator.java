package io.opsgate.engine.mail;

import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.sources.MailSource;
import io.opsgate.engine.tenant.TenantRegistry;
import io.opsgate.engine.tenant.TenantRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.LoginAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.auth.MultipleAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.PlainAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.UsernamePasswordValidator;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SMTP AUTH (PLAIN, LOGIN) against the credentials of the mail AlertSources: the Secret an AlertSource names
 * in authSecretRef holds {@code username} and {@code password}. The files are read at each AUTH, so a
 * rotated Secret counts at once. What an AUTH proves is the set of (tenant, Secret) it matched; a recipient
 * whose source asks for a Secret takes mail only from a session that proved that one. Before STARTTLS no
 * mechanism is offered (EHLO lists no AUTH, and AUTH is answered 504), so a client never sends a password in
 * the clear, unless the intake runs with {@code --smtp-insecure-auth=true} (tests).
 */
final class MailAuthenticator implements AuthenticationHandlerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(MailAuthenticator.class);
    private static final List<String> MECHANISMS = List.of("PLAIN", "LOGIN");
    /** The session a thread serves: subethasmtp runs each session on one thread, start to end. */
    private static final ThreadLocal<Session> SESSION = new ThreadLocal<>();

    /** What a successful AUTH proved: {@code tenant/secret} keys. */
    record Grants(Set<String> keys) {
        boolean allows(String tenant, String secret) {
            return keys.contains(tenant + "/" + secret);
        }
    }

    private final TenantRegistry registry;
    private final SecretFiles secrets;
    private final EngineMetrics metrics;
    private final boolean insecure;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    MailAuthenticator(TenantRegistry registry, SecretFiles secrets, EngineMetrics metrics, boolean insecure) {
        this.registry = registry;
        this.secrets = secrets;
        this.metrics = metrics;
        this.insecure = insecure;
    }

    /** Tells this factory which session the current thread serves, so mechanisms can depend on its TLS. */
    SessionHandler sessions() {
        return new SessionHandler() {
            @Override
            public SessionAcceptance accept(Session session) {
                SESSION.set(session);
                return SessionAcceptance.success();
            }

            @Override
            public void onSessionEnd(Session session) {
                SESSION.remove();
            }
        };
    }

    @Override
    public List<String> getAuthenticationMechanisms() {
        Session s = SESSION.get();
        return insecure || (s != null && s.isTLSStarted()) ? MECHANISMS : List.of();
    }

    @Override
    public AuthenticationHandler create() {
        Grants[] proved = {null};
        UsernamePasswordValidator validator = (username, password, ctx) -> {
            Grants g = check(username, password);
            if (g.keys().isEmpty()) {
                metrics.mailRejectedBeforeTenant("auth_failed");
                throw new LoginFailedException();
            }
            proved[0] = g;
        };
        AuthenticationHandler inner = new MultipleAuthenticationHandlerFactory(List.of(
                new PlainAuthenticationHandlerFactory(validator), new LoginAuthenticationHandlerFactory(validator))).create();
        return new AuthenticationHandler() {
            @Override
            public Optional<String> auth(String clientInput, MessageContext ctx) throws RejectException {
                return inner.auth(clientInput, ctx);
            }

            @Override
            public Object getIdentity() {
                return proved[0];
            }
        };
    }

    /** The (tenant, Secret) pairs whose username and password these are. */
    private Grants check(String username, String password) {
        Set<String> keys = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (TenantRuntime rt : registry.tenants().values()) {
            String namespace = rt.config().compiled.namespace;
            for (MailSource s : rt.config().sources.mail()) {
                String key = rt.name() + "/" + s.authSecret;
                if (s.authSecret == null || !seen.add(key)) {
                    continue;
                }
                String u = read(namespace, s.authSecret, "username");
                String p = read(namespace, s.authSecret, "password");
                if (u == null || p == null) {
                    continue;
                }
                // Both compared in full, whatever the first says, so timing tells nothing.
                boolean userMatches = equal(u, username);
                boolean passwordMatches = equal(p, password);
                if (userMatches && passwordMatches) {
                    keys.add(key);
                }
            }
        }
        return new Grants(Set.copyOf(keys));
    }

    private String read(String namespace, String secret, String key) {
        try {
            String v = secrets.read(namespace, secret, key);
            if (v == null && warned.add(secrets.path(namespace, secret, key).toString())) {
                LOG.warn("SMTP AUTH: {} is missing; AlertSources using Secret {} cannot be authenticated to",
                        secrets.path(namespace, secret, key), secret);
            }
            return v;
        } catch (IOException e) {
            LOG.warn("SMTP AUTH: cannot read Secret {} key {}: {}", secret, key, e.getMessage());
            return null;
        }
    }

    private static boolean equal(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
