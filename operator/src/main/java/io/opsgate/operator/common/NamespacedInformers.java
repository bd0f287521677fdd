package io.opsgate.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One controller's informers of namespaced objects it owns in tenant namespaces (Secrets, Deployments,
 * Jobs, ...), watching exactly the {@link TenantNamespaces}: one watch per namespace and type, never one
 * across the cluster, so the operator needs no cluster-wide right on these types.
 *
 * <p>JOSDK cannot start an informer on an empty set of namespaces (it would watch all of them), so the
 * informers are registered with the controller when it first needs them and a tenant namespace exists,
 * and from then on follow every change of the set. A namespace that joins the set wakes the controller's
 * primaries in it (a run that waited for its namespace, for example).
 *
 * @param <P> the controller's primary kind
 */
public final class NamespacedInformers<P extends HasMetadata> implements TenantNamespaces.Follower {

    private record Declared<R extends HasMetadata, P extends HasMetadata>(
            InformerEventSourceConfiguration.Builder<R> config, Consumer<InformerEventSource<R, P>> onStart) {

        InformerEventSource<R, P> start(Set<String> namespaces, Context<P> context) {
            var retriever = context.eventSourceRetriever();
            InformerEventSource<R, P> source = new InformerEventSource<>(config.withNamespaces(namespaces).build(),
                    retriever.eventSourceContextForDynamicRegistration());
            retriever.dynamicallyRegisterEventSource(source);
            onStart.accept(source);
            return source;
        }
    }

    private final TenantNamespaces namespaces;
    private final SimpleInboundEventSource<P> wakeUp;
    private final List<Declared<?, P>> declared = new ArrayList<>();
    private final List<InformerEventSource<?, P>> started = new CopyOnWriteArrayList<>();
    private volatile EventSourceContext<P> context;
    private volatile boolean registered;

    /**
     * @param name names the wake-up event source; unique per controller
     */
    public NamespacedInformers(String name, TenantNamespaces namespaces) {
        this.namespaces = namespaces;
        this.wakeUp = new SimpleInboundEventSource<>(name + "-namespace-ready");
        namespaces.follow(this);
    }

    /**
     * Declares an informer; its namespaces are set here. {@code onStart} gets it once it runs (to share it
     * with the dependents that use it).
     */
    public <R extends HasMetadata> void declare(InformerEventSourceConfiguration.Builder<R> config,
                                                Consumer<InformerEventSource<R, P>> onStart) {
        declared.add(new Declared<>(config, onStart));
    }

    /** The event source that wakes the primaries of a namespace once it is managed; register it statically. */
    public EventSource<Void, P> eventSource(EventSourceContext<P> context) {
        this.context = context;
        return wakeUp;
    }

    /**
     * Whether the operator manages {@code namespace} now; if so the informers run (registered on the first
     * call) and watch it.
     */
    public boolean ready(String namespace, Context<P> context) {
        if (!namespaces.contains(namespace)) {
            return false;
        }
        if (!registered) {
            namespaces.whileUnchanged(now -> {
                if (!registered && now.contains(namespace)) {
                    declared.forEach(d -> started.add(d.start(now, context)));
                    registered = true;
                }
            });
        }
        return registered && namespaces.contains(namespace);
    }

    @Override
    public void follow(Set<String> now, Set<String> added) {
        if (registered) {
            TenantNamespaces.inParallel(started, s -> s.changeNamespaces(now));
        }
        EventSourceContext<P> c = context;
        if (c != null) {
            for (String ns : added) {
                c.getPrimaryCache().list(ns).map(ResourceID::fromResource).forEach(wakeUp::propagateEvent);
            }
        }
    }
}
