package io.opsgate.engine.notify.channels;

import io.opsgate.engine.egress.EgressGate;
import io.opsgate.engine.egress.EgressHttp;
import io.opsgate.engine.egress.EgressRefusedException;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * POSTs JSON to a receiver within the tenant's egress, with one timeout for the whole exchange, and sorts the
 * answer: 2xx delivered; 429 and 5xx, timeouts and connection errors retried (honouring Retry-After); a refused
 * destination and any other status are permanent. Redirects are not followed: they could carry a signed body or a
 * credential somewhere else. What the receiver answered is not kept beyond its status: a body could be another
 * service's secret read through a channel aimed at it, and the delivery log is the tenant's to read.
 */
public final class HttpSender {
    /** Bytes of an answer read (and then dropped); the status is all that is kept. */
    static final int ANSWER_LIMIT = 4096;

    private final EgressHttp http;
    private final Duration requestTimeout;
    private final Clock clock;

    public HttpSender(EgressHttp http, Duration requestTimeout, Clock clock) {
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    /**
     * Sends one POST through the tenant's gate.
     *
     * @param redact cleans error text of credentials (the URL itself may be one)
     */
    public CompletableFuture<Outcome> post(URI uri, Map<String, String> headers, byte[] body, UnaryOperator<String> redact,
                                           EgressGate gate) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/json");
        all.putAll(headers);
        EgressHttp.Request request = new EgressHttp.Request("POST", uri, all, body, requestTimeout, ANSWER_LIMIT, false,
                false);
        return http.send(request, gate).handle((resp, failure) -> failure == null ? classify(resp) : failed(failure, redact));
    }

    private Outcome classify(EgressHttp.Response resp) {
        int status = resp.status();
        if (status >= 200 && status < 300) {
            return Outcome.delivered(status);
        }
        String detail = "HTTP " + status;
        if (status == 429 || status >= 500) {
            long wait = RetryAfter.millis(resp.header("Retry-After"), clock.millis());
            return Outcome.retry(status, wait, detail);
        }
        return Outcome.permanent(status, detail);
    }

    private static Outcome failed(Throwable failure, UnaryOperator<String> redact) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof EgressRefusedException) {
            return Outcome.permanent(0, "refused: " + redact.apply(t.getMessage()));
        }
        String what;
        if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
            what = "timed out";
        } else if (t instanceof ConnectException) {
            what = "connection refused";
        } else if (t instanceof UnknownHostException) {
            what = "the host name does not resolve";
        } else if (t instanceof SSLException) {
            what = "TLS failed: " + t.getClass().getSimpleName();
        } else if (t instanceof IOException) {
            what = "I/O error: " + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
        } else {
            what = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        return Outcome.retry(0, 0, redact.apply(what));
    }
}
