package io.opsgate.engine.egress;

import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

/**
 * The SSL factory of {@link GuardedSockets#tls}: {@code createSocket()} hands out a plain guarded socket (Jakarta
 * Mail connects it, then layers TLS on it through {@link #createSocket(Socket, String, int, boolean)}, keeping the
 * host name for SNI and the certificate check); every other way of opening a socket goes through the gate first.
 */
final class GuardedTlsSockets extends SSLSocketFactory {
    private final GuardedSockets plain;
    private final SSLSocketFactory tls;

    GuardedTlsSockets(GuardedSockets plain, SSLSocketFactory tls) {
        this.plain = plain;
        this.tls = tls;
    }

    @Override
    public Socket createSocket() {
        return plain.createSocket();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return tls.createSocket(s, host, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return tls.createSocket(plain.createSocket(host, port), host, port, true);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return tls.createSocket(plain.createSocket(host, port, localHost, localPort), host, port, true);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return tls.createSocket(plain.createSocket(host, port), host.getHostAddress(), port, true);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return tls.createSocket(plain.createSocket(address, port, localAddress, localPort), address.getHostAddress(), port,
                true);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }
}
