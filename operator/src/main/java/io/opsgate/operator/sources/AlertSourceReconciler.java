package io.opsgate.operator.sources;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.opsgate.api.egress.EgressGuard;
import io.opsgate.api.v1alpha1.AlertSource;
import io.opsgate.api.v1alpha1.AlertSourceStatus;
import io.opsgate.operator.common.EventRecorder;
import io.opsgate.operator.common.TenantObjectReconciler;
import io.opsgate.operator.config.NamespaceObjects;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates AlertSources and reports their status. A source's validity depends on its own spec and on
 * the other sources of its namespace (a recipient address belongs to one source only), so a change to
 * one source re-validates its siblings: deleting the owner of an address frees it for the next.
 */
@ControllerConfiguration(name = AlertSourceReconciler.NAME)
public final class AlertSourceReconciler extends TenantObjectReconciler<AlertSource, AlertSourceStatus> {

    public static final String NAME = "AlertSource";
    private InformerEventSource<AlertSource, AlertSource> siblings;

    public AlertSourceReconciler(Set<String> watchedNamespaces, EventRecorder events, Clock clock, EgressGuard guard) {
        super(NAME, AlertSourceStatus.class, watchedNamespaces, events, clock, guard);
    }

    @Override
    protected List<EventSource<?, AlertSource>> dependencies(EventSourceContext<AlertSource> context) {
        siblings = dependency(AlertSource.class, context);
        return List.of(siblings);
    }

    @Override
    protected Map<String, String> referencedSecrets(AlertSource source) {
        return source.getSpec() == null || source.getSpec().mail == null || source.getSpec().mail.authSecretRef == null
                || source.getSpec().mail.authSecretRef.name == null ? Map.of()
                : Map.of("spec.mail.authSecretRef.name", source.getSpec().mail.authSecretRef.name);
    }

    @Override
    protected NamespaceObjects inputs(String namespace, Context<AlertSource> context) {
        // The siblings' informer, not the primary cache: when it reports a deletion its cache already lacks
        // the object, while the primary cache may still hold it and the freed address would stay taken.
        return new NamespaceObjects(List.of(), List.of(), List.of(), List.of(), List.of(), list(siblings, namespace));
    }
}
