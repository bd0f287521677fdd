package io.opsgate.tls;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.net.PemKeyCertOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches a listener's mounted certificate and key and hands a change to the running servers without
 * closing them (cert-manager renews, the operator rotates the Secret): connections open already keep
 * their certificate, new ones get the new one.
 *
 * <p>Polling the content, not file events: Secret volumes change by swapping a symlink, which file
 * watchers report unreliably. A new content is applied only once two polls in a row read it, so a
 * certificate and key read halfway through the kubelet's swap (or mid-write) are never paired. Content
 * that holds no certificate is refused, logged once, and the listeners keep what they have.
 */
public final class TlsReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path certFile;
    private final Path keyFile;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final List<Consumer<TlsMaterial>> listeners = new CopyOnWriteArrayList<>();
    private volatile TlsMaterial applied;
    private volatile X509Certificate leaf;
    private volatile Instant reloadedAt;
    private TlsMaterial candidate;
    private TlsMaterial refused;

    /** Reads the files once; fails when they are unreadable or hold no certificate. */
    public TlsReloader(Path certFile, Path keyFile, Clock clock) throws IOException, GeneralSecurityException {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.clock = clock;
        this.applied = TlsMaterial.read(certFile, keyFile);
        this.leaf = applied.leaf();
        this.reloadedAt = Instant.ofEpochMilli(clock.millis());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tls-reload");
            t.setDaemon(true);
            return t;
        });
    }

    /** The key and certificate to start the listeners with. */
    public PemKeyCertOptions current() {
        return applied.keyCertOptions();
    }

    /** Polls every {@code periodMillis} and hands a confirmed change to {@code apply} (the Vert.x listeners). */
    public TlsReloader start(long periodMillis, Consumer<PemKeyCertOptions> apply) {
        onChange(m -> apply.accept(m.keyCertOptions()));
        return start(periodMillis);
    }

    /** Polls every {@code periodMillis}, handing each confirmed change to the {@link #onChange} listeners. */
    public TlsReloader start(long periodMillis) {
        timer.scheduleWithFixedDelay(this::poll, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Also hands each confirmed change to {@code listener} (a listener that is not a Vert.x server, such as
     * the SMTP intake's STARTTLS); a listener that fails keeps its previous material and does not stop the
     * others.
     */
    public void onChange(Consumer<TlsMaterial> listener) {
        listeners.add(listener);
    }

    /** The material applied now. */
    public TlsMaterial material() {
        return applied;
    }

    /** The certificate file watched. */
    public Path certFile() {
        return certFile;
    }

    /** When the material applied now was read: the start, or the last reload. */
    public Instant reloadedAt() {
        return reloadedAt;
    }

    /**
     * One poll.
     *
     * @return whether a change was handed to the listeners
     */
    boolean poll() {
        TlsMaterial read;
        try {
            read = TlsMaterial.read(certFile, keyFile);
        } catch (IOException | RuntimeException e) {
            LOG.warn("TLS files {} not (yet) readable: {}", certFile, e.toString());
            return false;
        }
        if (read.equals(applied) || read.equals(refused)) {
            candidate = null;
            return false;
        }
        if (!read.equals(candidate)) {
            candidate = read;
            return false;
        }
        candidate = null;
        X509Certificate next;
        try {
            next = read.leaf();
        } catch (GeneralSecurityException | RuntimeException e) {
            refused = read;
            LOG.warn("cannot use the TLS files {} and {} (sha256 {}); keeping the current certificate: {}", certFile,
                    keyFile, read.sha256().substring(0, 12), e.toString());
            return false;
        }
        for (Consumer<TlsMaterial> listener : listeners) {
            try {
                listener.accept(read);
            } catch (RuntimeException e) {
                LOG.warn("TLS certificate from {} not applied to a listener: {}", certFile, e.getMessage());
            }
        }
        applied = read;
        leaf = next;
        reloadedAt = Instant.ofEpochMilli(clock.millis());
        refused = null;
        LOG.info("TLS certificate reloaded: {}, valid until {}", next.getSubjectX500Principal(),
                next.getNotAfter().toInstant());
        return true;
    }

    /** The TLS evidence of the engine's GET /internal/v1/security. */
    public ObjectNode evidence(boolean metricsPlain) {
        ObjectNode t = JSON.createObjectNode();
        t.put("enabled", true);
        t.put("certificateNotAfter", leaf.getNotAfter().toInstant().toString());
        t.put("certificateSubject", leaf.getSubjectX500Principal().getName());
        t.put("reloadedAt", reloadedAt.toString());
        t.put("metricsPlain", metricsPlain);
        return t;
    }

    /** The evidence of a listener without TLS. */
    public static ObjectNode plain(boolean metricsPlain) {
        ObjectNode t = JSON.createObjectNode();
        t.put("enabled", false);
        t.putNull("certificateNotAfter");
        t.put("metricsPlain", metricsPlain);
        return t;
    }

    /** Stops polling. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
