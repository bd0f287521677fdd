package io.opsgate.engine.support;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.opsgate.api.egress.EgressGuard;
import io.opsgate.api.egress.EgressPolicy;
import io.opsgate.api.v1alpha1.EgressRule;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.engine.domain.OutboxAlert;
import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.egress.EgressGate;
import io.opsgate.engine.egress.EgressHttp;
import io.opsgate.engine.notify.Notification;
import io.opsgate.engine.notify.channels.ChannelContext;
import io.opsgate.engine.notify.channels.Credentials;
import io.opsgate.engine.notify.channels.HttpSender;
import io.opsgate.engine.notify.templates.Templates;

import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/** Notification requests, channel specs and secrets as tests need them. */
public final class Notifications {
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private Notifications() {
    }

    /** A notification of the DiskFull group on web-1 with {@code alerts} alerts, for ticket 3. */
    public static OutboxEntry entry(long seq, String status, int alerts) {
        OutboxEntry e = new OutboxEntry();
        e.seq = seq;
        e.tenant = "acme";
        e.type = "notification";
        e.rule = "page";
        e.channels = new ArrayList<>(List.of("ops"));
        e.groupLabels = new TreeMap<>(Map.of("alertname", "DiskFull", "instance", "web-1"));
        e.groupKey = "page:{alertname=\"DiskFull\",instance=\"web-1\"}";
        e.status = status;
        e.ticketId = 3L;
        e.priority = "P2";
        e.title = "Disk full on web-1";
        e.createdAt = "2026-03-02T10:00:30Z";
        for (int i = 0; i < alerts; i++) {
            Map<String, String> labels = new TreeMap<>(Map.of("alertname", "DiskFull", "instance", "web-1",
                    "severity", "critical", "mount", "/m" + i));
            e.alerts.add(new OutboxAlert("fp" + i, status, labels, Map.of("summary", "Disk /m" + i + " is full & <hot>"),
                    "2026-03-02T10:00:00Z", "resolved".equals(status) ? "2026-03-02T10:05:00Z" : null, "http://prom/graph"));
        }
        return e;
    }

    public static Notification notification(OutboxEntry e, String channel) {
        return new Notification("acme", "Acme Corp", e, channel, "key-" + e.seq + "-" + channel,
                e.ticketId == null ? null : "https://opsgate.example/api/v1/tickets/" + e.ticketId);
    }

    public static NotificationChannelSpec spec(String yaml) {
        try {
            return YAML.readValue(yaml, NotificationChannelSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code <dir>/<namespace>/<secret>/<key>} as standalone reads it. */
    public static void secret(Path dir, String namespace, String secret, String key, String value) {
        try {
            Path file = dir.resolve(namespace).resolve(secret).resolve(key);
            Files.createDirectories(file.getParent());
            Files.writeString(file, value + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The channels' HTTP client the tests share (its event loop lives as long as the test JVM). */
    public static final EgressHttp HTTP = new EgressHttp(null);
    /** The egress of a tenant whose test receivers all listen on 127.0.0.1, which its spec.egress names. */
    public static final EgressGate LOOPBACK = EgressGate.of(EgressPolicy.of("acme",
            List.of(new EgressRule("127.0.0.1/32", List.of())), new EgressGuard()));

    public static ChannelContext context(Path secrets, Clock clock, SSLSocketFactory tls) {
        return new ChannelContext(new Templates(), new HttpSender(HTTP, Duration.ofSeconds(10), clock),
                new Credentials(secrets, true), Executors.newFixedThreadPool(2, r -> {
                    Thread t = new Thread(r, "smtp-test");
                    t.setDaemon(true);
                    return t;
                }), tls == null ? (SSLSocketFactory) SSLSocketFactory.getDefault() : tls, clock, EgressGate.Resolver.SYSTEM);
    }
}
