package io.opsgate.engine.identity;

import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Validates an ID token (OpenID Connect Core 3.1.3.7): signature by a key of the provider's JWKS with an
 * asymmetric algorithm; {@code iss} equal to the issuer; {@code aud} containing the client id (and
 * {@code azp} equal to it when there are several audiences); {@code exp} in the future and {@code iat} not
 * in the future, both with {@value #SKEW_SECONDS} s of clock skew, {@code iat} at most
 * {@value #MAX_TOKEN_AGE_SECONDS} s old; {@code nonce} equal to the one this sign-in sent.
 */
final class IdTokenValidator {
    static final int SKEW_SECONDS = 60;
    static final long MAX_TOKEN_AGE_SECONDS = 600;

    private final Clock clock;

    IdTokenValidator(Clock clock) {
        this.clock = clock;
    }

    /** The token's claims when it is valid, else a refusal naming what is wrong. */
    JWTClaimsSet validate(String idToken, JWSKeySelector<SecurityContext> keys, String issuer, String clientId, String nonce)
            throws SignInRefused {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(keys);
        DefaultJWTClaimsVerifier<SecurityContext> verifier = new DefaultJWTClaimsVerifier<>(Set.of(clientId),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "iat", "exp", "nonce"), Set.of()) {
            @Override
            protected Date currentTime() {
                return new Date(clock.millis());
            }
        };
        verifier.setMaxClockSkew(SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(verifier);
        JWTClaimsSet claims;
        try {
            claims = processor.process(idToken, null);
        } catch (BadJWTException e) {
            throw new SignInRefused(401, "InvalidIdToken", "the ID token was refused: " + e.getMessage());
        } catch (ParseException | BadJOSEException e) {
            throw new SignInRefused(401, "InvalidIdToken", "the ID token's signature could not be verified: " + e.getMessage());
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new SignInRefused(502, "InvalidIdToken", "the provider's keys could not be used: " + e.getMessage());
        }
        long now = clock.millis();
        Date iat = claims.getIssueTime();
        if (iat.getTime() > now + SKEW_SECONDS * 1000L) {
            throw new SignInRefused(401, "InvalidIdToken", "the ID token was issued in the future (iat)");
        }
        if (iat.getTime() < now - (MAX_TOKEN_AGE_SECONDS + SKEW_SECONDS) * 1000L) {
            throw new SignInRefused(401, "InvalidIdToken", "the ID token was issued too long ago (iat)");
        }
        List<String> audience = new ArrayList<>(claims.getAudience());
        Object azp = claims.getClaim("azp");
        if (audience.size() > 1 && !clientId.equals(azp)) {
            throw new SignInRefused(401, "InvalidIdToken", "the ID token has several audiences and azp is not this client");
        }
        Object presented = claims.getClaim("nonce");
        if (!(presented instanceof String s) || !Secrets.same(nonce, s)) {
            throw new SignInRefused(401, "NonceMismatch", "the ID token's nonce is not the one this sign-in sent; "
                    + "the answer may have been replayed. Sign in again.");
        }
        return claims;
    }
}
