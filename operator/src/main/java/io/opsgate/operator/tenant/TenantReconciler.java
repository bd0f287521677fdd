package io.opsgate.operator.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.opsgate.api.config.Compilation;
import io.opsgate.api.config.CompiledConfigCodec;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.config.TokenEntry;
import io.opsgate.api.egress.EgressGuard;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.AlertSource;
import io.opsgate.api.v1alpha1.Monitor;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.v1alpha1.TenantSpec;
import io.opsgate.api.v1alpha1.TenantStatus;
import io.opsgate.api.validation.ResourceValidator;
import io.opsgate.api.validation.ValidationResult;
import io.opsgate.operator.common.EventRecorder;
import io.opsgate.operator.common.NamespacedInformers;
import io.opsgate.operator.common.TenantNamespaces;
import io.opsgate.operator.common.Labels;
import io.opsgate.operator.common.StatusComparison;
import io.opsgate.operator.common.TenantIndex;
import io.opsgate.operator.common.TenantObjectReconciler;
import io.opsgate.operator.config.ChannelSecrets;
import io.opsgate.operator.config.IntakeSecrets;
import io.opsgate.operator.config.NamespaceObjects;
import io.opsgate.operator.config.TenantCompiler;
import io.opsgate.operator.tenant.dependent.ConfigSecretDependentResource;
import io.opsgate.operator.tenant.dependent.DeploymentDependentResource;
import io.opsgate.operator.tenant.dependent.IngestExposure;
import io.opsgate.operator.tenant.dependent.InternalSecretDependentResource;
import io.opsgate.operator.tenant.dependent.PrometheusWiring;
import io.opsgate.operator.tenant.dependent.LimitRangeDependentResource;
import io.opsgate.operator.tenant.dependent.NamespaceDependentResource;
import io.opsgate.operator.tenant.dependent.NetworkPolicyDependentResource;
import io.opsgate.operator.tenant.dependent.ResourceQuotaDependentResource;
import io.opsgate.operator.tenant.dependent.RoleBindingDependentResource;
import io.opsgate.operator.tenant.dependent.RoleDependentResource;
import io.opsgate.operator.tenant.dependent.ServiceAccountDependentResource;
import io.opsgate.operator.tenant.dependent.ServiceDependentResource;
import io.opsgate.operator.tenant.dependent.TenantReconcileState;
import io.opsgate.operator.tenant.dependent.TokenSecretsDependentResource;
import io.opsgate.operator.tenant.dependent.VolumeClaimDependentResource;
import io.opsgate.operator.tenant.model.DesiredTenant;
import io.opsgate.operator.tenant.model.IngestReach;
import io.opsgate.operator.tenant.model.MonitorTargets;
import io.opsgate.operator.tenant.model.TenantPlatform;
import io.opsgate.operator.tenant.model.OperatorAccessBuilder;
import io.opsgate.operator.tenant.model.TenantNetworkPolicy;
import io.opsgate.operator.tenant.model.TenantRole;
import io.opsgate.operator.tenant.model.TenantSecretBuilder;
import io.opsgate.operator.tenant.model.TokenHashes;
import io.opsgate.operator.tenant.model.Workload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a Tenant into its isolated namespace and keeps it so. The reconciler is thin: every owned
 * object is a dependent resource built by a pure builder from one {@link DesiredTenant}; this class
 * orders them (namespace, secrets, compiled configuration, then the rest, workloads last), summarises
 * the result into the status and records what changed as Events.
 */
@ControllerConfiguration(name = TenantReconciler.NAME, finalizerName = TenantReconciler.FINALIZER)
public final class TenantReconciler implements Reconciler<Tenant>, Cleaner<Tenant> {

    public static final String NAME = "Tenant";
    public static final String FINALIZER = "opsgate.io/tenant-cleanup";
    /** The namespaced types the operator owns in a tenant namespace. */
    static final List<Class<? extends HasMetadata>> OWNED_TYPES = List.of(Secret.class, NetworkPolicy.class,
            ResourceQuota.class, LimitRange.class, ServiceAccount.class, Role.class, RoleBinding.class,
            PersistentVolumeClaim.class, Service.class, Deployment.class);
    /** How soon a Tenant whose namespace was just removed from management (a race with a deletion) is retried. */
    static final Duration NAMESPACE_RECHECK = Duration.ofSeconds(5);

