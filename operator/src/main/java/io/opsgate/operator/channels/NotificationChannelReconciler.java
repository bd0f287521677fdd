package io.opsgate.operator.channels;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.opsgate.api.egress.EgressGuard;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.NotificationChannelStatus;
import io.opsgate.operator.common.EventRecorder;
import io.opsgate.operator.common.TenantObjectReconciler;
import io.opsgate.operator.config.NamespaceObjects;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates NotificationChannels and reports their status; a channel's validity depends on itself alone. */
@ControllerConfiguration(name = NotificationChannelReconciler.NAME)
public final class NotificationChannelReconciler extends TenantObjectReconciler<NotificationChannel, NotificationChannelStatus> {

    public static final String NAME = "NotificationChannel";

    public NotificationChannelReconciler(Set<String> watchedNamespaces, EventRecorder events, Clock clock, EgressGuard guard) {
        super(NAME, NotificationChannelStatus.class, watchedNamespaces, events, clock, guard);
    }

    @Override
    protected NamespaceObjects inputs(String namespace, Context<NotificationChannel> context) {
        return new NamespaceObjects(List.of(), List.of(), primaries(context, namespace), List.of(), List.of());
    }

    @Override
    protected Map<String, String> referencedSecrets(NotificationChannel channel) {
        return channel.getSpec() == null || channel.getSpec().secretRef == null || channel.getSpec().secretRef.name == null
                ? Map.of() : Map.of("spec.secretRef.name", channel.getSpec().secretRef.name);
    }
}
