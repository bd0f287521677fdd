package io.opsgate.engine.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.opsgate.engine.support.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ID token validation with a key pair made here; the HTTP flow is proven against a real provider in ConsoleSignInIT. */
class IdTokenValidatorTest {
    static final String ISS = "https://idp.example.com/realms/ops";
    static final String CLIENT = "opsgate-console";
    static RSAKey key;
    static RSAKey other;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    final IdTokenValidator validator = new IdTokenValidator(clock);

    @BeforeAll
    static void makeKeys() throws JOSEException {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        other = new RSAKeyGenerator(2048).keyID("k1").generate();
    }

    JWSVerificationKeySelector<SecurityContext> keys() {
        return new JWSVerificationKeySelector<>(OidcProvider.ALGORITHMS, new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())));
    }

    String token(RSAKey signer, UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        Instant now = clock.instant();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(ISS).audience(CLIENT).subject("123")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim("nonce", "n-1")
                .claim("preferred_username", "alice");
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), change.apply(b).build());
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    JWTClaimsSet validate(String token) throws SignInRefused {
        return validator.validate(token, keys(), ISS, CLIENT, "n-1");
    }

    @Test
    void aTokenOfTheProviderForThisClientAndSignInIsValid() throws Exception {
        assertThat(validate(token(key, b -> b)).getClaim("preferred_username")).isEqualTo("alice");
        assertThat(validate(token(key, b -> b.audience(List.of(CLIENT, "other")).claim("azp", CLIENT)))).isNotNull();
    }

    @Test
    void eachBrokenRuleIsRefused() throws Exception {
        Instant now = clock.instant();
        assertRefused(token(other, b -> b), "InvalidIdToken");
        assertRefused(token(key, b -> b.issuer("https://evil.example")), "InvalidIdToken");
        assertRefused(token(key, b -> b.audience("another-client")), "InvalidIdToken");
        assertRefused(token(key, b -> b.audience(List.of(CLIENT, "other"))), "InvalidIdToken");
        assertRefused(token(key, b -> b.expirationTime(Date.from(now.minusSeconds(61)))), "InvalidIdToken");
        assertRefused(token(key, b -> b.issueTime(Date.from(now.plusSeconds(120)))), "InvalidIdToken");
        assertRefused(token(key, b -> b.issueTime(Date.from(now.minus(Duration.ofHours(1))))), "InvalidIdToken");
        assertRefused(token(key, b -> b.claim("nonce", "n-2")), "NonceMismatch");
        assertRefused(token(key, b -> b.claim("nonce", null)), "InvalidIdToken");
        assertRefused(new PlainJWT(new JWTClaimsSet.Builder().issuer(ISS).audience(CLIENT).build()).serialize(), "InvalidIdToken");
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().issuer(ISS)
                .audience(CLIENT).subject("1").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .claim("nonce", "n-1").build());
        hmac.sign(new MACSigner("a client secret that is long enough for HS256!!"));
        assertRefused(hmac.serialize(), "InvalidIdToken");
    }

    @Test
    void smallClockSkewIsTolerated() throws Exception {
        Instant now = clock.instant();
        assertThat(validate(token(key, b -> b.expirationTime(Date.from(now.minusSeconds(30)))))).isNotNull();
        assertThat(validate(token(key, b -> b.issueTime(Date.from(now.plusSeconds(30)))))).isNotNull();
    }

    private void assertRefused(String token, String reason) {
        assertThatThrownBy(() -> validate(token)).isInstanceOfSatisfying(SignInRefused.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
