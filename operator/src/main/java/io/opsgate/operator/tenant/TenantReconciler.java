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
import io.opsgate.api.config.TokenEntry;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.config.OnCallResources;
import io.opsgate.api.v1alpha1.AlertSource;
import io.opsgate.api.v1alpha1.ContactGroup;
import io.opsgate.api.v1alpha1.OnCallSchedule;
import io.opsgate.api.v1alpha1.OperationsSuspension;
import io.opsgate.api.v1alpha1.Monitor;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.v1alpha1.TenantSpec;
import io.opsgate.api.v1alpha1.TenantStatus;
import io.opsgate.api.validation.ResourceValidator;
import io.opsgate.api.validation.ValidationResult;
import io.opsgate.operator.common.EventRecorder;
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
import io.opsgate.operator.tenant.dependent.InternalSecretDependentResource;
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
import io.opsgate.operator.tenant.model.MonitorTargets;
import io.opsgate.operator.tenant.model.TenantNetworkPolicy;
import io.opsgate.operator.tenant.model.TenantRole;
import io.opsgate.operator.tenant.model.TenantSecretBuilder;
import io.opsgate.operator.tenant.model.TokenHashes;
import io.opsgate.operator.tenant.model.Workload;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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

    private final String engineImage;
    private final Set<String> watchedNamespaces;
    private final EventRecorder events;
    private final Clock clock;
    private final TenantCompiler compiler = new TenantCompiler();
    private final TenantDeletion deletion;
    private final TenantSecurityPort security;

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

    /** Informers of every owned type, by type; the dependents of a type share one. */
    private final Map<Class<? extends HasMetadata>, InformerEventSource<? extends HasMetadata, Tenant>> owned =
            new LinkedHashMap<>();
    private InformerEventSource<AlertRule, Tenant> alertRules;
    private InformerEventSource<Monitor, Tenant> monitors;
    private InformerEventSource<NotificationChannel, Tenant> channels;
    private InformerEventSource<OpsJob, Tenant> opsJobs;
    private InformerEventSource<AlertSource, Tenant> alertSources;
    private InformerEventSource<OnCallSchedule, Tenant> schedules;
    private InformerEventSource<ContactGroup, Tenant> contactGroups;
    private InformerEventSource<OperationsSuspension, Tenant> suspensions;

    /**
     * @param engineImage       the image of the ingest and notify containers
     * @param watchedNamespaces the namespaces the operator may manage; empty means all
     * @param purge             purges and verifies a deleted tenant's data before it is released
     * @param security          the ISO/IEC 27017 features: audit log, TLS and keys, controls
     */
    public TenantReconciler(String engineImage, Set<String> watchedNamespaces, EventRecorder events, Clock clock,
                            TenantDataPurge purge, TenantSecurityPort security) {
        this.engineImage = engineImage;
        this.watchedNamespaces = Set.copyOf(watchedNamespaces);
        this.events = events;
        this.clock = clock;
        this.deletion = new TenantDeletion(events, purge);
        this.security = security;
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
        share(ownedInformer(Namespace.class, context), List.of(namespace));
        share(ownedInformer(Secret.class, context), List.of(internalSecret, tokenSecrets, configSecret));
        InformerEventSource<NetworkPolicy, Tenant> policyInformer = ownedInformer(NetworkPolicy.class, context);
        share(policyInformer, networkPolicies);
        share(policyInformer, operatorAccess);
        share(ownedInformer(ResourceQuota.class, context), List.of(quota));
        share(ownedInformer(LimitRange.class, context), List.of(limitRange));
        share(ownedInformer(ServiceAccount.class, context), serviceAccounts);
        share(ownedInformer(Role.class, context), roles);
        share(ownedInformer(RoleBinding.class, context), roleBindings);
        share(ownedInformer(PersistentVolumeClaim.class, context), volumeClaims);
        share(ownedInformer(Service.class, context), services);
        share(ownedInformer(Deployment.class, context), deployments);
        alertRules = namespaceInformer(AlertRule.class, context);
        monitors = namespaceInformer(Monitor.class, context);
        channels = namespaceInformer(NotificationChannel.class, context);
        opsJobs = namespaceInformer(OpsJob.class, context);
        alertSources = namespaceInformer(AlertSource.class, context);
        schedules = namespaceInformer(OnCallSchedule.class, context);
        contactGroups = namespaceInformer(ContactGroup.class, context);
        suspensions = namespaceInformer(OperationsSuspension.class, context);
        List<EventSource<?, Tenant>> sources = new ArrayList<>(owned.values());
        sources.addAll(List.of(alertRules, monitors, channels, opsJobs, alertSources, schedules, contactGroups, suspensions));
        sources.add(security.eventSource());
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
        Optional<String> conflict = namespaceConflict(tenant, ns, context);
        if (conflict.isPresent()) {
            return stalled(tenant, TenantStatusAggregator.NAMESPACE_CONFLICT, conflict.get(), now);
        }

        TenantSpec spec = TenantCompiler.defaultedSpec(tenant);
        boolean specChanged = old == null || !Objects.equals(old.observedGeneration, generation);
        TenantReconcileState state = new TenantReconcileState(
                DesiredTenant.beforeCompilation(name, ns, spec, engineImage), specChanged);
        state.attachTo(context);

        namespace.reconcile(tenant, context);
        internalSecret.reconcile(tenant, context);
        tokenSecrets.reconcile(tenant, context);
        TenantSecurityPort.Pass securityPass = security.begin(tenant, secretName -> secret(context, ns, secretName));
        List<TokenEntry> tokens = TokenHashes.of(spec, secretName -> secret(context, ns, secretName));
        Compilation compilation = compiler.compile(tenant, objectsIn(ns, tokens));
        securityPass.compiled(compilation.config());
        byte[] json = CompiledConfigCodec.write(compilation.config());
        DesiredTenant desired = state.desired().withConfig(json, compilation.config().hash,
                ChannelSecrets.of(compilation.config()), IntakeSecrets.of(compilation.config()))
                .withMonitorTargets(MonitorTargets.of(compilation.config().monitors));
        state.desired(desired, old == null || !Objects.equals(old.configHash, desired.configHash()));

        configSecret.reconcile(tenant, context);
        afterConfig.forEach(d -> d.reconcile(tenant, context));

        recordChanges(tenant, state, desired, securityPass);
        List<WorkloadAvailability> availability = new ArrayList<>();
        for (Workload w : Workload.values()) {
            Deployment d = owned(context, Deployment.class, ns, w.objectName()).orElse(null);
            availability.add(WorkloadAvailability.of(w, w.spec(spec).replicas, d));
        }
        TenantStatus next = TenantStatusAggregator.reconciled(old, generation, now, desired, compilation.config(),
                availability);
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
                owned.values(), context.getClient());
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

    private Optional<String> namespaceConflict(Tenant tenant, String ns, Context<Tenant> context) {
        Optional<Namespace> live = liveNamespace(context, ns);
        if (live.isEmpty()) {
            return Optional.empty();
        }
        String holder = live.get().getMetadata().getLabels() == null ? null
                : live.get().getMetadata().getLabels().get(Labels.TENANT);
        if (tenant.getMetadata().getName().equals(holder)) {
            return Optional.empty();
        }
        String field = tenant.getSpec() != null && tenant.getSpec().namespace != null ? "spec.namespace" : "metadata.name";
        return Optional.of(field + ": namespace " + ns + " exists and does not belong to this Tenant"
                + (holder == null ? "" : " (it belongs to Tenant " + holder + ")"));
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
        Optional<Secret> cached = informer(Secret.class).get(new ResourceID(name, ns));
        if (cached.isPresent()) {
            return cached;
        }
        // A token Secret the platform team made itself carries no operator label, so no informer holds it.
        return Optional.ofNullable(context.getClient().secrets().inNamespace(ns).withName(name).get());
    }

    private NamespaceObjects objectsIn(String ns, List<TokenEntry> tokens) {
        return new NamespaceObjects(list(alertRules, ns), list(monitors, ns), list(channels, ns), list(opsJobs, ns), tokens,
                list(alertSources, ns), new OnCallResources(list(schedules, ns), list(contactGroups, ns), list(suspensions, ns)));
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

    private <R extends HasMetadata> InformerEventSource<R, Tenant> ownedInformer(Class<R> type,
                                                                                EventSourceContext<Tenant> context) {
        InformerEventSourceConfiguration.Builder<R> config = InformerEventSourceConfiguration.from(type, Tenant.class)
                .withName("owned-" + type.getSimpleName())
                .withLabelSelector(Labels.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(ownerOrLabel());
        if (Namespaced.class.isAssignableFrom(type) && !watchedNamespaces.isEmpty()) {
            config.withNamespaces(watchedNamespaces);
        }
        InformerEventSource<R, Tenant> source = new InformerEventSource<>(config.build(), context);
        owned.put(type, source);
        return source;
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
