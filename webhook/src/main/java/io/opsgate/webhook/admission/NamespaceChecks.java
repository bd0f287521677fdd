package io.opsgate.webhook.admission;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.client.CustomResource;
import io.opsgate.api.config.ConfigCompiler;
import io.opsgate.api.config.RuleTree;
import io.opsgate.api.defaults.Defaults;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.Monitor;
import io.opsgate.api.v1alpha1.AlertSource;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.v1alpha1.TenantLimits;
import io.opsgate.api.validation.Reasons;
import io.opsgate.api.validation.SecretReferences;
import io.opsgate.api.validation.ValidationResult;
import io.opsgate.webhook.cluster.ClusterReader;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What an object cannot be judged on alone: a Tenant's namespace must be its own, a namespace's
 * OpsJobs must not depend on each other in a cycle nor its AlertRules be their own parents (through
 * {@link RuleTree}), a tenant's rules and monitors stay within its limits, and no tenant object names a
 * Secret its Tenant uses for opsgate (token, TLS, database, console Secrets: {@link SecretReferences}).
 * Cycles are found by the same {@link ConfigCompiler.JobGraph} the operator compiles with, so admission
 * and status agree. Secrets themselves are never read: whether a referenced one exists is the operator's
 * to report (the webhook only warns about each reference, {@link SecretReferenceWarnings}), and the
 * webhook needs no right on Secrets at all.
 */
public final class NamespaceChecks {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final ClusterReader cluster;

    public NamespaceChecks(ClusterReader cluster) {
        this.cluster = cluster;
    }

    /** The problems of the object among its neighbours; an object that cannot be read is skipped. */
    public ValidationResult check(ReviewRequest r, JsonNode object) {
        ValidationResult result = ValidationResult.ok();
        String namespace = r.namespace().isEmpty() ? object.path("metadata").path("namespace").asText("") : r.namespace();
        boolean create = "CREATE".equals(r.operation());
        switch (r.kind()) {
            case "Tenant" -> read(object, Tenant.class).filter(t -> create).ifPresent(t -> namespaceIsFree(t, result));
            case "AlertRule" -> {
                if (create) {
                    withinLimit(AlertRule.class, namespace, l -> l.maxAlertRules, Defaults.MAX_ALERT_RULES,
                            "maxAlertRules", result);
                }
                read(object, AlertRule.class).filter(a -> a.getSpec() != null && a.getSpec().parent != null)
                        .ifPresent(a -> noParentCycle(a, namespace, result));
            }
            case "Monitor" -> {
                if (create) {
                    withinLimit(Monitor.class, namespace, l -> l.maxMonitors, Defaults.MAX_MONITORS,
                            "maxMonitors", result);
                }
            }
            case "NotificationChannel" -> read(object, NotificationChannel.class)
                    .ifPresent(c -> result.addAll(SecretReferences.notificationChannel(c.getSpec(), tenantSecrets(namespace))));
            case "AlertSource" -> read(object, AlertSource.class)
                    .ifPresent(s -> result.addAll(SecretReferences.alertSource(s.getSpec(), tenantSecrets(namespace))));
            case "OpsJob" -> read(object, OpsJob.class).filter(j -> j.getSpec() != null).ifPresent(j -> {
                noCycle(j, namespace, result);
                result.addAll(SecretReferences.opsJob(j.getSpec(), tenantSecrets(namespace)));
            });
            default -> {
            }
        }
        return result;
    }

    private void namespaceIsFree(Tenant tenant, ValidationResult result) {
        String name = tenant.getMetadata() == null ? null : tenant.getMetadata().getName();
        if (name == null || name.isEmpty()) {
            return;
        }
        String namespace = tenant.namespaceName();
        for (Tenant other : cluster.tenants()) {
            if (!name.equals(other.getMetadata().getName()) && namespace.equals(other.namespaceName())) {
                result.add(tenant.getSpec() != null && tenant.getSpec().namespace != null ? "spec.namespace" : "metadata.name",
                        Reasons.NAMESPACE_TAKEN, "namespace " + namespace + " already belongs to Tenant "
                                + other.getMetadata().getName() + "; each tenant needs a namespace of its own");
            }
        }
    }

    private void withinLimit(Class<? extends CustomResource<?, ?>> kind, String namespace,
                             Function<TenantLimits, Integer> limitOf, int defaultLimit, String field,
                             ValidationResult result) {
        Optional<Tenant> tenant = cluster.tenants().stream()
                .filter(t -> namespace.equals(t.namespaceName()))
                .findFirst();
        Integer configured = tenant.map(Tenant::getSpec).map(s -> s.limits).map(limitOf).orElse(null);
        int limit = configured != null ? configured : defaultLimit;
        long existing = cluster.count(kind, namespace);
        if (existing >= limit) {
            String owner = tenant.map(t -> "Tenant " + t.getMetadata().getName()).orElse("the default");
            result.add("metadata.name", Reasons.LIMIT_EXCEEDED, "namespace " + namespace + " already holds " + existing
                    + " " + kind.getSimpleName() + "s and " + owner + " allows " + limit + " (spec.limits." + field
                    + "); remove one or raise the limit");
        }
    }

    private void noCycle(OpsJob job, String namespace, ValidationResult result) {
        String name = job.getMetadata() == null ? null : job.getMetadata().getName();
        if (name == null || name.isEmpty() || job.getSpec().dependsOn == null || job.getSpec().dependsOn.isEmpty()) {
            return;
        }
        Map<String, OpsJob> jobs = new HashMap<>();
        for (OpsJob other : cluster.opsJobs(namespace)) {
            jobs.put(other.getMetadata().getName(), other);
        }
        jobs.put(name, job);
        List<String> cycle = ConfigCompiler.JobGraph.cycles(jobs).get(name);
        if (cycle != null) {
            result.add("spec.dependsOn", Reasons.DEPENDENCY_CYCLE, "dependsOn forms a cycle: "
                    + String.join(" -> ", cycle) + "; OpsJobs may only depend on jobs that do not depend on them");
        }
    }

    private void noParentCycle(AlertRule rule, String namespace, ValidationResult result) {
        String name = rule.getMetadata() == null ? null : rule.getMetadata().getName();
        if (name == null || name.isEmpty()) {
            return;
        }
        Map<String, String> parentOf = new HashMap<>();
        for (AlertRule other : cluster.alertRules(namespace)) {
            if (other.getSpec() != null) {
                parentOf.put(other.getMetadata().getName(), other.getSpec().parent);
            }
        }
        parentOf.put(name, rule.getSpec().parent);
        List<String> cycle = RuleTree.cycles(parentOf).get(name);
        if (cycle != null) {
            result.add("spec.parent", Reasons.DEPENDENCY_CYCLE, "parent forms a cycle: " + String.join(" -> ", cycle)
                    + "; a rule cannot be below itself in the routing tree");
        }
    }

    /** The Secrets the namespace's Tenant names for opsgate's use; tenant objects cannot name them. */
    private Set<String> tenantSecrets(String namespace) {
        return cluster.tenants().stream().filter(t -> namespace.equals(t.namespaceName())).findFirst()
                .map(t -> SecretReferences.namedByTenant(t.getSpec())).orElse(Set.of());
    }

    private static <T> Optional<T> read(JsonNode object, Class<T> type) {
        try {
            return Optional.ofNullable(MAPPER.treeToValue(object, type));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
