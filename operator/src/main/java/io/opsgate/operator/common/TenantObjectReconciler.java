package io.opsgate.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.common.OpsgateStatus;
import io.opsgate.api.config.Compilation;
import io.opsgate.api.egress.EgressGuard;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.v1alpha1.TenantSpec;
import io.opsgate.api.validation.ValidationResult;
import io.opsgate.operator.config.NamespaceObjects;
import io.opsgate.operator.config.TenantCompiler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the reconcilers of AlertRule, Monitor, NotificationChannel and OpsJob share: each compiles its
 * object's namespace with {@link TenantCompiler} (memoised, so siblings share one compilation) and
 * writes the object's own status from its per-object result, so that errors that involve other
 * objects (UnknownChannel, DependencyCycle, LimitExceeded) show on the object too.
 *
 * @param <R> the kind
 * @param <S> its status class
 */
public abstract class TenantObjectReconciler<R extends CustomResource<?, S>, S extends OpsgateStatus>
        implements Reconciler<R> {

    private final Class<S> statusType;
    private final String kind;
    private final Set<String> watchedNamespaces;
    private final EventRecorder events;
    private final Clock clock;
    private final TenantCompiler compiler;
    private InformerEventSource<Tenant, R> tenants;
    /** How often an object waiting for a Secret looks again. */
    public static final Duration SECRET_RECHECK = Duration.ofSeconds(10);

    /** @param guard the platform's guarded networks, which the compiler checks monitors and channels against */
    protected TenantObjectReconciler(String kind, Class<S> statusType, Set<String> watchedNamespaces,
                                     EventRecorder events, Clock clock, EgressGuard guard) {
        this.compiler = new TenantCompiler(guard);
        this.kind = kind;
        this.statusType = statusType;
        this.watchedNamespaces = Set.copyOf(watchedNamespaces);
        this.events = events;
        this.clock = clock;
    }

    /** The objects of the namespace that this kind's validity depends on (the primary's own kind included). */
    protected abstract NamespaceObjects inputs(String namespace, Context<R> context);

    /** Adds what a kind reports beyond validity (an OpsJob's CronJob and latest run) to the status about to be written. */
    protected void fillStatus(R resource, ValidationResult result, S next, Context<R> context) {
    }

    /**
     * The Secrets the object references, as {@code field path -> Secret name}: while one is missing, a valid
     * object is not Ready but waiting for it (WaitingForSecret), and is looked at again every
     * {@link #SECRET_RECHECK}, since the operator watches no Secrets but its own.
     */
    protected Map<String, String> referencedSecrets(R resource) {
        return Map.of();
    }

    /**
     * What only the live cluster can tell beyond the compilation (a Secret's label, for example); the
     * result goes into the status like the compiled one. The compiled result by default.
     */
    protected ValidationResult checked(R resource, ValidationResult compiled, Optional<Tenant> tenant, Context<R> context) {
        return compiled;
    }

    /** Brings the objects this kind owns (an OpsJob's CronJob) in line with the result, before the status is written. */
    protected void reconcileDependents(R resource, ValidationResult result, Context<R> context) {
    }

    /** Further informers whose changes can change this kind's validity. */
    protected List<EventSource<?, R>> dependencies(EventSourceContext<R> context) {
        return List.of();
    }

    @Override
    public final List<EventSource<?, R>> prepareEventSources(EventSourceContext<R> context) {
        InformerEventSourceConfiguration.Builder<Tenant> config = InformerEventSourceConfiguration
                .from(Tenant.class, context.getPrimaryResourceClass())
                .withName("tenants")
                .withWatchAllNamespaces()
                .withOnUpdateFilter(TenantObjectReconciler::specChanged)
                .withSecondaryToPrimaryMapper(t -> inNamespace(context, t.namespaceName()));
        tenants = new InformerEventSource<>(config.build(), context);
        List<EventSource<?, R>> sources = new ArrayList<>();
        sources.add(tenants);
        sources.addAll(dependencies(context));
        return sources;
    }

    @Override
    public UpdateControl<R> reconcile(R resource, Context<R> context) {
        String ns = resource.getMetadata().getNamespace();
        String name = resource.getMetadata().getName();
        Optional<Tenant> tenant = TenantIndex.owning(tenants.list(t -> true), ns);
        Compilation compilation = compiler.compile(tenant.orElseGet(() -> standIn(ns)), inputs(ns, context));
        ValidationResult result = checked(resource, compilation.resultFor(kind, name), tenant, context);
        reconcileDependents(resource, result, context);

        S old = resource.getStatus();
        S next = old == null ? newStatus() : StatusComparison.copy(old, statusType);
        Long generation = resource.getMetadata().getGeneration();
        Instant now = clock.instant();
        next.observedGeneration = generation;
        String waiting = result.isValid() ? missingSecret(resource, ns, context) : null;
        next.conditions = ObjectConditions.of(next.conditions, result,
                tenant.map(t -> t.getMetadata().getName()).orElse(null), ns, generation, now, waiting);
        fillStatus(resource, result, next, context);
        if (StatusComparison.same(old, next)) {
            return waiting == null ? UpdateControl.noUpdate() : UpdateControl.<R>noUpdate().rescheduleAfter(SECRET_RECHECK);
        }
        if (waiting != null) {
            resource.setStatus(next);
            return UpdateControl.patchStatus(resource).rescheduleAfter(SECRET_RECHECK);
        }
        if (!result.isValid() && wasNotAlready(old, result)) {
            events.record(resource, EventRecorder.WARNING, result.reason(), "Validate", result.message());
        }
        resource.setStatus(next);
        return UpdateControl.patchStatus(resource);
    }

    /** What the object waits for: the first referenced Secret that does not exist, named with its field; or null. */
    private String missingSecret(R resource, String ns, Context<R> context) {
        for (Map.Entry<String, String> ref : new TreeMap<>(referencedSecrets(resource)).entrySet()) {
            if (ref.getValue() != null && context.getClient().secrets().inNamespace(ns).withName(ref.getValue()).get() == null) {
                return ref.getKey() + ": Secret " + ref.getValue() + " does not exist in namespace " + ns
                        + " yet; the object takes effect once it does";
            }
        }
        return null;
    }

    private S newStatus() {
        try {
            return statusType.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(statusType + " needs a public no-argument constructor", e);
        }
    }

    private static boolean wasNotAlready(OpsgateStatus old, ValidationResult result) {
        return old == null || Conditions.find(old.conditions, ConditionTypes.READY)
                .map(c -> !Objects.equals(c.getReason(), result.reason()) || !Objects.equals(c.getMessage(), result.message()))
                .orElse(true);
    }

    /** Compiles objects of a namespace no Tenant claims (yet) as if one with defaults did. */
    private static Tenant standIn(String namespace) {
        Tenant t = new Tenant();
        t.setMetadata(new ObjectMetaBuilder().withName(namespace).build());
        TenantSpec spec = new TenantSpec();
        spec.namespace = namespace;
        t.setSpec(spec);
        return t;
    }

    /** Every primary in {@code namespace}: what to reconcile when something they depend on there changes. */
    protected static <P extends HasMetadata> Set<ResourceID> inNamespace(EventSourceContext<P> context, String namespace) {
        return context.getPrimaryCache().list(namespace).map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    /**
     * An informer on another kind in the watched namespaces whose changes re-validate every primary of
     * the same namespace; status-only updates are ignored, they change no one's validity.
     */
    protected <T extends HasMetadata> InformerEventSource<T, R> dependency(Class<T> type, EventSourceContext<R> context) {
        InformerEventSourceConfiguration.Builder<T> config = InformerEventSourceConfiguration
                .from(type, context.getPrimaryResourceClass())
                .withName("dependency-" + type.getSimpleName())
                .withOnUpdateFilter(TenantObjectReconciler::specChanged)
                .withSecondaryToPrimaryMapper(o -> inNamespace(context, o.getMetadata().getNamespace()));
        if (!watchedNamespaces.isEmpty()) {
            config.withNamespaces(watchedNamespaces);
        }
        return new InformerEventSource<>(config.build(), context);
    }

    /** The objects of one kind in one namespace from an informer. */
    protected static <T extends HasMetadata> List<T> list(InformerEventSource<T, ?> source, String namespace) {
        return source.list(namespace, o -> true).toList();
    }

    /** The primaries of one namespace from the controller's own cache. */
    protected static <T extends HasMetadata> List<T> primaries(Context<T> context, String namespace) {
        return context.getPrimaryCache().list(namespace).toList();
    }

    /** Validity depends on specs only, and a spec change bumps the generation. */
    public static <T extends HasMetadata> boolean specChanged(T newObject, T oldObject) {
        return !Objects.equals(newObject.getMetadata().getGeneration(), oldObject.getMetadata().getGeneration());
    }
}