    private final TenantPlatform platform;
    private final Set<String> watchedNamespaces;
    private final EventRecorder events;
    private final Clock clock;
    private final TenantCompiler compiler;
    private final TenantDeletion deletion;
    private final TenantSecurityPort security;
    private final TenantNamespaces tenantNamespaces;
    private final NamespaceAccess access;
    private final NamespacedInformers<Tenant> informers;

    private final NamespaceDependentResource namespace = new NamespaceDependentResource();
    private final InternalSecretDependentResource internalSecret = new InternalSecretDependentResource();
    private final TokenSecretsDependentResource tokenSecrets = new TokenSecretsDependentResource();
    private final ConfigSecretDependentResource configSecret = new ConfigSecretDependentResource();
    private final List<NetworkPolicyDependentResource> networkPolicies = new ArrayList<>();
    private final List<KubernetesDependentResource<NetworkPolicy, Tenant>> operatorAccess = new ArrayList<>();
    private final ResourceQuotaDependentResource quota = new ResourceQuotaDependentResource();
    private final LimitRangeDependentResource limitRange = new LimitRangeDependentResource();
    private final List<ServiceAccountDependentResource> serviceAccounts = new ArrayList<>();
    private final List<RoleDependentResource> roles = new ArrayList<>();
    private final List<RoleBindingDependentResource> roleBindings = new ArrayList<>();
    private final List<VolumeClaimDependentResource> volumeClaims = new ArrayList<>();
    private final List<ServiceDependentResource> services = new ArrayList<>();
    private final List<DeploymentDependentResource> deployments = new ArrayList<>();
    /** The dependents after the config Secret, in order: isolation and RBAC first, workloads last. */
    private final List<KubernetesDependentResource<?, Tenant>> afterConfig = new ArrayList<>();

    /**
     * Informers of every owned type, by type; the dependents of a type share one. The namespaced ones
     * join once the first tenant namespace is managed ({@link NamespacedInformers}).
     */
    private final Map<Class<? extends HasMetadata>, InformerEventSource<? extends HasMetadata, Tenant>> owned =
            new ConcurrentHashMap<>();
    private InformerEventSource<AlertRule, Tenant> alertRules;
    private InformerEventSource<Monitor, Tenant> monitors;
    private InformerEventSource<NotificationChannel, Tenant> channels;
    private InformerEventSource<OpsJob, Tenant> opsJobs;
    private InformerEventSource<AlertSource, Tenant> alertSources;
    private InformerEventSource<EndpointSlice, Tenant> apiServerSlices;

