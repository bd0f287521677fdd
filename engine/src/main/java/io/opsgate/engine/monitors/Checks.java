package io.opsgate.engine.monitors;

import io.opsgate.api.v1alpha1.MonitorSpec;

import java.time.Clock;

/** The check of each monitor type; a Heartbeat has none (it is pushed, not pulled). */
final class Checks {
    private Checks() {
    }

    static Check of(MonitorSpec spec, CheckResources resources, Clock clock) {
        return switch (spec.type) {
            case HTTP -> new HttpCheckRunner(spec.http, resources, clock);
            case TCP -> new TcpCheckRunner(spec.tcp);
            case DNS -> new DnsCheckRunner(spec.dns, resources);
            case TLS -> new TlsCheckRunner(spec.tls, resources, clock);
            case PrometheusQuery -> new PrometheusQueryCheckRunner(spec.prometheusQuery, resources);
            case Heartbeat -> null;
        };
    }
}
