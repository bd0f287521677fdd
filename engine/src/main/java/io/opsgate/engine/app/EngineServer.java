package io.opsgate.engine.app;

import io.opsgate.engine.config.ConfigSource;
import io.opsgate.engine.config.ConfigWatcher;
import io.opsgate.engine.config.DirectorySource;
import io.opsgate.engine.config.FileSource;
import io.opsgate.engine.config.TenantRegistry;
import io.opsgate.engine.console.ConsoleRouter;
import io.opsgate.engine.identity.IdentityService;
import io.opsgate.engine.identity.SessionAuthenticator;
import io.opsgate.engine.http.ApiRouter;
import io.opsgate.engine.http.HttpVerticle;
import io.opsgate.engine.http.NotifyRouter;
import io.opsgate.engine.http.ServerInfo;
import io.opsgate.engine.http.MetricsRouter;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.security.SecurityService;
import io.opsgate.engine.security.audit.AccessLog;
import io.opsgate.engine.security.crypto.FileKekProvider;
import io.opsgate.engine.security.tls.TlsReloader;
import io.opsgate.engine.jobs.JobService;
import io.opsgate.engine.kubernetes.KubernetesApi;
import io.opsgate.engine.kubernetes.RestKubernetesApi;
import io.opsgate.engine.mail.MailIntake;
import io.opsgate.engine.mail.SecretFiles;
import io.opsgate.engine.monitors.CheckResources;
import io.opsgate.engine.monitors.KubernetesMonitorStatus;
import io.opsgate.engine.monitors.MonitorService;
import io.opsgate.engine.monitors.MonitorStatusPublisher;
import io.opsgate.engine.notify.NotifySettings;
import io.opsgate.engine.notify.delivery.NotifyService;
import io.opsgate.engine.notify.handoff.Handoff;
import io.opsgate.engine.notify.handoff.InternalToken;
import io.opsgate.engine.notify.handoff.OutboxTap;
import io.opsgate.engine.store.RocksDbStoreFactory;
import io.opsgate.engine.store.StoreFactory;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Puts a mode together: configuration source, tenant registry with the stores, and the HTTP listener. */
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
    private SecurityService security;
    private TlsReloader tls;
    private int port;
    private int metricsPort = -1;
    private KubernetesApi kubernetes;
    private MonitorService monitors;
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

    /** Loads the configuration and every tenant's state, then listens. */
    public EngineServer start() throws Exception {
        EngineMetrics metrics = new EngineMetrics();
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(metrics.registry());
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(metrics.registry());
        StoreFactory stores = new RocksDbStoreFactory(options.dataDir(),
                (tenant, nanos, writes) -> metrics.tenant(tenant).commit(nanos));
        InternalToken internalToken = new InternalToken(internalTokenFile());
        if (!options.mode().equals("ingest")) {
            // Channels ask the tenant's credential vault first (set up below, before any delivery starts).
            notify = NotifyWiring.service(options, clock, metrics, notifySettings,
                    (namespace, name) -> security == null ? null : security.credentialInNamespace(namespace, name));
        }
        if (!options.mode().equals("notify")) {
            handoff = new Handoff(NotifyWiring.link(options, notify, notifySettings, internalToken), clock);
            stores = OutboxTap.wrap(stores, handoff::committed);
        }
        registry = new TenantRegistry(stores, clock, metrics, options.tickMillis());
        startMonitorsAndJobs();
        ConfigSource source = options.mode().equals("standalone")
                ? new DirectorySource(options.configDir(), options.secretsDir())
                : new FileSource(options.configFile());
        watcher = new ConfigWatcher(source, registry, options.pollMillis());
        watcher.start();
        SecurityOptions sec = options.security();
        if (sec.tls()) {
            tls = new TlsReloader(sec.tlsCert(), sec.tlsKey(), clock);
        }
        boolean metricsPlain = sec.metricsHost() != null;
        AccessLog accessLog = options.mode().equals("notify") ? null
                : new AccessLog(options.dataDir(), clock, t -> registry.tenant(t) != null, t -> security.logRetention(t));
        security = new SecurityService(options.mode(), registry, options.dataDir(),
                sec.kekDir() == null ? null : new FileKekProvider(sec.kekDir()), clock, accessLog,
                () -> tls == null ? TlsReloader.plain(metricsPlain) : tls.evidence(metricsPlain))
                .start(Math.max(1000, options.pollMillis()));
        if (notify != null) {
            notify.follow(registry);
        }
        if (handoff != null) {
            handoff.follow(registry);
        }

        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
        Function<Vertx, Router> routes;
        if (options.mode().equals("notify")) {
            routes = new NotifyRouter(registry, metrics, notify, internalToken, security)::build;
        } else {
            // The console (docs/console.md): its own routes, and its sessions accepted by the tenant API.
            identity = new IdentityService(options.identity(), options.mode(), options.secretsDir(), clock);
            ApiRouter api = new ApiRouter(registry, metrics, new ServerInfo("opsgate-" + VERSION, clock.millis()), handoff,
                    security, internalToken).withSessions(new SessionAuthenticator(registry, identity));
            ConsoleRouter console = new ConsoleRouter(registry, identity, accessLog);
            routes = v -> console.mount(api.build(v));
        }
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        // One instance per event loop on one shared socket; port -1 is Vert.x's "one random port, shared".
        int bindPort = options.port() == 0 ? -1 : options.port();
        java.util.List<HttpVerticle> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
        vertx.deployVerticle(() -> {
            HttpVerticle v = new HttpVerticle(options.host(), bindPort, routes, tls == null ? null : tls.current());
            instances.add(v);
            return v;
        }, new DeploymentOptions().setInstances(loops)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        port = instances.get(0).actualPort();
        if (identity != null) {
            identity.listenerBase((sec.tls() ? "https://" : "http://") + hostForUrl(options.host()) + ":" + port);
        }
        if (tls != null) {
            tls.start(options.pollMillis(), next -> instances.forEach(v -> v.updateKeyCert(next)));
        }
        if (metricsPlain) {
            HttpVerticle m = new HttpVerticle(sec.metricsHost(), sec.metricsPort(), new MetricsRouter(registry, metrics)::build);
            vertx.deployVerticle(m).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            metricsPort = m.actualPort();
        }
        if (notify != null) {
            notify.externalUrl(notifySettings.externalUrl() != null ? notifySettings.externalUrl()
                    : options.mode().equals("standalone") ? "http://" + hostForUrl(options.host()) + ":" + port : null);
        }
        startMail(metrics);
        return this;
    }

    /**
     * The internal token's file: {@code --internal-token-file}; else the environment's; standalone without
     * either uses {@code <data>/internal-token}, created with 32 random bytes when missing.
     */
    private java.nio.file.Path internalTokenFile() throws java.io.IOException {
        if (options.security().internalTokenFile() != null) {
            return options.security().internalTokenFile();
        }
        if (!options.mode().equals("standalone") || java.nio.file.Files.exists(notifySettings.internalTokenFile())) {
            return notifySettings.internalTokenFile();
        }
        java.nio.file.Path file = options.dataDir().resolve("internal-token");
        if (!java.nio.file.Files.exists(file)) {
            java.nio.file.Files.createDirectories(options.dataDir());
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            java.nio.file.Files.writeString(file, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random));
            try {
                java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions protect it
            }
        }
        return file;
    }

    /** Uses this Kubernetes API instead of the pod's own (tests pass a local fake API server); before start(). */
    public EngineServer withKubernetes(KubernetesApi api) {
        this.kubernetes = api;
        return this;
    }

    /** Monitors and OpsJobs run where alerts are taken in: ingest and standalone, not notify. */
    private void startMonitorsAndJobs() {
        if (options.mode().equals("notify")) {
            return;
        }
        boolean standalone = options.mode().equals("standalone");
        if (kubernetes == null && !standalone) {
            kubernetes = RestKubernetesApi.inCluster(System.getenv(), RestKubernetesApi.SERVICE_ACCOUNT_DIR).orElse(null);
        }
        MonitorStatusPublisher status = kubernetes == null || standalone ? MonitorStatusPublisher.NONE
                : KubernetesMonitorStatus.withDefaults(kubernetes);
        monitors = new MonitorService(clock, new CheckResources(null), status);
        jobs = new JobService(clock, standalone, options.allowLocalJobs(), options.secretsDir(),
                (tenant, name) -> security == null ? null : security.credential(tenant, name), kubernetes, 5_000);
        registry.addListener(monitors);
        registry.addListener(jobs);
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
            org.slf4j.LoggerFactory.getLogger(EngineServer.class).warn("SMTP intake not started on {}:{} ({}); "
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
        if (security != null) {
            security.close();
        }
        // Before the registry: stopping the engine must not resolve what monitors have firing.
        if (jobs != null) {
            jobs.close();
        }
        if (monitors != null) {
            monitors.close();
        }
        if (handoff != null) {
            handoff.close();
        }
        if (notify != null) {
            notify.close();
        }
        if (registry != null) {
            registry.close();
        }
    }
}
