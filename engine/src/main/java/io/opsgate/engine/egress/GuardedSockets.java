package io.opsgate.engine.egress;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * Plain sockets that connect only where an {@link EgressGate} allows, for code that opens its own sockets (the TCP
 * and TLS checks, SMTP through Jakarta Mail): an unresolved address is resolved by the gate, a resolved one is
 * checked, before the connection is attempted. {@link #tls} gives the SSL factory Jakarta Mail is handed: its plain
 * sockets are these, and TLS is layered on them afterwards, so implicit TLS and STARTTLS both go through the gate.
 */
public final class GuardedSockets extends SocketFactory {
    private final EgressGate gate;

    public GuardedSockets(EgressGate gate) {
        this.gate = gate;
    }

    /** An unconnected socket; {@code connect} checks its destination. */
    @Override
    public Socket createSocket() {
        return new GuardedSocket(gate);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(InetSocketAddress.createUnresolved(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket s = createSocket();
        s.bind(new InetSocketAddress(localHost, localPort));
        s.connect(InetSocketAddress.createUnresolved(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket s = createSocket();
        s.bind(new InetSocketAddress(localAddress, localPort));
        s.connect(new InetSocketAddress(address, port));
        return s;
    }

    /** An SSL factory whose connections are opened by this gate and then wrapped by {@code tls}. */
    public SSLSocketFactory tls(SSLSocketFactory tls) {
        return new GuardedTlsSockets(this, tls);
    }

    /** A socket whose connect goes through the gate. */
    static final class GuardedSocket extends Socket {
        private final EgressGate gate;

        GuardedSocket(EgressGate gate) {
            this.gate = gate;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress a)) {
                throw new EgressRefusedException("not an internet address: " + endpoint);
            }
            InetAddress target;
            if (a.isUnresolved()) {
                target = gate.resolve(a.getHostString(), a.getPort());
            } else {
                target = a.getAddress();
                gate.check(target, a.getPort());
            }
            super.connect(new InetSocketAddress(target, a.getPort()), timeout);
        }
    }
}