    /**
     * @param platform          the engine image, the monitoring namespace and the external URL template
     * @param watchedNamespaces the namespaces the operator may manage; empty means all
     * @param purge             purges and verifies a deleted tenant's data before it is released
     * @param security          the ISO/IEC 27017 features: audit log, TLS and keys, controls
     * @param guard             the platform's guarded networks, which the compiler checks monitors and channels against
     * @param access            the operator's RoleBinding in tenant namespaces and the set of namespaces it manages,
     *                          which this reconciler adds and removes
     */
    public TenantReconciler(TenantPlatform platform, Set<String> watchedNamespaces, EventRecorder events, Clock clock,
                            TenantDataPurge purge, TenantSecurityPort security, EgressGuard guard,
                            NamespaceAccess access) {
        this.platform = platform;
        this.compiler = new TenantCompiler(guard);
        this.watchedNamespaces = Set.copyOf(watchedNamespaces);
        this.events = events;
        this.clock = clock;
        this.access = access;
        this.deletion = new TenantDeletion(events, purge, access, access.managed());
        this.security = security;
        this.tenantNamespaces = access.managed();
        this.informers = new NamespacedInformers<>(NAME, access.managed());
        operatorAccess.addAll(security.networkPolicies());
        for (TenantNetworkPolicy p : TenantNetworkPolicy.values()) {
            networkPolicies.add(new NetworkPolicyDependentResource(p));
        }
        for (TenantRole r : TenantRole.values()) {
            roles.add(new RoleDependentResource(r));
            roleBindings.add(new RoleBindingDependentResource(r));
        }
        roles.add(new RoleDependentResource(Workload.INGEST));
        roleBindings.add(new RoleBindingDependentResource(Workload.INGEST));
        for (Workload w : Workload.values()) {
            serviceAccounts.add(new ServiceAccountDependentResource(w));
            volumeClaims.add(new VolumeClaimDependentResource(w));
            services.add(new ServiceDependentResource(w));
            deployments.add(new DeploymentDependentResource(w));
        }
        afterConfig.addAll(networkPolicies);
        afterConfig.addAll(operatorAccess);
        afterConfig.add(quota);
        afterConfig.add(limitRange);
        afterConfig.addAll(serviceAccounts);
        afterConfig.addAll(roles);
        afterConfig.addAll(roleBindings);
        afterConfig.addAll(volumeClaims);
        afterConfig.addAll(services);
        afterConfig.addAll(deployments);
    }

    @Override
    public List<EventSource<?, Tenant>> prepareEventSources(EventSourceContext<Tenant> context) {
        // Namespaces are cluster-scoped: watched cluster-wide, those labelled for a tenant only (platform
        // teams label an existing namespace to hand it to a Tenant).
        InformerEventSource<Namespace, Tenant> namespaces = new InformerEventSource<>(
                ownedConfig(Namespace.class, Labels.TENANT).build(), context);
        owned.put(Namespace.class, namespaces);
        share(namespaces, List.of(namespace));
        declare(Secret.class, List.of(internalSecret, tokenSecrets, configSecret));
        declare(NetworkPolicy.class, networkPolicies, operatorAccess);
        declare(ResourceQuota.class, List.of(quota));
        declare(LimitRange.class, List.of(limitRange));
        declare(ServiceAccount.class, serviceAccounts);
        declare(Role.class, roles);
        declare(RoleBinding.class, roleBindings);
        declare(PersistentVolumeClaim.class, volumeClaims);
        declare(Service.class, services);
        declare(Deployment.class, deployments);
        alertRules = namespaceInformer(AlertRule.class, context);
        monitors = namespaceInformer(Monitor.class, context);
        channels = namespaceInformer(NotificationChannel.class, context);
        opsJobs = namespaceInformer(OpsJob.class, context);
        alertSources = namespaceInformer(AlertSource.class, context);
        apiServerSlices = apiServerInformer(context);
        List<EventSource<?, Tenant>> sources = new ArrayList<>();
        sources.add(namespaces);
        sources.addAll(List.of(alertRules, monitors, channels, opsJobs, alertSources, apiServerSlices));
        sources.add(security.eventSource());
        sources.add(informers.eventSource(context));
        return sources;
    }

