package io.opsgate.operator.security;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.ExcludedObject;
import io.opsgate.api.v1alpha1.ApiTokenSpec;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.v1alpha1.TenantSpec;
import io.opsgate.operator.common.EventRecorder;
import io.opsgate.operator.common.Labels;
import io.opsgate.operator.tenant.TenantDataPurge;
import io.opsgate.operator.tenant.TenantSecurityPort;
import io.opsgate.operator.tenant.model.DesiredTenant;
import io.opsgate.operator.tenant.model.TenantQuotaBuilder;
import io.opsgate.operator.tenant.model.Workload;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The operator's ISO/IEC 27017 features for the Tenant reconciler, in one place: the audit log, TLS
 * and KEK Secrets, the purge on deletion, security notices, the engines' security evidence and the
 * Tenant status {@code controls} (docs/iso27017.md). Plugged into the reconcile through the ports the
 * tenant side declares ({@link TenantSecurityPort}, {@link TenantDataPurge}).
 */
public final class TenantSecurity implements TenantSecurityPort, AutoCloseable {

    /** How often a Tenant is reconciled at least, so certificates renew and evidence stays current. */
    public static final Duration RECHECK = Duration.ofMinutes(10);

    private final Clock clock;
    private final AuditLog audit;
    private final ExecutorService background;
    private final SecurityRecorder recorder;
    private final SecurityReports reports;
    private final TenantTls tls;
    private final TenantKeks keks;
    private final EngineDataPurge purge;
    private final String operatorNamespace;
    private final SimpleInboundEventSource<Tenant> evidence;
    private final Map<String, Set<String>> refusedByTenant = new ConcurrentHashMap<>();

    private TenantSecurity(Clock clock, AuditLog audit, ExecutorService background, SecurityRecorder recorder,
                           SecurityReports reports, TenantTls tls, TenantKeks keks, EngineDataPurge purge,
                           String operatorNamespace, SimpleInboundEventSource<Tenant> evidence) {
        this.clock = clock;
        this.audit = audit;
        this.background = background;
        this.recorder = recorder;
        this.reports = reports;
        this.tls = tls;
        this.keks = keks;
        this.purge = purge;
        this.operatorNamespace = operatorNamespace;
        this.evidence = evidence;
    }

