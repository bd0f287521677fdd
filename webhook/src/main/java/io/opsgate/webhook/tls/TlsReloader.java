package io.opsgate.webhook.tls;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Watches the mounted certificate and key and gives the running HTTPS server new ones when their
 * content changes (cert-manager renews, an operator rotates the Secret), without closing the
 * listener: connections open already keep their certificate, new ones get the new one.
 *
 * <p>Polling the content, not file events: Secret volumes change by swapping a symlink, which file
 * watchers report unreliably. A new content is applied only once two polls in a row read it, so a
 * certificate and key read halfway through the kubelet's swap are never paired.
 */
public final class TlsReloader {

    private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);

    private final Vertx vertx;
    private final HttpServer server;
    private final Path certificate;
    private final Path key;
    private final Duration interval;
    private String applied;
    private String candidate;
    private String refused;
    private boolean checking;
    private long timer = -1;

    /**
     * @param applied the hash of the files the server started with
     */
    public TlsReloader(Vertx vertx, HttpServer server, Path certificate, Path key, String applied, Duration interval) {
        this.vertx = vertx;
        this.server = server;
        this.certificate = certificate;
        this.key = key;
        this.applied = applied;
        this.interval = interval;
    }

    /** Starts polling; call on the server's context. */
    public void start() {
        timer = vertx.setPeriodic(interval.toMillis(), id -> check());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** One poll. Completes with true when the server was given new key material. */
    Future<Boolean> check() {
        if (checking) {
            return Future.succeededFuture(false);
        }
        checking = true;
        return vertx.executeBlocking(() -> CertificateFiles.read(certificate, key))
                .compose(this::applyIfSettled, e -> refuse("unreadable", e))
                .andThen(done -> checking = false);
    }

    private Future<Boolean> applyIfSettled(CertificateFiles files) {
        String hash = files.sha256();
        if (hash.equals(applied) || hash.equals(refused)) {
            candidate = null;
            return Future.succeededFuture(false);
        }
        if (!hash.equals(candidate)) {
            candidate = hash;
            return Future.succeededFuture(false);
        }
        return server.updateSSLOptions(files.serverSslOptions(), true)
                .map(updated -> {
                    applied = hash;
                    candidate = null;
                    refused = null;
                    LOG.info("webhook certificate reloaded (sha256 {})", hash.substring(0, 12));
                    return true;
                })
                .recover(e -> refuse(hash, e));
    }

    /** Logs once per content that cannot be used; the server keeps what it has. */
    private Future<Boolean> refuse(String hash, Throwable e) {
        if (!hash.equals(refused)) {
            refused = hash;
            LOG.warn("cannot use the webhook certificate in {} and {}; keeping the current one: {}", certificate, key,
                    e.toString());
        }
        candidate = null;
        return Future.succeededFuture(false);
    }
}
