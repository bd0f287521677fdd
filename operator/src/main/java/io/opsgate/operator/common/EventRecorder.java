package io.opsgate.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Writes Kubernetes Events (events.k8s.io/v1) about what the operator changed, so that
 * {@code kubectl describe} and {@code kubectl events} show it next to the object. An Event that cannot
 * be written is logged and dropped: it must never fail a reconcile.
 */
public final class EventRecorder {

    public static final String REPORTING_CONTROLLER = "opsgate.io/operator";
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
    /** Events about cluster-scoped objects (Tenants) go here, as the kubelet does for Nodes. */
    static final String CLUSTER_EVENTS_NAMESPACE = "default";
    private static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KubernetesClient client;
    private final String instance;
    private final Clock clock;

    public EventRecorder(KubernetesClient client, String instance, Clock clock) {
        this.client = client;
        this.instance = instance;
        this.clock = clock;
    }

    /** Records one Event about {@code regarding}. */
    public void record(HasMetadata regarding, String type, String reason, String action, String note) {
        Event event = build(regarding, type, reason, action, note);
        try {
            client.resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("could not record event {} on {} {}: {}", reason, regarding.getKind(),
                    regarding.getMetadata().getName(), e.getMessage());
        }
    }

    Event build(HasMetadata regarding, String type, String reason, String action, String note) {
        String namespace = regarding.getMetadata().getNamespace() != null
                ? regarding.getMetadata().getNamespace() : CLUSTER_EVENTS_NAMESPACE;
        byte[] suffix = new byte[8];
        RANDOM.nextBytes(suffix);
        return new EventBuilder()
                .withNewMetadata()
                .withName(regarding.getMetadata().getName() + "." + HexFormat.of().formatHex(suffix))
                .withNamespace(namespace)
                .endMetadata()
                .withRegarding(new ObjectReferenceBuilder()
                        .withApiVersion(regarding.getApiVersion())
                        .withKind(regarding.getKind())
                        .withName(regarding.getMetadata().getName())
                        .withNamespace(regarding.getMetadata().getNamespace())
                        .withUid(regarding.getMetadata().getUid())
                        .build())
                .withType(type)
                .withReason(reason)
                .withAction(action)
                .withNote(note.length() <= 1000 ? note : note.substring(0, 997) + "...")
                .withReportingController(REPORTING_CONTROLLER)
                .withReportingInstance(instance)
                .withEventTime(new MicroTime(MICRO_TIME.format(clock.instant())))
                .build();
    }
}
