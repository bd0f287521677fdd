package io.opsgate.engine.app;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.opsgate.engine.config.ConfigSource;
import io.opsgate.engine.config.ConfigWatcher;
import io.opsgate.engine.config.DirectorySource;
import io.opsgate.engine.config.FileSource;
import io.opsgate.engine.egress.EgressGate;
import io.opsgate.engine.egress.EgressHttp;
import io.opsgate.engine.handoff.Handoff;
import io.opsgate.engine.handoff.NotifyLink;
import io.opsgate.engine.handoff.OutboxTap;
import io.opsgate.engine.http.ApiRouter;
import io.opsgate.engine.http.HttpVerticle;
import io.opsgate.engine.console.ConsoleRouter;
import io.opsgate.engine.http.MetricsRouter;
import io.opsgate.engine.identity.IdentityService;
import io.opsgate.engine.identity.SessionAuthenticator;
import io.opsgate.engine.http.NotifyRouter;
import io.opsgate.engine.http.ServerInfo;
import io.opsgate.engine.jobs.JobService;
import io.opsgate.engine.kubernetes.KubernetesApi;
import io.opsgate.engine.kubernetes.RestKubernetesApi;
import io.opsgate.engine.mail.MailIntake;
import io.opsgate.engine.mail.SecretFiles;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.monitors.CheckResources;
import io.opsgate.engine.monitors.KubernetesMonitorStatus;
import io.opsgate.engine.monitors.MonitorService;
import io.opsgate.engine.monitors.MonitorStatusPublisher;
import io.opsgate.engine.notify.InternalToken;
import io.opsgate.engine.notify.delivery.NotifyService;
import io.opsgate.engine.notify.delivery.NotifySettings;
import io.opsgate.engine.security.SecurityService;
import io.opsgate.engine.security.audit.AccessLog;
import io.opsgate.engine.security.crypto.FileKekProvider;
import io.opsgate.engine.security.crypto.KekSource;
import io.opsgate.engine.security.crypto.LocalKeks;
import io.opsgate.engine.store.RocksDbStoreFactory;
import io.opsgate.engine.store.SealedStoreFactory;
import io.opsgate.engine.store.StoreFactory;
import io.opsgate.tls.TlsReloader;
import io.opsgate.engine.tenant.KubernetesRuleStatus;
import io.opsgate.engine.tenant.TenantComponent;
import io.opsgate.engine.tenant.TenantRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Puts a mode together: the stores, the tenant registry with every component plugged into the one tenant
 * lifecycle, the configuration source, and the listeners. Ingest and standalone run the pipeline's components
 * (handoff, monitors, jobs); notify and standalone run delivery.
 */
public final class EngineServer implements AutoCloseable {
    public static final String VERSION = "0.1.0";

    private final Options options;
    private final Clock clock;
    private final NotifySettings notifySettings;
    private Vertx vertx;
    private ConfigWatcher watcher;
    private TenantRegistry registry;
    private NotifyService notify;
    private Handoff handoff;
    /** How ingest reaches notify; null in notify mode. */
    private NotifyLink notifyLink;
    private SecurityService security;
    private TlsReloader tls;
    private int port;
    private int metricsPort = -1;
    private KubernetesApi kubernetes;
    /** How often ingest writes the AlertRules' match counts into their status, at most (30 s; tests shorten it). */
    private Duration ruleStatusEvery = Duration.ofSeconds(30);
    private KubernetesRuleStatus ruleStatus;
    private MonitorService monitors;
    /** The channels' HTTP client, held to each tenant's egress. */
    private EgressHttp channelHttp;
    /** How monitors and channels resolve host names before their tenant's egress is checked. */
    private EgressGate.Resolver resolver = EgressGate.Resolver.SYSTEM;
    private JobService jobs;
    private MailIntake mail;
    private IdentityService identity;

    public EngineServer(Options options, Clock clock) {
        this(options, clock, NotifySettings.fromEnvironment(System.getenv()));
    }

    /** With explicit delivery settings instead of the environment's (tests). */
    public EngineServer(Options options, Clock clock, NotifySettings notifySettings) {
        this.options = options;
        this.clock = clock;
        this.notifySettings = notifySettings;
    }

    /** Resolves monitors' and channels' host names with {@code resolver} (tests: names that point inward). */
    public EngineServer withResolver(EgressGate.Resolver resolver) {
        this.resolver = resolver;
        return this;
    }

    /** Writes the AlertRules' counts this often instead of every 30 s (tests); before start(). */
    public EngineServer withRuleStatusEvery(Duration every) {
        this.ruleStatusEvery = every;
        return this;
    }

    /** Uses this Kubernetes API instead of the pod's own (tests pass a local fake API server); before start(). */
    public EngineServer withKubernetes(KubernetesApi api) {
        this.kubernetes = api;
        return this;
    }