    @Override
    public UpdateControl<Tenant> reconcile(Tenant tenant, Context<Tenant> context) {
        String name = tenant.getMetadata().getName();
        Long generation = tenant.getMetadata().getGeneration();
        Instant now = clock.instant();
        TenantStatus old = tenant.getStatus();

        ValidationResult validation = ResourceValidator.tenant(name, tenant.getSpec());
        if (!validation.isValid()) {
            return stalled(tenant, validation.reason(), validation.message(), now);
        }
        String ns = tenant.namespaceName();
        if (!watchedNamespaces.isEmpty() && !watchedNamespaces.contains(ns)) {
            return stalled(tenant, TenantStatusAggregator.NAMESPACE_NOT_WATCHED, "spec.namespace: namespace " + ns
                    + " is not among the operator's WATCH_NAMESPACES " + new java.util.TreeSet<>(watchedNamespaces), now);
        }
        Optional<Namespace> live = liveNamespace(context, ns);
        NamespaceClaim claim = NamespaceClaim.of(tenant, live);
        if (claim.state() == NamespaceClaim.State.NOT_OWNED) {
            if (tenantNamespaces.tenantOf(ns).filter(name::equals).isPresent()) {
                tenantNamespaces.remove(ns);
            }
            return stalled(tenant, TenantStatusAggregator.NAMESPACE_NOT_OWNED, claim.message(), now);
        }

        TenantSpec spec = TenantCompiler.defaultedSpec(tenant);
        boolean specChanged = old == null || !Objects.equals(old.observedGeneration, generation);
        TenantReconcileState state = new TenantReconcileState(
                DesiredTenant.beforeCompilation(name, ns, spec, platform), specChanged);
        state.attachTo(context);

        // The operator's rights in the namespace come from its RoleBinding there: a new namespace is
        // created first (a cluster-wide right), an existing one of the Tenant's is bound before it is changed.
        if (live.isEmpty()) {
            namespace.reconcile(tenant, context);
        }
        if (access.grant(tenant, ns, context.getClient())) {
            events.record(tenant, EventRecorder.NORMAL, "AccessGranted", "Reconcile", "RoleBinding "
                    + OperatorAccessBuilder.BINDING + " in namespace " + ns + " gives the operator ClusterRole "
                    + OperatorAccessBuilder.CLUSTER_ROLE + " there");
        }
        tenantNamespaces.add(ns, name);
        if (!informers.ready(ns, context)) {
            return UpdateControl.<Tenant>noUpdate().rescheduleAfter(NAMESPACE_RECHECK);
        }
        if (live.isPresent()) {
            namespace.reconcile(tenant, context);
        }
        internalSecret.reconcile(tenant, context);
        tokenSecrets.reconcile(tenant, context);
        TenantSecurityPort.Pass securityPass = security.begin(tenant, secretName -> secret(context, ns, secretName));
        List<TokenEntry> tokens = TokenHashes.of(spec, secretName -> secret(context, ns, secretName));
        Compilation compilation = compiler.compile(tenant, objectsIn(ns, tokens));
        securityPass.compiled(compilation.config());
        byte[] json = CompiledConfigCodec.write(compilation.config());
        DesiredTenant desired = state.desired().withConfig(json, compilation.config().hash,
                ChannelSecrets.of(compilation.config()), IntakeSecrets.of(compilation.config()))
                .withReach(new IngestReach(MonitorTargets.of(compilation.config().monitors),
                        ApiServerAccess.needed(compilation.config()) ? ApiServerAccess.endpoints(
                                apiServerSlices.list(ApiServerAccess.NAMESPACE, s -> true).toList()) : List.of()));
        state.desired(desired, old == null || !Objects.equals(old.configHash, desired.configHash()));

        configSecret.reconcile(tenant, context);
        afterConfig.forEach(d -> d.reconcile(tenant, context));
        Optional<IngestExposure.Outcome> exposure = IngestExposure.reconcile(tenant, context,
                old != null && Conditions.find(old.conditions, IngestExposure.CONDITION).isPresent());
        PrometheusWiring.reconcile(tenant, context, secretName -> secret(context, ns, secretName));

        recordChanges(tenant, state, desired, securityPass);
        List<WorkloadAvailability> availability = new ArrayList<>();
        for (Workload w : Workload.values()) {
            Deployment d = owned(context, Deployment.class, ns, w.objectName()).orElse(null);
            availability.add(WorkloadAvailability.of(w, w.spec(spec).replicas, d));
        }
        TenantStatus next = TenantStatusAggregator.reconciled(old, generation, now, desired, compilation.config(),
                availability);
        next.conditions = exposure.map(e -> Conditions.set(next.conditions, IngestExposure.CONDITION,
                        e.exposed() ? ConditionTypes.TRUE : ConditionTypes.FALSE, e.reason(), e.message(), generation, now))
                .orElse(Conditions.remove(next.conditions, IngestExposure.CONDITION));
        TenantSecurityPort.SecurityStatus evidence = securityPass.status(desired, context,
                secretName -> secret(context, ns, secretName));
        next.controls = evidence.controls();
        next.accessLog = evidence.accessLog();
        return status(tenant, next).rescheduleAfter(security.recheck());
    }

