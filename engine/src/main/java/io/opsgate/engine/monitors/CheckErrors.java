package io.opsgate.engine.monitors;

import io.opsgate.engine.egress.EgressRefusedException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns what a failed connection throws into a short message a person can act on. */
final class CheckErrors {
    private CheckErrors() {
    }

    static String describe(Throwable t) {
        Throwable e = t;
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof EgressRefusedException) {
            return "refused: " + e.getMessage();
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof HttpConnectTimeoutException || e instanceof SocketTimeoutException) {
            return "timed out connecting";
        }
        if (e instanceof HttpTimeoutException || e instanceof java.util.concurrent.TimeoutException
                || e.getClass().getSimpleName().contains("Timeout")) {
            return "no answer within the timeout";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "TLS handshake failed: " + e.getMessage();
        }
        if (e instanceof io.vertx.core.http.StreamResetException || e instanceof io.vertx.core.http.HttpClosedException) {
            return "the connection was closed before an answer";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