    /** Loads the configuration and every tenant's state, then listens. */
    public EngineServer start() throws Exception {
        EngineMetrics metrics = new EngineMetrics();
        new JvmMemoryMetrics().bindTo(metrics.registry());
        new ProcessorMetrics().bindTo(metrics.registry());
        KekSource keks = keks();
        StoreFactory stores = new SealedStoreFactory(new RocksDbStoreFactory(options.dataDir(),
                (tenant, nanos, writes) -> metrics.tenant(tenant).commit(nanos)), keks, clock);
        InternalToken internalToken = new InternalToken(InternalTokenFile.of(options, notifySettings));
        SecurityOptions sec = options.security();
        if (sec.tls()) {
            tls = new TlsReloader(sec.tlsCert(), sec.tlsKey(), clock);
        }
        if (!options.mode().equals("ingest")) {
            // Channels ask the tenant's credential vault first.
            channelHttp = new EgressHttp(null);
            notify = NotifyWiring.service(options, clock, metrics, notifySettings,
                    (namespace, name) -> security.credentialInNamespace(namespace, name), channelHttp, resolver);
        }
        if (!options.mode().equals("notify")) {
            notifyLink = NotifyWiring.link(options, notify, notifySettings, internalToken);
            handoff = new Handoff(notifyLink, clock);
            stores = OutboxTap.wrap(stores, handoff::committed);
        }
        registry = new TenantRegistry(stores, clock, metrics, options.tickMillis());
        security = securityService(keks);
        plugComponents();
        ConfigSource source = options.mode().equals("standalone")
                ? new DirectorySource(options.configDir(), options.secretsDir(), options.egressGuard())
                : new FileSource(options.configFile());
        watcher = new ConfigWatcher(source, registry::apply, options.pollMillis());
        watcher.start();
        security.start(Math.max(1000, options.pollMillis()));
        listen(metrics, internalToken);
        if (notify != null) {
            notify.externalUrl(notifySettings.externalUrl() != null ? notifySettings.externalUrl()
                    : options.mode().equals("standalone") ? "http://" + hostForUrl(options.host()) + ":" + port : null);
        }
        startMail(metrics);
        return this;
    }

    /**
     * The KEKs: the directory given (in a cluster the tenant's mounted Secret), else keys generated per tenant under
     * the data directory, which is weaker (docs/architecture.md, "Envelope encryption") and said so at start.
     */
    private KekSource keks() {
        Path dir = options.security().kekDir();
        if (dir != null) {
            return KekSource.shared(new FileKekProvider(dir));
        }
        LoggerFactory.getLogger(EngineServer.class).warn("no --kek-dir: each tenant's key-encryption key is generated under "
                + "{} on the data volume itself; a copy of the whole volume stays readable after a purge. Give --kek-dir "
                + "(a directory outside the data volume) or, in a cluster, the operator's mounted KEK",
                options.dataDir().resolve(LocalKeks.DIR));
        return new LocalKeks(options.dataDir(), clock);
    }

    private SecurityService securityService(KekSource keks) {
        SecurityOptions sec = options.security();
        boolean metricsPlain = sec.metricsHost() != null;
        AccessLog accessLog = options.mode().equals("notify") ? null
                : new AccessLog(options.dataDir(), clock, t -> security.logKeys(t), t -> security.logRetention(t));
        return new SecurityService(options.mode(), registry, options.dataDir(), keks, clock, accessLog,
                () -> tls == null ? TlsReloader.plain(metricsPlain) : tls.evidence(metricsPlain),
                options.mode().equals("ingest") ? notifyLink : null);
    }

    /**
     * Every per-tenant component, in start order (they stop in reverse): the access log's engine actions, then
     * delivery before the hand-off to it, then monitors and jobs, which feed the pipeline.
     */
    private void plugComponents() {
        registry.plug(security);
        if (notify != null) {
            registry.plug(notify);
        }
        if (handoff != null) {
            registry.plug(tenant -> {
                Runnable stop = handoff.start(tenant.name(), tenant.store(), tenant.outbox(), tenant.ticketNotes(),
                        () -> tenant.config().ticketRetentionMillis);
                return (TenantComponent.Stop why) -> stop.run();
            });
        }
        if (options.mode().equals("notify")) {
            return;
        }
        // Monitors and OpsJobs run where alerts are taken in: ingest and standalone, not notify.
        boolean standalone = options.mode().equals("standalone");
        if (kubernetes == null && !standalone) {
            kubernetes = RestKubernetesApi.inCluster(System.getenv(), RestKubernetesApi.SERVICE_ACCOUNT_DIR).orElse(null);
        }
        MonitorStatusPublisher status = kubernetes == null || standalone ? MonitorStatusPublisher.NONE
                : KubernetesMonitorStatus.withDefaults(kubernetes);
        monitors = new MonitorService(clock, new CheckResources(null, resolver), status);
        jobs = new JobService(clock, standalone, options.allowLocalJobs(), options.secretsDir(),
                (tenant, name) -> security.credential(tenant, name), kubernetes, 5_000);
        registry.plug(monitors);
        registry.plug(jobs);
        if (kubernetes != null && !standalone) {
            ruleStatus = new KubernetesRuleStatus(kubernetes, clock, ruleStatusEvery);
            registry.plug(ruleStatus);
        }
    }

