package io.opsgate.engine.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A provider that rotates its signing key: discovery and the JWKS are served over HTTP on a local port, the
 * provider switches to a new key, and a token signed with it is accepted because the unknown key id makes
 * the engine fetch the JWKS again; a key the provider withdrew is refused.
 */
class OidcKeyRotationIT {
    HttpServer server;
    final AtomicReference<JWKSet> published = new AtomicReference<>();
    final AtomicInteger fetches = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aTokenSignedWithTheProvidersNewKeyIsAcceptedAndAWithdrawnKeyIsNot() throws Exception {
        RSAKey first = new RSAKeyGenerator(2048).keyID("2026-11").generate();
        RSAKey second = new RSAKeyGenerator(2048).keyID("2026-12").generate();
        published.set(new JWKSet(first.toPublicJWK()));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/.well-known/openid-configuration", ex -> {
            byte[] b = ("{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                    + "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\"}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.createContext("/jwks", ex -> {
            fetches.incrementAndGet();
            byte[] b = published.get().toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();

        OidcProvider provider = OidcProvider.discover(HttpClient.newHttpClient(), issuer, System.currentTimeMillis());
        IdTokenValidator validator = new IdTokenValidator(Clock.systemUTC());
        assertThat(validator.validate(token(first, issuer), provider.keys, issuer, "console", "n")).isNotNull();
        assertThat(validator.validate(token(first, issuer), provider.keys, issuer, "console", "n")).isNotNull();
        assertThat(fetches.get()).as("the keys are cached").isEqualTo(1);

        published.set(new JWKSet(second.toPublicJWK()));
        assertThat(validator.validate(token(second, issuer), provider.keys, issuer, "console", "n")
                .getSubject()).isEqualTo("alice");
        assertThat(fetches.get()).isEqualTo(2);
        // The cached set is now the new one: the withdrawn key's tokens are refused.
        assertThatThrownBy(() -> validator.validate(token(first, issuer), provider.keys, issuer, "console", "n"))
                .isInstanceOf(SignInRefused.class);
    }

    @Test
    void discoveryNamingAnotherIssuerIsRefused() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/openid-configuration", ex -> {
            byte[] b = "{\"issuer\":\"https://someone-else.example\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        assertThatThrownBy(() -> OidcProvider.discover(HttpClient.newHttpClient(), issuer, 0))
                .isInstanceOfSatisfying(SignInRefused.class, e -> assertThat(e.reason()).isEqualTo("IssuerMismatch"));
    }

    static String token(RSAKey key, String issuer) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(issuer).audience("console").subject("alice").issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(300))).claim("nonce", "n").build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
