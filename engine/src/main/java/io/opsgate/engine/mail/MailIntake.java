package io.opsgate.engine.mail;

import io.opsgate.engine.config.TenantRegistry;
import io.opsgate.engine.metrics.EngineMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.SMTPServer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * The SMTP listener of the ingest workload and of standalone mode (subethasmtp): STARTTLS with the given or a
 * self-signed certificate, AUTH PLAIN and LOGIN after STARTTLS, SIZE advertised, one {@link MailTransaction}
 * per mail. Tenants share it; recipients decide whose a mail is.
 */
public final class MailIntake implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MailIntake.class);
    /** The largest maxMessageBytes an AlertSource may declare; advertised as SIZE. Sources' own limits apply too. */
    static final int MAX_MESSAGE_BYTES = 52_428_800;

    private final SMTPServer server;

    private MailIntake(SMTPServer server) {
        this.server = server;
    }

    /**
     * Opens the listener.
     *
     * @throws Exception when the certificate cannot be read or made, or the address cannot be bound
     */
    public static MailIntake start(SmtpOptions options, TenantRegistry registry, EngineMetrics metrics,
                                   SecretFiles secrets) throws Exception {
        TlsContexts.KeyAndChain key;
        // In a cluster the certificate comes from an optional Secret: until the platform team creates it
        // the files are absent, and mail must still flow (STARTTLS with a certificate made here).
        if (options.tlsCert() != null && Files.isRegularFile(options.tlsCert())) {
            key = TlsContexts.readPem(options.tlsCert(), options.tlsKey());
            LOG.info("SMTP STARTTLS certificate from {}", options.tlsCert());
        } else {
            key = TlsContexts.selfSigned(options.host());
            LOG.warn("SMTP STARTTLS uses a self-signed certificate made at start (subject {}); {}",
                    key.chain()[0].getSubjectX500Principal().getName(), options.tlsCert() == null
                            ? "give --smtp-tls-cert and --smtp-tls-key for one senders can verify"
                            : options.tlsCert() + " does not exist");
        }
        SSLContext tls = TlsContexts.context(key);
        RecipientRouter router = new RecipientRouter(registry);
        MailAuthenticator auth = new MailAuthenticator(registry, secrets, metrics, options.insecureAuth());
        SMTPServer server = SMTPServer.port(options.port())
                .bindAddress(InetAddress.getByName(options.host()))
                .hostName("opsgate")
                .softwareName("opsgate")
                .messageHandlerFactory(ctx -> new MailTransaction(ctx, router, metrics))
                .authenticationHandlerFactory(auth)
                .sessionHandler(auth.sessions())
                .enableTLS()
                .startTlsSocketFactory(socket -> {
                    InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
                    // getHostString, not getHostName: no reverse DNS lookup per connection.
                    SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(socket, peer.getHostString(),
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
        return new MailIntake(server);
    }

    /** The port listened on (the one chosen when 0 was asked for). */
    public int port() {
        return server.getPortAllocated();
    }

    @Override
    public void close() {
        server.stop();
    }
}
