package io.opsgate.engine.monitors;

import com.google.re2j.Pattern;
import io.opsgate.api.regex.BoundedRegex;
import io.opsgate.api.time.Durations;
import io.opsgate.api.v1alpha1.HttpCheck;
import io.opsgate.engine.egress.EgressGate;
import io.opsgate.engine.egress.EgressHttp;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An HTTP(S) request and the checks on its answer: status (any 2xx unless listed), body text or RE2 match
 * (in the first MiB), latency, and for https the days left on the server certificate. The request goes only
 * where the tenant's egress allows, redirects included; what the server answered is judged, never repeated in
 * the status message.
 */
final class HttpCheckRunner implements Check {
    static final int BODY_LIMIT = 1024 * 1024;

    private final HttpCheck spec;
    private final EgressHttp http;
    private final Supplier<EgressGate> gate;
    private final Clock clock;
    private final Pattern bodyPattern;
    private final Duration maxLatency;

    HttpCheckRunner(HttpCheck spec, CheckResources resources, Supplier<EgressGate> gate, Clock clock) {
        this.spec = spec;
        this.http = resources.http();
        this.gate = gate;
        this.clock = clock;
        this.bodyPattern = spec.bodyMatches == null ? null : BoundedRegex.compile(spec.bodyMatches);
        this.maxLatency = spec.maxLatency == null ? null : Durations.parse(spec.maxLatency);
    }

    @Override
    public String target() {
        return spec.url;
    }

    @Override
    public CheckOutcome run(Duration timeout) {
        Elapsed elapsed = new Elapsed();
        EgressHttp.Response response;
        CompletableFuture<EgressHttp.Response> sent = null;
        try {
            String method = spec.method == null ? "GET" : spec.method.name();
            byte[] body = spec.body == null ? null : spec.body.getBytes(StandardCharsets.UTF_8);
            EgressHttp.Request request = new EgressHttp.Request(method, URI.create(spec.url),
                    new LinkedHashMap<>(spec.headers), body, timeout, BODY_LIMIT, !Boolean.FALSE.equals(spec.followRedirects),
                    Boolean.TRUE.equals(spec.insecureSkipVerify));
            sent = http.send(request, gate.get());
            response = sent.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (IllegalArgumentException e) {
            return CheckOutcome.down("the request cannot be sent: " + e.getMessage(), elapsed.millis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckOutcome.down("interrupted", elapsed.millis());
        } catch (Exception e) {
            if (sent != null) {
                sent.cancel(true);
            }
            return CheckOutcome.down(CheckErrors.describe(e), elapsed.millis());
        }
        long millis = elapsed.millis();
        List<String> problems = new ArrayList<>();
        int status = response.status();
        boolean statusOk = spec.expectedStatus == null || spec.expectedStatus.isEmpty()
                ? status >= 200 && status < 300 : spec.expectedStatus.contains(status);
        if (!statusOk) {
            problems.add("HTTP " + status + ", expected " + (spec.expectedStatus == null || spec.expectedStatus.isEmpty()
                    ? "2xx" : spec.expectedStatus.toString()));
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (spec.bodyContains != null && !body.contains(spec.bodyContains)) {
            problems.add("the body does not contain \"" + spec.bodyContains + "\"");
        }
        if (bodyPattern != null && !bodyPattern.matcher(body).find()) {
            problems.add("the body does not match /" + spec.bodyMatches + "/");
        }
        if (maxLatency != null && millis > maxLatency.toMillis()) {
            problems.add("answered in more than " + spec.maxLatency);
        }
        if (spec.tlsExpiryDays != null && response.uri().getScheme().equalsIgnoreCase("https")) {
            String expiry = response.peer().isEmpty() ? "the server sent no X.509 certificate"
                    : CertificateExpiry.problem(response.peer().get(0), spec.tlsExpiryDays, clock.instant());
            if (expiry != null) {
                problems.add(expiry);
            }
        }
        return problems.isEmpty() ? CheckOutcome.up("HTTP " + status, millis)
                : CheckOutcome.down(String.join("; ", problems), millis);
    }
}
