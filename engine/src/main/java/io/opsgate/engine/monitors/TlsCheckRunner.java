package io.opsgate.engine.monitors;

import io.opsgate.api.v1alpha1.TlsCheck;
import io.opsgate.engine.egress.EgressGate;
import io.opsgate.engine.egress.GuardedSockets;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A TLS handshake with host:port and the validity left on the server certificate. The chain is verified
 * as clients would (trust and host name), but the certificate is looked at either way, so an untrusted
 * certificate that also expires soon reports both.
 */
final class TlsCheckRunner implements Check {
    private final TlsCheck spec;
    private final X509ExtendedTrustManager trust;
    private final Supplier<EgressGate> gate;
    private final Clock clock;

    TlsCheckRunner(TlsCheck spec, CheckResources resources, Supplier<EgressGate> gate, Clock clock) {
        this.spec = spec;
        this.trust = resources.trust();
        this.gate = gate;
        this.clock = clock;
    }

    @Override
    public String target() {
        return HostPort.format(spec.host, port());
    }

    private int port() {
        return spec.port == null ? 443 : spec.port;
    }

    @Override
    public CheckOutcome run(Duration timeout) {
        Elapsed elapsed = new Elapsed();
        Recording recording = new Recording(trust);
        String serverName = spec.serverName == null || spec.serverName.isBlank() ? spec.host : spec.serverName;
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket raw = new GuardedSockets(gate.get()).createSocket()) {
            raw.connect(InetSocketAddress.createUnresolved(spec.host, port()), millis);
            raw.setSoTimeout(millis);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[]{recording}, null);
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, serverName, port(), false)) {
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                if (!isIpLiteral(serverName)) {
                    params.setServerNames(List.of(new SNIHostName(serverName)));
                }
                tls.setSSLParameters(params);
                tls.startHandshake();
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            if (recording.chain == null) {
                return CheckOutcome.down(target() + ": " + CheckErrors.describe(e), elapsed.millis());
            }
        }
        if (recording.chain == null || recording.chain.length == 0) {
            return CheckOutcome.down(target() + ": the server sent no certificate", elapsed.millis());
        }
        List<String> problems = new ArrayList<>();
        int days = spec.expiryDays == null ? 14 : spec.expiryDays;
        String expiry = CertificateExpiry.problem(recording.chain[0], days, clock.instant());
        if (expiry != null) {
            problems.add(expiry);
        }
        if (recording.untrusted != null) {
            problems.add("certificate not trusted: " + recording.untrusted);
        }
        return problems.isEmpty()
                ? CheckOutcome.up("certificate valid until " + recording.chain[0].getNotAfter().toInstant(), elapsed.millis())
                : CheckOutcome.down(String.join("; ", problems), elapsed.millis());
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("^[0-9.]+$");
    }

    /** Verifies with the real trust, but records the chain and the verdict instead of failing the handshake. */
    private static final class Recording extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private X509Certificate[] chain;
        private String untrusted;

        Recording(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            this.chain = chain;
            try {
                delegate.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                untrusted = e.getMessage();
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            this.chain = chain;
            try {
                delegate.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                untrusted = e.getMessage();
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            this.chain = chain;
            try {
                delegate.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                untrusted = e.getMessage();
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("a monitor is never a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("a monitor is never a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a monitor is never a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
