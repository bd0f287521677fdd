package io.opsgate.engine.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A browser without a screen: follows the console's sign-in through the real provider by hand (no automatic
 * redirects, so each step can be checked), keeps cookies per name, and calls routes with or without the
 * session's CSRF token and Origin.
 */
public final class ConsoleClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    /** Cookies of the engine's origin; the provider's are not needed (it signs in without a form). */
    public final Map<String, String> cookies = new LinkedHashMap<>();

    public ConsoleClient(String base) {
        this.base = base;
    }

    /** A response. */
    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String location() {
            return headers.firstValue("Location").orElse(null);
        }
    }

    /** Starts the sign-in to {@code tenant}; returns the provider's authorization URL. */
    public URI startSignIn(String tenant) {
        Response r = get("/console/" + tenant + "/login/oidc");
        if (r.status() != 302) {
            throw new IllegalStateException("sign-in did not start: " + r.status() + " " + r.body());
        }
        return URI.create(r.location());
    }

    /** Lets the provider answer {@code authorize}; returns the callback URL it sends the browser to. */
    public URI provider(URI authorize) {
        Response r = send(HttpRequest.newBuilder(authorize).GET().build(), false);
        if (r.status() != 302) {
            throw new IllegalStateException("the provider answered " + r.status() + " " + r.body());
        }
        return URI.create(r.location());
    }

    /** The whole sign-in; returns the engine's answer to the callback. */
    public Response signIn(String tenant) {
        URI callback = provider(startSignIn(tenant));
        return get(callback.getRawPath() + "?" + callback.getRawQuery());
    }

    /** The CSRF token of the current session (GET /console/{tenant}/session). */
    public String csrf(String tenant) {
        return get("/console/" + tenant + "/session").json().path("csrfToken").asText();
    }

    public Response get(String path) {
        return send(request(path).GET().build(), true);
    }

    /** A change with the given CSRF token and Origin (either null to leave it out). */
    public Response change(String method, String path, String body, String csrf, String origin) {
        HttpRequest.Builder b = request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return send(b.build(), true);
    }

    /** A change as the console's own page sends it: CSRF token of the session and the console's Origin. */
    public Response change(String method, String path, String body, String tenant) {
        return change(method, path, body, csrf(tenant), base);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (!cookies.isEmpty()) {
            b.header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        return b;
    }

    private Response send(HttpRequest req, boolean keepCookies) {
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (keepCookies) {
                for (String c : r.headers().allValues("Set-Cookie")) {
                    String pair = c.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    String name = pair.substring(0, eq);
                    String value = pair.substring(eq + 1);
                    if (value.isEmpty() || c.contains("Max-Age=0")) {
                        cookies.remove(name);
                    } else {
                        cookies.put(name, value);
                    }
                }
            }
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Set-Cookie headers of a response. */
    public static List<String> setCookies(Response r) {
        return r.headers().allValues("Set-Cookie");
    }
}
