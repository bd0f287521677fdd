package io.opsgate.operator.tenant.model;

import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.DnsCheck;
import io.opsgate.api.v1alpha1.HeartbeatCheck;
import io.opsgate.api.v1alpha1.HttpCheck;
import io.opsgate.api.v1alpha1.MonitorSpec;
import io.opsgate.api.v1alpha1.PrometheusQueryCheck;
import io.opsgate.api.v1alpha1.TcpCheck;
import io.opsgate.api.v1alpha1.TlsCheck;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MonitorTargetsTest {

    static NamedSpec<MonitorSpec> monitor(MonitorSpec.MonitorType type, java.util.function.Consumer<MonitorSpec> fill) {
        MonitorSpec s = new MonitorSpec();
        s.type = type;
        fill.accept(s);
        return new NamedSpec<>("m", 1L, s);
    }

    @Test
    void everyKindOfCheckNamesItsDestination() {
        List<MonitorTarget> t = MonitorTargets.of(List.of(
                monitor(MonitorSpec.MonitorType.HTTP, s -> {
                    s.http = new HttpCheck();
                    s.http.url = "https://shop.example/health";
                }),
                monitor(MonitorSpec.MonitorType.HTTP, s -> {
                    s.http = new HttpCheck();
                    s.http.url = "http://203.0.113.7:8080/";
                }),
                monitor(MonitorSpec.MonitorType.TCP, s -> {
                    s.tcp = new TcpCheck();
                    s.tcp.host = "10.1.2.3";
                    s.tcp.port = 5432;
                }),
                monitor(MonitorSpec.MonitorType.TLS, s -> {
                    s.tls = new TlsCheck();
                    s.tls.host = "2001:db8::1";
                }),
                monitor(MonitorSpec.MonitorType.DNS, s -> {
                    s.dns = new DnsCheck();
                    s.dns.name = "shop.example";
                    s.dns.server = "198.51.100.53:5353";
                }),
                monitor(MonitorSpec.MonitorType.DNS, s -> {
                    s.dns = new DnsCheck();
                    s.dns.name = "shop.example";
                }),
                monitor(MonitorSpec.MonitorType.PrometheusQuery, s -> {
                    s.prometheusQuery = new PrometheusQueryCheck();
                    s.prometheusQuery.url = "http://prometheus.monitoring.svc:9090";
                }),
                monitor(MonitorSpec.MonitorType.Heartbeat, s -> s.heartbeat = new HeartbeatCheck())));
        assertThat(t).containsExactly(
                new MonitorTarget("shop.example", null, 443, "TCP"),
                new MonitorTarget("203.0.113.7", "203.0.113.7/32", 8080, "TCP"),
                new MonitorTarget("10.1.2.3", "10.1.2.3/32", 5432, "TCP"),
                new MonitorTarget("2001:db8::1", "2001:db8::1/128", 443, "TCP"),
                new MonitorTarget("198.51.100.53", "198.51.100.53/32", 5353, "UDP"),
                new MonitorTarget("198.51.100.53", "198.51.100.53/32", 5353, "TCP"),
                new MonitorTarget("prometheus.monitoring.svc", null, 9090, "TCP"));
        assertThat(t.get(0).byName()).isTrue();
        assertThat(t.get(1).byName()).isFalse();
    }
}
