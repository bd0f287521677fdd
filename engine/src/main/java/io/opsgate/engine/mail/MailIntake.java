package io.opsgate.engine.mail;

import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.tls.TlsContexts;
import io.opsgate.tls.TlsReloader;
import io.opsgate.engine.tenant.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.SMTPServer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;

/**
 * The SMTP listener of the ingest workload and of standalone mode (subethasmtp): STARTTLS with the given, the
 * other listeners' or a self-signed certificate (reloaded when its files change), AUTH PLAIN and LOGIN after
 * STARTTLS, SIZE advertised, one {@link MailTransaction} per mail. Tenants share it; recipients decide whose a mail is.
 * Its memory is bounded by {@link MailBuffers}, whatever the number and size of mails in transit.
 */
public final class MailIntake implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MailIntake.class);
    /** The largest maxMessageBytes an AlertSource may declare; advertised as SIZE. Sources' own limits apply too. */
    static final int MAX_MESSAGE_BYTES = 52_428_800;

    private final SMTPServer server;
    private final TlsReloader ownReloader;

    private MailIntake(SMTPServer server, TlsReloader ownReloader) {
        this.server = server;
        this.ownReloader = ownReloader;
    }

    /**
     * Opens the listener. STARTTLS serves {@code --smtp-tls-cert}/{@code --smtp-tls-key} when given and present
     * (the operator passes the listeners' /var/run/opsgate/tls files), else the certificate of the other
     * listeners ({@code listenersTls}, {@code --tls-cert}), else a self-signed one. Certificates from files follow their renewal as the other listeners do: a new STARTTLS session takes
     * the new certificate once two polls read the same new content.
     *
     * @param listenersTls the reloader of the API listeners' certificate, or null when they are plain
     * @param pollMillis   how often the SMTP certificate files of their own are checked; 0 reads them once
     * @throws Exception when the certificate cannot be read or made, or the address cannot be bound
     */
    public static MailIntake start(SmtpOptions options, TenantRegistry registry, EngineMetrics metrics,
                                   SecretFiles secrets, TlsReloader listenersTls, Clock clock, long pollMillis)
            throws Exception {
        AtomicReference<SSLContext> current = new AtomicReference<>();
        TlsReloader source = null;
        TlsReloader own = null;
        // In a cluster the certificate comes from an optional Secret: until the platform team creates it
        // the files are absent, and mail must still flow (STARTTLS with a certificate made here).
        if (options.tlsCert() != null && Files.isRegularFile(options.tlsCert())) {
            if (listenersTls != null && sameFile(listenersTls.certFile(), options.tlsCert())) {
                source = listenersTls;
            } else if (pollMillis > 0) {
                own = new TlsReloader(options.tlsCert(), options.tlsKey(), clock);
                source = own;
            } else {
                current.set(TlsContexts.context(TlsContexts.readPem(options.tlsCert(), options.tlsKey())));
            }
            LOG.info("SMTP STARTTLS certificate from {}", options.tlsCert());
        } else if (listenersTls != null) {
            source = listenersTls;
            LOG.info("SMTP STARTTLS certificate from {}, as the other listeners", listenersTls.certFile());
        } else {
            TlsContexts.KeyAndChain key = TlsContexts.selfSigned(options.host());
            LOG.warn("SMTP STARTTLS uses a self-signed certificate made at start (subject {}); {}",
                    key.chain()[0].getSubjectX500Principal().getName(), options.tlsCert() == null
                            ? "give --smtp-tls-cert and --smtp-tls-key (or --tls-cert and --tls-key) for one senders can verify"
                            : options.tlsCert() + " does not exist");
            current.set(TlsContexts.context(key));
        }
        if (source != null) {
            // Subscribed before the first read, so a renewal in between is not lost.
            source.onChange(m -> {
                try {
                    current.set(m.serverContext());
                    LOG.info("SMTP STARTTLS certificate reloaded");
                } catch (Exception e) {
                    throw new IllegalStateException("SMTP STARTTLS keeps its certificate: " + e.getMessage(), e);
                }
            });
            current.compareAndSet(null, source.material().serverContext());
        }
        if (own != null) {
            own.start(pollMillis);
        }
        try {
            return new MailIntake(server(options, registry, metrics, secrets, current), own);
        } catch (Exception e) {
            if (own != null) {
                own.close();
            }
            throw e;
        }
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static SMTPServer server(SmtpOptions options, TenantRegistry registry, EngineMetrics metrics,
                                     SecretFiles secrets, AtomicReference<SSLContext> tls) throws Exception {
        RecipientRouter router = new RecipientRouter(registry);
        MailBuffers buffers = new MailBuffers();
        MailAuthenticator auth = new MailAuthenticator(registry, secrets, metrics, options.insecureAuth());
        SMTPServer server = SMTPServer.port(options.port())
                .bindAddress(InetAddress.getByName(options.host()))
                .hostName("opsgate")
                .softwareName("opsgate")
                .messageHandlerFactory(ctx -> new MailTransaction(ctx, router, metrics, buffers))
                .authenticationHandlerFactory(auth)
                .sessionHandler(auth.sessions())
                .enableTLS()
                .startTlsSocketFactory(socket -> {
                    InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
                    // getHostString, not getHostName: no reverse DNS lookup per connection.
                    SSLSocket s = (SSLSocket) tls.get().getSocketFactory().createSocket(socket, peer.getHostString(),
                            socket.getPort(), true);
                    s.setUseClientMode(false);
                    return s;
                })
                .maxMessageSize(MAX_MESSAGE_BYTES)
                .insertReceivedHeaders(false)
                .maxConnections(200)
                .maxRecipients(100)
                .connectionTimeout(60, TimeUnit.SECONDS)
                .serverThreadName("smtp-intake")
                .build();
        server.start();
        return server;
    }

    /** The port listened on (the one chosen when 0 was asked for). */
    public int port() {
        return server.getPortAllocated();
    }

    @Override
    public void close() {
        server.stop();
        if (ownReloader != null) {
            ownReloader.close();
        }
    }
}
