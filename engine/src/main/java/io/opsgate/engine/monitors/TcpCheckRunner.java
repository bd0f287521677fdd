package io.opsgate.engine.monitors;

import io.opsgate.api.v1alpha1.TcpCheck;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** A TCP connect to host:port, closed right after it succeeds. */
final class TcpCheckRunner implements Check {
    private final TcpCheck spec;

    TcpCheckRunner(TcpCheck spec) {
        this.spec = spec;
    }

    @Override
    public String target() {
        return HostPort.format(spec.host, spec.port);
    }

    @Override
    public CheckOutcome run(Duration timeout) {
        Elapsed elapsed = new Elapsed();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(spec.host, spec.port), (int) Math.max(1, timeout.toMillis()));
            return CheckOutcome.up("connected", elapsed.millis());
        } catch (IOException | IllegalArgumentException e) {
            return CheckOutcome.down(target() + ": " + CheckErrors.describe(e), elapsed.millis());
        }
    }
}
