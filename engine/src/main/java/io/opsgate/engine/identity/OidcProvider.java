package io.opsgate.engine.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/**
 * What the engine knows of one OpenID provider: its endpoints from discovery
 * ({@code <issuer>/.well-known/openid-configuration}, whose {@code issuer} must equal the configured one) and
 * its signing keys from {@code jwks_uri}. Keys are cached for five minutes and fetched again at once (rate
 * limited) when a token names a key id the cache does not hold, so a provider's key rotation is followed.
 */
final class OidcProvider {
    /** Asymmetric signatures only: a token signed with the client secret or unsigned is refused. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long KEY_CACHE_MILLIS = 5 * 60_000L;
    private static final int MAX_DOCUMENT_BYTES = 512 * 1024;

    final String issuer;
    final URI authorizationEndpoint;
    final URI tokenEndpoint;
    final URI endSessionEndpoint;
    final JWSVerificationKeySelector<SecurityContext> keys;
    final long discoveredAt;

    private OidcProvider(String issuer, JsonNode doc, long now) throws IOException {
        this.issuer = issuer;
        this.authorizationEndpoint = endpoint(doc, "authorization_endpoint", true);
        this.tokenEndpoint = endpoint(doc, "token_endpoint", true);
        this.endSessionEndpoint = endpoint(doc, "end_session_endpoint", false);
        URI jwks = endpoint(doc, "jwks_uri", true);
        JWKSource<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(jwks.toURL(),
                        new DefaultResourceRetriever((int) TIMEOUT.toMillis(), (int) TIMEOUT.toMillis(), MAX_DOCUMENT_BYTES))
                .cache(KEY_CACHE_MILLIS, TIMEOUT.toMillis()).rateLimited(10_000).refreshAheadCache(false).retrying(true)
                .build();
        this.keys = new JWSVerificationKeySelector<>(ALGORITHMS, source);
        this.discoveredAt = now;
    }

    /** Reads the provider's discovery document. */
    static OidcProvider discover(HttpClient http, String issuer, long now) throws SignInRefused {
        String url = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                + "/.well-known/openid-configuration";
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new SignInRefused(502, "DiscoveryFailed", "the identity provider's discovery document " + url
                        + " answered HTTP " + r.statusCode());
            }
            if (r.body().length > MAX_DOCUMENT_BYTES) {
                throw new SignInRefused(502, "DiscoveryFailed", "the discovery document " + url + " is too large");
            }
            JsonNode doc = JSON.readTree(r.body());
            if (!issuer.equals(doc.path("issuer").asText())) {
                throw new SignInRefused(502, "IssuerMismatch", "the discovery document names issuer \""
                        + doc.path("issuer").asText() + "\", not the configured \"" + issuer + "\"");
            }
            return new OidcProvider(issuer, doc, now);
        } catch (IOException e) {
            throw new SignInRefused(502, "DiscoveryFailed", "the identity provider's discovery document " + url
                    + " could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInRefused(503, "DiscoveryFailed", "interrupted");
        }
    }

    private static URI endpoint(JsonNode doc, String name, boolean required) throws IOException {
        String v = doc.path(name).asText(null);
        if (v == null || v.isBlank()) {
            if (required) {
                throw new IOException("the discovery document has no " + name);
            }
            return null;
        }
        URI uri = URI.create(v);
        if (!uri.isAbsolute() || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IOException(name + " is not an absolute http(s) URL");
        }
        return uri;
    }
}
