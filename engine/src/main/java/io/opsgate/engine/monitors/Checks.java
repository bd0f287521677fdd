package io.opsgate.engine.monitors;

import io.opsgate.api.v1alpha1.MonitorSpec;
import io.opsgate.engine.egress.EgressGate;

import java.time.Clock;
import java.util.function.Supplier;

/** The check of each monitor type; a Heartbeat has none (it is pushed, not pulled). */
final class Checks {
    private Checks() {
    }

    /** @param gate the tenant's egress in force, asked at every check (so a changed grant applies at once) */
    static Check of(MonitorSpec spec, CheckResources resources, Supplier<EgressGate> gate, Clock clock) {
        return switch (spec.type) {
            case HTTP -> new HttpCheckRunner(spec.http, resources, gate, clock);
            case TCP -> new TcpCheckRunner(spec.tcp, gate);
            case DNS -> new DnsCheckRunner(spec.dns, resources, gate);
            case TLS -> new TlsCheckRunner(spec.tls, resources, gate, clock);
            case PrometheusQuery -> new PrometheusQueryCheckRunner(spec.prometheusQuery, resources, gate);
            case Heartbeat -> null;
        };
    }
}
