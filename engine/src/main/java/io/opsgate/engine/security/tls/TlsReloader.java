package io.opsgate.engine.security.tls;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
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
 * Watches a listener's certificate and key files and applies a change to the running servers without
 * closing them. A change is applied only after two consecutive polls read the same new content, so a
 * Secret update caught between the certificate and the key file (or mid-write) is never applied.
 */
public final class TlsReloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path certFile;
    private final Path keyFile;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private volatile TlsMaterial applied;
    private volatile X509Certificate leaf;
    private volatile long reloadedAt;
    private TlsMaterial candidate;
    private final List<Consumer<TlsMaterial>> listeners = new CopyOnWriteArrayList<>();

    /** Reads the files once; fails when they are unreadable or hold no certificate. */
    public TlsReloader(Path certFile, Path keyFile, Clock clock) throws IOException, GeneralSecurityException {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.clock = clock;
        this.applied = TlsMaterial.read(certFile, keyFile);
        this.leaf = applied.leaf();
        this.reloadedAt = clock.millis();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tls-reload");
            t.setDaemon(true);
            return t;
        });
    }

    /** The key and certificate to start the listeners with. */
    public PemKeyCertOptions current() {
        return options(applied);
    }

    /** Polls every {@code periodMillis} and hands a confirmed change to {@code apply} (the Vert.x listeners). */
    public TlsReloader start(long periodMillis, Consumer<PemKeyCertOptions> apply) {
        onChange(m -> apply.accept(options(m)));
        return start(periodMillis);
    }

    /** Polls every {@code periodMillis}, handing each confirmed change to the {@link #onChange} listeners. */
    public TlsReloader start(long periodMillis) {
        timer.scheduleWithFixedDelay(this::poll, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Also hands each confirmed change to {@code listener} (a listener that is not a Vert.x server, such as the
     * SMTP intake's STARTTLS); a listener that fails keeps its previous material and does not stop the others.
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

    private void poll() {
        try {
            TlsMaterial read = TlsMaterial.read(certFile, keyFile);
            if (read.equals(applied)) {
                candidate = null;
                return;
            }
            if (!read.equals(candidate)) {
                candidate = read;
                return;
            }
            X509Certificate next = read.leaf();
            for (Consumer<TlsMaterial> listener : listeners) {
                try {
                    listener.accept(read);
                } catch (RuntimeException e) {
                    LOG.warn("TLS certificate from {} not applied to a listener: {}", certFile, e.getMessage());
                }
            }
            applied = read;
            leaf = next;
            reloadedAt = clock.millis();
            candidate = null;
            LOG.info("TLS certificate reloaded: {}, valid until {}", next.getSubjectX500Principal(), next.getNotAfter().toInstant());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.warn("TLS files {} not (yet) usable: {}", certFile, e.getMessage());
        }
    }

    private static PemKeyCertOptions options(TlsMaterial m) {
        return new PemKeyCertOptions().setCertValue(Buffer.buffer(m.cert())).setKeyValue(Buffer.buffer(m.key()));
    }

    /** The TLS evidence of GET /internal/v1/security. */
    public ObjectNode evidence(boolean metricsPlain) {
        ObjectNode t = JSON.createObjectNode();
        t.put("enabled", true);
        t.put("certificateNotAfter", leaf.getNotAfter().toInstant().toString());
        t.put("certificateSubject", leaf.getSubjectX500Principal().getName());
        t.put("reloadedAt", Instant.ofEpochMilli(reloadedAt).toString());
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

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