    @Override
    public DeleteControl cleanup(Tenant tenant, Context<Tenant> context) {
        String ns = tenant.namespaceName();
        compiler.forget(ns);
        security.forget(tenant);
        return deletion.delete(tenant, TenantCompiler.defaultedSpec(tenant), liveNamespace(context, ns),
                OWNED_TYPES, context.getClient());
    }

    private UpdateControl<Tenant> stalled(Tenant tenant, String reason, String message, Instant now) {
        TenantStatus next = TenantStatusAggregator.stalled(tenant.getStatus(), tenant.getMetadata().getGeneration(), now,
                reason, message);
        if (!StatusComparison.same(tenant.getStatus(), next)) {
            events.record(tenant, EventRecorder.WARNING, reason, "Reconcile", message);
        }
        return status(tenant, next);
    }

    private static UpdateControl<Tenant> status(Tenant tenant, TenantStatus next) {
        if (StatusComparison.same(tenant.getStatus(), next)) {
            return UpdateControl.noUpdate();
        }
        tenant.setStatus(next);
        return UpdateControl.patchStatus(tenant);
    }

    /** One Event per kind of change, naming the objects; a re-rendered configuration gets its own. */
    private void recordChanges(Tenant tenant, TenantReconcileState state, DesiredTenant desired,
                               TenantSecurityPort.Pass securityPass) {
        Map<String, List<String>> byAction = new LinkedHashMap<>();
        boolean configRendered = false;
        for (TenantReconcileState.Change change : state.changes()) {
            byAction.computeIfAbsent(change.action(), a -> new ArrayList<>()).add(change.describe());
            securityPass.changed(change.action(), change.object());
            configRendered |= change.object() instanceof Secret
                    && TenantSecretBuilder.CONFIG_SECRET.equals(change.object().getMetadata().getName());
        }
        byAction.forEach((action, objects) -> events.record(tenant,
                TenantReconcileState.RESTORED.equals(action) ? EventRecorder.WARNING : EventRecorder.NORMAL,
                action, "Reconcile", action + " in namespace " + desired.namespace() + ": " + String.join(", ", objects)));
        if (configRendered) {
            events.record(tenant, EventRecorder.NORMAL, "ConfigRendered", "Reconcile",
                    "compiled configuration " + desired.configHash() + " written to Secret " + TenantSecretBuilder.CONFIG_SECRET);
        }
    }

    /** The namespace from the cache, or from the API server when it exists without the operator's labels. */
    private Optional<Namespace> liveNamespace(Context<Tenant> context, String ns) {
        Optional<Namespace> cached = informer(Namespace.class).get(new ResourceID(ns));
        if (cached.isPresent()) {
            return cached;
        }
        return Optional.ofNullable(context.getClient().namespaces().withName(ns).get());
    }

    private Optional<Secret> secret(Context<Tenant> context, String ns, String name) {
        InformerEventSource<Secret, Tenant> secrets = informer(Secret.class);
        Optional<Secret> cached = secrets == null ? Optional.empty() : secrets.get(new ResourceID(name, ns));
        if (cached.isPresent()) {
            return cached;
        }
        // A token Secret the platform team made itself carries no operator label, so no informer holds it.
        return Optional.ofNullable(context.getClient().secrets().inNamespace(ns).withName(name).get());
    }

    private NamespaceObjects objectsIn(String ns, List<TokenEntry> tokens) {
        return new NamespaceObjects(list(alertRules, ns), list(monitors, ns), list(channels, ns), list(opsJobs, ns), tokens,
                list(alertSources, ns));
    }

    private static <R extends CustomResource<?, ?>> List<R> list(InformerEventSource<R, Tenant> source, String ns) {
        return source.list(ns, r -> true).toList();
    }

