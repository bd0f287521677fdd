package io.opsgate.engine.notify.channels;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;

/**
 * POSTs JSON to a receiver with timeouts everywhere and sorts the answer: 2xx delivered; 429 and 5xx,
 * timeouts and connection errors retried (honouring Retry-After); any other status is permanent.
 * Redirects are not followed: they could carry a signed body or a credential somewhere else.
 */
public final class HttpSender {
    private final HttpClient client;
    private final Duration requestTimeout;
    private final Clock clock;

    public HttpSender(Duration connectTimeout, Duration requestTimeout, Clock clock) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    /**
     * Sends one POST.
     *
     * @param redact cleans error text of credentials (the URL itself may be one)
     */
    public CompletableFuture<Outcome> post(URI uri, Map<String, String> headers, byte[] body, UnaryOperator<String> redact) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(b::header);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Outcome.permanent(0, "invalid request: " + redact.apply(e.getMessage())));
        }
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((resp, failure) -> failure == null ? classify(resp, redact) : failed(failure, redact));
    }

    private Outcome classify(HttpResponse<byte[]> resp, UnaryOperator<String> redact) {
        int status = resp.statusCode();
        if (status >= 200 && status < 300) {
            return Outcome.delivered(status);
        }
        String detail = "HTTP " + status + snippet(resp.body(), redact);
        if (status == 429 || status >= 500) {
            long wait = RetryAfter.millis(resp.headers().firstValue("Retry-After").orElse(null), clock.millis());
            return Outcome.retry(status, wait, detail);
        }
        return Outcome.permanent(status, detail);
    }

    private static String snippet(byte[] body, UnaryOperator<String> redact) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip()
                .replaceAll("\\s+", " ");
        return text.isEmpty() ? "" : ": " + redact.apply(text);
    }

    private static Outcome failed(Throwable failure, UnaryOperator<String> redact) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String what;
        if (t instanceof HttpConnectTimeoutException) {
            what = "connect timed out";
        } else if (t instanceof HttpTimeoutException) {
            what = "request timed out";
        } else if (t instanceof ConnectException) {
            what = "connection refused";
        } else if (t instanceof IOException) {
            what = "I/O error: " + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
        } else {
            what = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        return Outcome.retry(0, 0, redact.apply(what));
    }
}