    /** The API listener (one verticle instance per event loop), and the plain metrics listener when asked for. */
    private void listen(EngineMetrics metrics, InternalToken internalToken) throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
        Function<Vertx, Router> routes;
        if (options.mode().equals("notify")) {
            routes = new NotifyRouter(registry, metrics, notify, internalToken, security)::build;
        } else {
            // The console (docs/console.md): its own routes, and its sessions accepted by the tenant API.
            identity = new IdentityService(options.identity(), options.mode(), options.secretsDir(), clock);
            ApiRouter api = new ApiRouter(registry, metrics, new ServerInfo("opsgate-" + VERSION, clock.millis()),
                    new ApiRouter.Features(handoff, monitors, jobs), security, internalToken)
                    .withSessions(new SessionAuthenticator(registry, identity));
            ConsoleRouter console = new ConsoleRouter(registry, identity, security.accessLog());
            routes = v -> console.mount(api.build(v));
        }
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        // One instance per event loop on one shared socket; port -1 is Vert.x's "one random port, shared".
        int bindPort = options.port() == 0 ? -1 : options.port();
        List<HttpVerticle> instances = new CopyOnWriteArrayList<>();
        vertx.deployVerticle(() -> {
            HttpVerticle v = new HttpVerticle(options.host(), bindPort, routes, tls == null ? null : tls.current());
            instances.add(v);
            return v;
        }, new DeploymentOptions().setInstances(loops)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        port = instances.get(0).actualPort();
        if (identity != null) {
            identity.listenerBase((tls != null ? "https://" : "http://") + hostForUrl(options.host()) + ":" + port);
        }
        if (tls != null) {
            tls.start(options.pollMillis(), next -> instances.forEach(v -> v.updateKeyCert(next)));
        }
        SecurityOptions sec = options.security();
        if (sec.metricsHost() != null) {
            HttpVerticle m = new HttpVerticle(sec.metricsHost(), sec.metricsPort(), new MetricsRouter(registry, metrics)::build);
            vertx.deployVerticle(m).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            metricsPort = m.actualPort();
        }
    }

    /** The SMTP intake; a default address that is taken only warns, an address given on the command line must bind. */
    private void startMail(EngineMetrics metrics) throws Exception {
        if (!options.smtp().enabled()) {
            return;
        }
        try {
            mail = MailIntake.start(options.smtp(), registry, metrics,
                    SecretFiles.forMode(options.mode(), options.secretsDir()), tls, clock, options.pollMillis());
        } catch (Exception e) {
            if (options.smtp().explicit()) {
                close();
                throw e;
            }
            LoggerFactory.getLogger(EngineServer.class).warn("SMTP intake not started on {}:{} ({}); "
                    + "give --smtp-listen=<host:port> or --smtp-listen=off", options.smtp().host(), options.smtp().port(),
                    e.getMessage());
        }
    }

    /** The SMTP intake's port, or -1 when there is none. */
    public int smtpPort() {
        return mail == null ? -1 : mail.port();
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    public int port() {
        return port;
    }

    /** Notification delivery of this process (standalone and notify), or null. */
    public NotifyService notifyService() {
        return notify;
    }

    public TenantRegistry registry() {
        return registry;
    }

    /** The console's sign-in and sessions (standalone, ingest), or null in notify. */
    public IdentityService identity() {
        return identity;
    }

    /** The security controls of this process. */
    public SecurityService security() {
        return security;
    }

    /** The port of the plain metrics listener, or -1 when there is none. */
    public int metricsPort() {
        return metricsPort;
    }

    /**
     * Stops taking work (mail, listeners, configuration), then every tenant: the lifecycle stops each component's
     * part (a monitor leaves its alert as it is: the engine will check again), the lanes finish what is queued and
     * the stores close; then the components' shared threads and the access log.
     */
    @Override
    public void close() {
        if (mail != null) {
            mail.close();
        }
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                Thread.currentThread().interrupt();
            }
        }
        if (watcher != null) {
            watcher.close();
        }
        if (tls != null) {
            tls.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (jobs != null) {
            jobs.close();
        }
        if (monitors != null) {
            monitors.close();
        }
        if (ruleStatus != null) {
            ruleStatus.close();
        }
        if (security != null) {
            security.close();
        }
        if (channelHttp != null) {
            channelHttp.close();
        }
    }
}