    private static <R extends HasMetadata> Optional<R> owned(Context<Tenant> context, Class<R> type, String ns, String name) {
        return context.getSecondaryResourcesAsStream(type)
                .filter(r -> name.equals(r.getMetadata().getName()) && ns.equals(r.getMetadata().getNamespace()))
                .findFirst();
    }

    @SuppressWarnings("unchecked")
    private <R extends HasMetadata> InformerEventSource<R, Tenant> informer(Class<R> type) {
        return (InformerEventSource<R, Tenant>) owned.get(type);
    }

    /** An informer of owned objects: selected by {@code selector}, mapped to their Tenant by owner or label. */
    private static <R extends HasMetadata> InformerEventSourceConfiguration.Builder<R> ownedConfig(Class<R> type,
                                                                                                 String selector) {
        return InformerEventSourceConfiguration.from(type, Tenant.class)
                .withName("owned-" + type.getSimpleName())
                .withLabelSelector(selector)
                .withSecondaryToPrimaryMapper(ownerOrLabel());
    }

    /** One namespaced type, watched in the managed tenant namespaces only; its dependents share the informer. */
    @SafeVarargs
    private <R extends HasMetadata> void declare(Class<R> type,
                                                 List<? extends KubernetesDependentResource<R, Tenant>>... dependents) {
        informers.declare(ownedConfig(type, Labels.MANAGED_SELECTOR), source -> {
            for (List<? extends KubernetesDependentResource<R, Tenant>> d : dependents) {
                share(source, d);
            }
            owned.put(type, source);
        });
    }

    /**
     * Maps an owned object to its Tenant by owner reference, and by the tenant label: objects a Tenant
     * with deletionPolicy Retain let go of carry no owner reference, and a new Tenant of the same name
     * adopts them.
     */
    private static <R extends HasMetadata> SecondaryToPrimaryMapper<R> ownerOrLabel() {
        SecondaryToPrimaryMapper<R> byOwner = Mappers.fromOwnerReferences(Tenant.class, true);
        return r -> {
            Set<ResourceID> ids = new HashSet<>(byOwner.toPrimaryResourceIDs(r));
            String tenant = r.getMetadata().getLabels() == null ? null : r.getMetadata().getLabels().get(Labels.TENANT);
            if (tenant != null) {
                ids.add(new ResourceID(tenant));
            }
            return ids;
        };
    }

    private static <R extends HasMetadata> void share(InformerEventSource<R, Tenant> source,
                                                      List<? extends KubernetesDependentResource<R, Tenant>> dependents) {
        dependents.forEach(d -> d.setEventSource(source));
    }

    /**
     * The {@code kubernetes} Service's EndpointSlices in {@code default}: when the API server's addresses change,
     * every Tenant's ingest egress follows.
     */
    private InformerEventSource<EndpointSlice, Tenant> apiServerInformer(EventSourceContext<Tenant> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(EndpointSlice.class, Tenant.class)
                .withName("api-server-endpoints")
                .withNamespaces(Set.of(ApiServerAccess.NAMESPACE))
                .withLabelSelector(ApiServerAccess.SERVICE_LABEL + "=" + ApiServerAccess.SERVICE)
                .withSecondaryToPrimaryMapper(s -> context.getPrimaryCache().list()
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build(), context);
    }

    /** An informer on one opsgate kind; an event in a namespace goes to the Tenant of that namespace. */
    private <R extends HasMetadata> InformerEventSource<R, Tenant> namespaceInformer(Class<R> type,
                                                                                    EventSourceContext<Tenant> context) {
        InformerEventSourceConfiguration.Builder<R> config = InformerEventSourceConfiguration.from(type, Tenant.class)
                .withName("tenant-" + type.getSimpleName())
                .withOnUpdateFilter(TenantObjectReconciler::specChanged)
                .withSecondaryToPrimaryMapper(r -> TenantIndex.idsOwning(
                        context.getPrimaryCache().list(), r.getMetadata().getNamespace()));
        if (!watchedNamespaces.isEmpty()) {
            config.withNamespaces(watchedNamespaces);
        }
        return new InformerEventSource<>(config.build(), context);
    }
}
