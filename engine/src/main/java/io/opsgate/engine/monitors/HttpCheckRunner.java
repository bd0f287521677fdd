package io.opsgate.engine.monitors;

import com.google.re2j.Pattern;
import io.opsgate.api.time.Durations;
import io.opsgate.api.v1alpha1.HttpCheck;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP(S) request and the checks on its answer: status (any 2xx unless listed), body text or RE2 match
 * (in the first MiB), latency, and for https the days left on the server certificate.
 */
final class HttpCheckRunner implements Check {
    static final int BODY_LIMIT = 1024 * 1024;

    private final HttpCheck spec;
    private final HttpClient client;
    private final Clock clock;
    private final Pattern bodyPattern;
    private final Duration maxLatency;

    HttpCheckRunner(HttpCheck spec, CheckResources resources, Clock clock) {
        this.spec = spec;
        this.client = resources.http(!Boolean.FALSE.equals(spec.followRedirects), Boolean.TRUE.equals(spec.insecureSkipVerify));
        this.clock = clock;
        this.bodyPattern = spec.bodyMatches == null ? null : Pattern.compile(spec.bodyMatches);
        this.maxLatency = spec.maxLatency == null ? null : Durations.parse(spec.maxLatency);
    }

    @Override
    public String target() {
        return spec.url;
    }

    @Override
    public CheckOutcome run(Duration timeout) {
        Elapsed elapsed = new Elapsed();
        HttpResponse<byte[]> response;
        CompletableFuture<HttpResponse<byte[]>> sent = null;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(spec.url)).timeout(timeout);
            String method = spec.method == null ? "GET" : spec.method.name();
            b.method(method, spec.body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(spec.body));
            for (Map.Entry<String, String> h : spec.headers.entrySet()) {
                b.header(h.getKey(), h.getValue());
            }
            sent = client.sendAsync(b.build(), info -> new LimitedBody(BODY_LIMIT));
            response = sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
        int status = response.statusCode();
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
        if (spec.tlsExpiryDays != null && response.sslSession().isPresent()) {
            String expiry = certificateProblem(response.sslSession().get());
            if (expiry != null) {
                problems.add(expiry);
            }
        }
        return problems.isEmpty() ? CheckOutcome.up("HTTP " + status, millis)
                : CheckOutcome.down(String.join("; ", problems), millis);
    }

    private String certificateProblem(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return "the server sent no X.509 certificate";
            }
            return CertificateExpiry.problem(leaf, spec.tlsExpiryDays, clock.instant());
        } catch (SSLPeerUnverifiedException e) {
            return "the server certificate is unavailable: " + e.getMessage();
        }
    }
}
