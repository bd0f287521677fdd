package io.opsgate.engine.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The authorization code flow with PKCE (S256), {@code state} and {@code nonce}: {@link #start} gives the URL
 * to send the browser to, {@link #finish} takes the provider's answer, exchanges the code and validates the
 * ID token. Blocking (HTTP to the provider): call it off the event loop.
 */
final class OidcSignIn {
    /** Discovery is read again after this long, so a provider's moved endpoints are followed. */
    static final long DISCOVERY_TTL_MILLIS = 3600_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final HttpClient http;
    private final PendingLogins pending;
    private final IdTokenValidator validator;
    private final Map<String, OidcProvider> providers = new ConcurrentHashMap<>();

    OidcSignIn(Clock clock) {
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(OidcProvider.TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.pending = new PendingLogins(clock);
        this.validator = new IdTokenValidator(clock);
    }

    /** Starts a sign-in to {@code tenant}; returns the provider's authorization URL with state, nonce and challenge. */
    URI start(String tenant, OidcSettings settings, String binding) throws SignInRefused {
        OidcProvider provider = provider(settings.issuer());
        String verifier = Pkce.verifier();
        String nonce = Secrets.random(32);
        String state;
        try {
            state = pending.start(tenant, verifier, nonce, binding);
        } catch (IllegalStateException e) {
            throw new SignInRefused(503, "TooManySignIns", e.getMessage());
        }
        List<String> scopes = new ArrayList<>();
        scopes.add("openid");
        settings.scopes().stream().filter(s -> !s.equals("openid")).forEach(scopes::add);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", settings.clientId());
        q.put("redirect_uri", settings.redirectUri());
        q.put("scope", String.join(" ", scopes));
        q.put("state", state);
        q.put("nonce", nonce);
        q.put("code_challenge", Pkce.challenge(verifier));
        q.put("code_challenge_method", "S256");
        String base = provider.authorizationEndpoint.toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + form(q));
    }

    /**
     * Finishes a sign-in: the state must be one this engine started for {@code tenant} in this browser
     * ({@code binding}), the code is exchanged with the verifier, and the ID token validated.
     */
    Person finish(String tenant, OidcSettings settings, String state, String code, String binding) throws SignInRefused {
        PendingLogins.Pending p = pending.take(state);
        if (p == null || !p.tenant().equals(tenant)) {
            throw new SignInRefused(400, "StateMismatch", "this sign-in answer does not belong to a sign-in this console "
                    + "started (unknown, used or expired state). Sign in again.");
        }
        if (!Secrets.same(p.binding(), binding)) {
            throw new SignInRefused(400, "StateMismatch", "this sign-in answer was started in another browser. Sign in again.");
        }
        if (code == null || code.isBlank()) {
            throw new SignInRefused(400, "MissingCode", "the identity provider sent no authorization code");
        }
        OidcProvider provider = provider(settings.issuer());
        String idToken = exchange(provider, settings, code, p.verifier());
        JWTClaimsSet claims = validator.validate(idToken, provider.keys, settings.issuer(), settings.clientId(), p.nonce());
        return person(claims, settings);
    }

    private String exchange(OidcProvider provider, OidcSettings settings, String code, String verifier) throws SignInRefused {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", code);
        f.put("redirect_uri", settings.redirectUri());
        f.put("code_verifier", verifier);
        HttpRequest.Builder req = HttpRequest.newBuilder(provider.tokenEndpoint).timeout(OidcProvider.TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        if (settings.clientSecret() != null) {
            // client_secret_basic (RFC 6749 2.3.1): both parts form-encoded before base64.
            String basic = URLEncoder.encode(settings.clientId(), StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(settings.clientSecret(), StandardCharsets.UTF_8);
            req.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        } else {
            f.put("client_id", settings.clientId());
        }
        try {
            HttpResponse<byte[]> r = http.send(req.POST(HttpRequest.BodyPublishers.ofString(form(f))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
            if (r.statusCode() != 200) {
                throw new SignInRefused(401, "CodeExchangeFailed", "the identity provider refused the code: HTTP "
                        + r.statusCode() + " " + body.path("error").asText("") + " " + body.path("error_description").asText(""));
            }
            String idToken = body.path("id_token").asText(null);
            if (idToken == null) {
                throw new SignInRefused(502, "CodeExchangeFailed", "the identity provider's answer has no id_token");
            }
            return idToken;
        } catch (IOException e) {
            throw new SignInRefused(502, "CodeExchangeFailed", "the identity provider could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInRefused(503, "CodeExchangeFailed", "interrupted");
        }
    }

    private static Person person(JWTClaimsSet claims, OidcSettings settings) throws SignInRefused {
        Object name = claims.getClaim(settings.usernameClaim());
        if (!(name instanceof String n) || n.isBlank()) {
            throw new SignInRefused(401, "MissingUsernameClaim", "the ID token has no claim " + settings.usernameClaim()
                    + " naming the person; set spec.console.oidc.usernameClaim to a claim the provider sends");
        }
        List<String> groups = new ArrayList<>();
        Object g = claims.getClaim(settings.groupsClaim());
        if (g instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(groups::add);
        } else if (g instanceof String s) {
            groups.add(s);
        }
        return new Person(n, groups, Person.OIDC);
    }

    private OidcProvider provider(String issuer) throws SignInRefused {
        long now = clock.millis();
        OidcProvider p = providers.get(issuer);
        if (p == null || p.discoveredAt + DISCOVERY_TTL_MILLIS <= now) {
            p = OidcProvider.discover(http, issuer, now);
            providers.put(issuer, p);
        }
        return p;
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