    /**
     * @param echo where audit lines are echoed (stdout in production), or null
     */
    public static TenantSecurity create(KubernetesClient client, EventRecorder events, SecuritySettings settings,
                                        Clock clock, PrintStream echo) {
        AuditLog audit = AuditLog.open(settings.auditLog(), settings.chainKey(), clock, echo);
        ExecutorService background = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "opsgate-security");
            t.setDaemon(true);
            return t;
        });
        EngineAccess engines = new EngineAccess(client, settings.endpoints());
        SecurityRecorder recorder = new SecurityRecorder(audit, events, new SecurityNotices(engines, background));
        SimpleInboundEventSource<Tenant> evidence = new SimpleInboundEventSource<>("security-evidence");
        SecurityReports reports = new SecurityReports(engines, background, clock,
                name -> evidence.propagateEvent(new ResourceID(name)), settings.reportInterval());
        return new TenantSecurity(clock, audit, background, recorder, reports,
                new TenantTls(client, recorder), new TenantKeks(client, recorder),
                new EngineDataPurge(client, engines, recorder, events, clock), settings.operatorNamespace(), evidence);
    }

    @Override
    public Duration recheck() {
        return RECHECK;
    }

    @Override
    public SimpleInboundEventSource<Tenant> eventSource() {
        return evidence;
    }

    public TenantDataPurge purge() {
        return purge;
    }

    public AuditLog auditLog() {
        return audit;
    }

    /** The NetworkPolicies that let the operator reach each workload's internal API. */
    @Override
    public List<OperatorAccessPolicy> networkPolicies() {
        List<OperatorAccessPolicy> policies = new ArrayList<>();
        for (Workload w : Workload.values()) {
            policies.add(new OperatorAccessPolicy(w, operatorNamespace));
        }
        return policies;
    }

    /** Issues or renews the TLS Secret and the KEK Secret, and asks the workloads for fresh evidence. */
    @Override
    public Pass begin(Tenant tenant, Function<String, Optional<Secret>> secrets) {
        Instant now = clock.instant();
        TenantTls.State t = tls.ensure(tenant, secrets, now);
        TenantKeks.State k = keks.ensure(tenant, secrets, reports.all(tenant), now);
        reports.refresh(tenant);
        return new ReconcilePass(tenant, t, k);
    }

    /** One reconcile of one Tenant, with the TLS and key material ensured before the workloads that mount it. */
    private final class ReconcilePass implements Pass {
        private final Tenant tenant;
        private final TenantTls.State tlsState;
        private final TenantKeks.State kekState;

        ReconcilePass(Tenant tenant, TenantTls.State tlsState, TenantKeks.State kekState) {
            this.tenant = tenant;
            this.tlsState = tlsState;
            this.kekState = kekState;
        }

        @Override
        public void compiled(CompiledConfig config) {
            TenantSecurity.this.compiled(tenant, config);
        }

        @Override
        public void changed(String action, HasMetadata object) {
            TenantSecurity.this.changed(tenant, action, object);
        }

        @Override
        public SecurityStatus status(DesiredTenant desired, Context<Tenant> context,
                                     Function<String, Optional<Secret>> secrets) {
            return TenantSecurity.this.status(tenant, desired, tlsState, kekState, context, secrets);
        }
    }

    /**
     * Records a change the reconcile made in the audit log (its Event is the reconcile's); a token
     * Secret issued or revoked is also a security notice.
     */
    private void changed(Tenant tenant, String action, HasMetadata object) {
        String kind = object.getKind() == null ? object.getClass().getSimpleName() : object.getKind();
        String ref = kind + "/" + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
        String reason = switch (action) {
            case "Restored" -> "drift: the object was changed or removed by someone else";
            case "Deleted" -> "no longer in the Tenant's spec";
            default -> "the Tenant's spec or the compiled configuration";
        };
        audit.record(tenant.getMetadata().getName(), ref, action.toLowerCase(java.util.Locale.ROOT),
                action + " " + ref, reason);
        Map<String, String> labels = object.getMetadata().getLabels();
        boolean token = object instanceof Secret && labels != null && "token".equals(labels.get(Labels.COMPONENT));
        if (token && ("Created".equals(action) || "Deleted".equals(action))) {
            String what = "Created".equals(action) ? "issued" : "revoked";
            recorder.notice(tenant, "TokenRotated", "info", "API token " + what + ": " + object.getMetadata().getName(),
                    "The API token in Secret " + object.getMetadata().getName() + " was " + what + ".");
        }
    }

    /** Sends a ConfigRefused notice when objects newly drop out of the tenant's configuration. */
    private void compiled(Tenant tenant, CompiledConfig config) {
        Set<String> refused = config.excluded.stream().map(e -> e.kind + "/" + e.name).collect(Collectors.toSet());
        Set<String> before = refusedByTenant.put(tenant.getMetadata().getName(), refused);
        List<ExcludedObject> fresh = config.excluded.stream()
                .filter(e -> before == null || !before.contains(e.kind + "/" + e.name)).toList();
        if (!fresh.isEmpty()) {
            recorder.notice(tenant, "ConfigRefused", "warning", fresh.size() + " objects left out of the configuration",
                    fresh.stream().map(e -> e.kind + " " + e.name + ": " + e.reason + " " + e.message)
                            .collect(Collectors.joining("\n")));
        }
    }

    /** The controls with their evidence and the access log's next checkpoint, from what the reconcile observed. */
    private SecurityStatus status(Tenant tenant, DesiredTenant d, TenantTls.State tlsState,
                                  TenantKeks.State kekState, Context<Tenant> context,
                                  Function<String, Optional<Secret>> secrets) {
        String ns = d.namespace();
        TenantSpec spec = d.spec();
        Instant now = clock.instant();
        Set<String> policies = inNamespace(context, NetworkPolicy.class, ns);
        Set<String> roles = inNamespace(context, Role.class, ns);
        boolean quota = inNamespace(context, ResourceQuota.class, ns).contains(TenantQuotaBuilder.QUOTA_NAME);
        String podSecurity = context.getSecondaryResourcesAsStream(Namespace.class)
                .filter(n -> ns.equals(n.getMetadata().getName())).findFirst()
                .map(n -> n.getMetadata().getLabels() == null ? null
                        : n.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"))
                .orElse(null);
        List<String> withoutSecret = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        int admin = 0;
        for (ApiTokenSpec t : spec.apiTokens) {
            if (secrets.apply(t.secretName).map(s -> s.getData() == null || !s.getData().containsKey("token")).orElse(true)) {
                withoutSecret.add(t.name);
            }
            if (expiredAt(t.expiresAt, now)) {
                expired.add(t.name);
            }
            if (t.scopes != null && t.scopes.contains(ApiTokenSpec.TokenScope.Admin)) {
                admin++;
            }
        }
        List<String> apiCidrs = spec.access != null && !spec.access.apiAllowedCidrs.isEmpty()
                ? spec.access.apiAllowedCidrs : spec.ingest.allowedCidrs;
        ControlObservations o = ControlObservations.builder()
                .namespace(ns)
                .podSecurity(podSecurity)
                .networkPolicies(policies)
                .quota(quota)
                .roles(roles)
                .owners(spec.owners.size())
                .operators(spec.operators.size())
                .viewers(spec.viewers.size())
                .tokens(spec.apiTokens.size())
                .tokensWithoutSecret(withoutSecret)
                .expiredTokens(expired)
                .adminTokens(admin)
                .apiAllowedCidrs(apiCidrs)
                .tls(tlsState)
                .kek(kekState)
                .ingestReport(reports.of(tenant, Workload.INGEST).orElse(null))
                .notifyReport(reports.of(tenant, Workload.NOTIFY).orElse(null))
                .deletionPolicy(spec.deletionPolicy)
                .noticeChannel(spec.security == null ? null : spec.security.noticeChannel)
                .auditLog(audit.file().toString())
                .configHash(d.configHash())
                .logRetention(spec.retention == null ? null : spec.retention.logs)
                .recordedAccessLog(tenant.getStatus() == null ? null : tenant.getStatus().accessLog)
                .now(now)
                .build();
        return new SecurityStatus(TenantControls.of(o), o.accessLog().next());
    }

    @Override
    public void forget(Tenant tenant) {
        reports.forget(tenant);
        refusedByTenant.remove(tenant.getMetadata().getName());
    }

    private static boolean expiredAt(String expiresAt, Instant now) {
        if (expiresAt == null || expiresAt.isBlank()) {
            return false;
        }
        try {
            return !OffsetDateTime.parse(expiresAt).toInstant().isAfter(now);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static <R extends HasMetadata> Set<String> inNamespace(Context<Tenant> context, Class<R> type, String ns) {
        return context.getSecondaryResourcesAsStream(type)
                .filter(r -> ns.equals(r.getMetadata().getNamespace()))
                .map(r -> r.getMetadata().getName())
                .collect(Collectors.toSet());
    }

    @Override
    public void close() {
        background.shutdownNow();
        audit.close();
    }
}
