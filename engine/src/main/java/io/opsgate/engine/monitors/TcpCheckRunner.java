package io.opsgate.engine.monitors;

import io.opsgate.api.v1alpha1.TcpCheck;
import io.opsgate.engine.egress.EgressGate;
import io.opsgate.engine.egress.GuardedSockets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Supplier;

/** A TCP connect to host:port, within the tenant's egress, closed right after it succeeds. */
final class TcpCheckRunner implements Check {
    private final TcpCheck spec;
    private final Supplier<EgressGate> gate;

    TcpCheckRunner(TcpCheck spec, Supplier<EgressGate> gate) {
        this.spec = spec;
        this.gate = gate;
    }

    @Override
    public String target() {
        return HostPort.format(spec.host, spec.port);
    }

    @Override
    public CheckOutcome run(Duration timeout) {
        Elapsed elapsed = new Elapsed();
        try (Socket s = new GuardedSockets(gate.get()).createSocket()) {
            s.connect(InetSocketAddress.createUnresolved(spec.host, spec.port), (int) Math.max(1, timeout.toMillis()));
            return CheckOutcome.up("connected", elapsed.millis());
        } catch (IOException | IllegalArgumentException e) {
            return CheckOutcome.down(target() + ": " + CheckErrors.describe(e), elapsed.millis());
        }
    }
}
