package io.opsgate.engine.app;

import io.opsgate.engine.egress.EgressGate;
import io.opsgate.engine.egress.EgressHttp;
import io.opsgate.engine.handoff.HttpNotifyLink;
import io.opsgate.engine.handoff.NotifyLink;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.notify.InternalToken;
import io.opsgate.engine.notify.channels.ChannelContext;
import io.opsgate.engine.notify.channels.ChannelFactory;
import io.opsgate.engine.notify.channels.Credentials;
import io.opsgate.engine.notify.channels.HttpSender;
import io.opsgate.engine.notify.delivery.NotifyMetrics;
import io.opsgate.engine.notify.delivery.NotifyService;
import io.opsgate.engine.notify.delivery.NotifySettings;
import io.opsgate.engine.notify.delivery.RetryPolicy;
import io.opsgate.engine.notify.templates.Templates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLSocketFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds notification delivery for a mode: the notify service, and how ingest reaches it. */
final class NotifyWiring {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyWiring.class);
    /** SMTP conversations at once per process. */
    static final int MAIL_THREADS = 4;

    private NotifyWiring() {
    }

    static NotifyService service(Options options, Clock clock, EngineMetrics metrics, NotifySettings settings,
                                 Credentials.Vault vault, EgressHttp http, EgressGate.Resolver resolver) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService mail = Executors.newFixedThreadPool(MAIL_THREADS, r -> {
            Thread t = new Thread(r, "smtp-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Credentials credentials = new Credentials(options.secretsDir(), options.mode().equals("standalone"), vault);
        ChannelContext ctx = new ChannelContext(new Templates(),
                new HttpSender(http, Duration.ofSeconds(10), clock), credentials, mail,
                (SSLSocketFactory) SSLSocketFactory.getDefault(), clock, resolver);
        return new NotifyService(clock, new ChannelFactory(ctx), RetryPolicy.defaults(settings.maxAttempts()),
                new NotifyMetrics(metrics.registry()));
    }

    static NotifyLink link(Options options, NotifyService notify, NotifySettings settings, InternalToken token) {
        if (notify != null) {
            return new InProcessLink(notify);
        }
        if (settings.notifyUrl() == null) {
            LOG.error("OPSGATE_NOTIFY_URL is not set: notifications stay in the outbox until ingest is started with it");
            return new NotifyLink() {
                @Override
                public CompletableFuture<Void> hand(String tenant, String origin, List<byte[]> entries) {
                    return CompletableFuture.failedFuture(new IllegalStateException("OPSGATE_NOTIFY_URL is not set"));
                }

                @Override
                public CompletableFuture<List<io.opsgate.engine.notify.DeliveryReport>> reports(String tenant,
                                                                                                        long after, int limit) {
                    return CompletableFuture.failedFuture(new IllegalStateException("OPSGATE_NOTIFY_URL is not set"));
                }

                @Override
                public CompletableFuture<Void> credentials(String tenant,
                                                           java.util.Map<String, java.util.Map<String, String>> all) {
                    return CompletableFuture.failedFuture(new IllegalStateException("OPSGATE_NOTIFY_URL is not set"));
                }
            };
        }
        javax.net.ssl.SSLContext trust = null;
        if (options.security().tlsCa() != null) {
            try {
                trust = io.opsgate.tls.TlsMaterial.trusting(options.security().tlsCa());
            } catch (java.io.IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException("the CA file " + options.security().tlsCa() + " is not usable: " + e.getMessage(), e);
            }
        }
        return new HttpNotifyLink(settings.notifyUrl(), token, trust);
    }
}
