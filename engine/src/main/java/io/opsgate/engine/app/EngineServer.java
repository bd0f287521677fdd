package io.opsgate.engine.app;

import io.opsgate.engine.config.ConfigSource;
import io.opsgate.engine.config.ConfigWatcher;
import io.opsgate.engine.config.DirectorySource;
import io.opsgate.engine.config.FileSource;
import io.opsgate.engine.config.TenantRegistry;
import io.opsgate.engine.http.ApiRouter;
import io.opsgate.engine.http.HttpVerticle;
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
    private int port;
    private KubernetesApi kubernetes;
    private MonitorService monitors;
    private JobService jobs;
    private MailIntake mail;

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
        InternalToken internalToken = new InternalToken(notifySettings.internalTokenFile());
        if (!options.mode().equals("ingest")) {
            notify = NotifyWiring.service(options, clock, metrics, notifySettings);
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
        if (notify != null) {
            notify.follow(registry);
        }
        if (handoff != null) {
            handoff.follow(registry);
        }

        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
        Function<Vertx, Router> routes = options.mode().equals("notify")
                ? new NotifyRouter(registry, metrics, notify, internalToken)::build
                : new ApiRouter(registry, metrics, new ServerInfo("opsgate-" + VERSION, clock.millis()), handoff)::build;
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        // One instance per event loop on one shared socket; port -1 is Vert.x's "one random port, shared".
        int bindPort = options.port() == 0 ? -1 : options.port();
        java.util.List<HttpVerticle> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
        vertx.deployVerticle(() -> {
            HttpVerticle v = new HttpVerticle(options.host(), bindPort, routes);
            instances.add(v);
            return v;
        }, new DeploymentOptions().setInstances(loops)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        port = instances.get(0).actualPort();
        if (notify != null) {
            notify.externalUrl(notifySettings.externalUrl() != null ? notifySettings.externalUrl()
                    : options.mode().equals("standalone") ? "http://" + hostForUrl(options.host()) + ":" + port : null);
        }
        startMail(metrics);
        return this;
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
        jobs = new JobService(clock, standalone, options.allowLocalJobs(), options.secretsDir(), kubernetes, 5_000);
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
                    SecretFiles.forMode(options.mode(), options.secretsDir()));
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
