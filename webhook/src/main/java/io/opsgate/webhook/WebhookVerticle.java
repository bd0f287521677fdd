package io.opsgate.webhook;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opsgate.api.validation.ObjectValidator;
import io.opsgate.webhook.admission.AdmissionHandler;
import io.opsgate.webhook.admission.MutatingReviewer;
import io.opsgate.webhook.admission.EgressChecks;
import io.opsgate.webhook.admission.NamespaceChecks;
import io.opsgate.webhook.admission.ValidatingReviewer;
import io.opsgate.webhook.cluster.ClusterReader;
import io.opsgate.webhook.health.ProbeHandler;
import io.opsgate.webhook.metrics.MetricsHandler;
import io.opsgate.webhook.metrics.WebhookMetrics;
import io.opsgate.tls.TlsReloader;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * The webhook process: the admission endpoints on HTTPS, and probes and metrics on a plain port
 * that carries no object data.
 */
public final class WebhookVerticle extends VerticleBase {

    /** An AdmissionReview carries the object and, on UPDATE, the old one; objects are at most ~1.5 MiB. */
    static final long MAX_BODY_BYTES = 8L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookVerticle.class);

    private final WebhookConfig config;
    private final ClusterReader cluster;
    private final PrometheusMeterRegistry registry;
    private HttpServer admissionServer;
    private HttpServer opsServer;
    private TlsReloader reloader;
    private volatile boolean ready;

    public WebhookVerticle(WebhookConfig config, ClusterReader cluster, PrometheusMeterRegistry registry) {
        this.config = config;
        this.cluster = cluster;
        this.registry = registry;
    }

    @Override
    public Future<?> start() {
        Router admission = Router.router(vertx);
        Router ops = Router.router(vertx);
        declareRoutes(admission, ops, new WebhookMetrics(registry, ObjectValidator.KINDS));
        return vertx.executeBlocking(() -> new TlsReloader(config.certificate(), config.key(), Clock.systemUTC()))
                .compose(tls -> {
                    reloader = tls;
                    admissionServer = vertx.createHttpServer(new HttpServerOptions()
                                    .setSsl(true)
                                    .setKeyCertOptions(tls.current()))
                            .requestHandler(admission);
                    opsServer = vertx.createHttpServer(new HttpServerOptions()).requestHandler(ops);
                    return Future.all(admissionServer.listen(config.httpsPort(), config.host()),
                                    opsServer.listen(config.httpPort(), config.host()))
                            .map(listening -> {
                                tls.start(config.tlsReloadInterval().toMillis(), this::renewCertificate);
                                ready = true;
                                return listening;
                            });
                });
    }

    /** New connections get the renewed certificate; open ones keep theirs. */
    private void renewCertificate(PemKeyCertOptions keyCert) {
        admissionServer.updateSSLOptions(new ServerSSLOptions().setKeyCertOptions(keyCert), true)
                .onFailure(e -> LOG.warn("the admission server refused the renewed certificate; keeping the current one: {}",
                        e.toString()));
    }

    /** Every route of the process, in one place. */
    private void declareRoutes(Router admission, Router ops, WebhookMetrics metrics) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        admission.post("/validate").handler(body)
                .handler(new AdmissionHandler(new ValidatingReviewer(new NamespaceChecks(cluster),
                        new EgressChecks(cluster, config.clusterNetworks())), metrics));
        admission.post("/mutate").handler(body)
                .handler(new AdmissionHandler(new MutatingReviewer(), metrics));

        ops.get("/healthz").handler(new ProbeHandler(() -> true));
        ops.get("/readyz").handler(new ProbeHandler(() -> ready));
        ops.get("/metrics").handler(new MetricsHandler(registry));
    }

    @Override
    public Future<?> stop() {
        ready = false;
        if (reloader != null) {
            reloader.close();
        }
        return Future.all(admissionServer == null ? Future.succeededFuture() : admissionServer.close(),
                opsServer == null ? Future.succeededFuture() : opsServer.close());
    }

    /** The bound admission port (useful when configured as 0). */
    public int admissionPort() {
        return admissionServer.actualPort();
    }

    /** The bound port of probes and metrics. */
    public int opsPort() {
        return opsServer.actualPort();
    }

}
