package io.opsgate.engine.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Loads the configuration at start and again whenever its source changes. Polling (not inotify) works
 * the same for a directory, a plain file and a Kubernetes Secret mount, whose files change by symlink swap.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final ConfigSource source;
    private final Consumer<LoadedConfig> install;
    private final long pollMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "config-watcher");
        t.setDaemon(true);
        return t;
    });
    private String version;

    /** @param install takes each load (the tenant registry, which decides whether it replaces what runs) */
    public ConfigWatcher(ConfigSource source, Consumer<LoadedConfig> install, long pollMillis) {
        this.source = source;
        this.install = install;
        this.pollMillis = pollMillis;
    }

    /** Loads once (blocking), then watches. */
    public void start() {
        version = source.version();
        LOG.info("loading configuration from {}", source.describe());
        install.accept(source.load());
        timer.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** Checks the source once; reloads when it changed. */
    public void poll() {
        try {
            String v = source.version();
            if (!v.equals(version)) {
                version = v;
                LOG.info("{} changed; reloading", source.describe());
                install.accept(source.load());
            }
        } catch (RuntimeException e) {
            LOG.error("configuration reload failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
