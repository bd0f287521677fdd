package io.opsgate.api.config;

import io.fabric8.kubernetes.client.CustomResource;
import io.opsgate.api.egress.EgressGuard;
import io.opsgate.api.egress.EgressPolicy;
import io.opsgate.api.egress.EgressTargets;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.AlertRuleSpec;
import io.opsgate.api.v1alpha1.AlertSource;
import io.opsgate.api.v1alpha1.EscalateAction;
import io.opsgate.api.v1alpha1.Monitor;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.api.v1alpha1.TenantLimits;
import io.opsgate.api.validation.Reasons;
import io.opsgate.api.validation.ResourceValidator;
import io.opsgate.api.validation.SecretReferences;
import io.opsgate.api.validation.ValidationResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns a tenant's objects into its {@link CompiledConfig}. A pure function: the operator calls it on
 * every change in a tenant namespace, the standalone engine on every change in its directory. Invalid
 * objects are left out with their reasons; valid ones keep working.
 */
public final class ConfigCompiler {

    static final int DEFAULT_MAX_ALERT_RULES = 10_000;
    static final int DEFAULT_MAX_MONITORS = 500;

    private ConfigCompiler() {
    }

    /** Compiles one tenant as the operator does with its default guarded networks (every private range). */
    public static Compilation compile(TenantResources in) {
        return compile(in, new EgressGuard());
    }

    /**
     * Compiles one tenant. Monitors and channels must aim inside the Tenant's spec.egress as {@code guard} reads
     * it; the guard goes into the configuration, so the engine checks each connection against the same policy.
     */
    public static Compilation compile(TenantResources in, EgressGuard guard) {
        Map<ObjectKey, ValidationResult> results = new LinkedHashMap<>();
        CompiledConfig out = new CompiledConfig();
        String tenantName = in.tenant().getMetadata().getName();
        out.tenant = tenantName;
        out.namespace = in.tenant().namespaceName();
        out.tenantGeneration = in.tenant().getMetadata().getGeneration();
        out.tenantSpec = in.tenant().getSpec();
        out.tokens = in.tokens().stream().sorted(Comparator.comparing(t -> t.name)).toList();
        TenantLimits limits = in.tenant().getSpec() == null ? null : in.tenant().getSpec().limits;
        out.egressGuard = guard;
        EgressPolicy egress = EgressPolicy.of(tenantName, in.tenant().getSpec() == null ? null : in.tenant().getSpec().egress,
                guard);

        // Channels first: rules are checked against the channels that are valid.
        Set<String> tenantSecrets = SecretReferences.namedByTenant(in.tenant().getSpec());
        Map<String, NotificationChannel> channels = validSorted(in.notificationChannels(), "NotificationChannel",
                c -> withinEgress(ResourceValidator.notificationChannel(c.getSpec()),
                        r -> EgressTargets.channel(c.getSpec(), egress, r))
                        .addAll(SecretReferences.notificationChannel(c.getSpec(), tenantSecrets)), results);
        channels.values().forEach(c -> out.notificationChannels.add(named(c, c.getSpec())));

        OnCallCompiler onCall = OnCallCompiler.compile(in.onCall(), channels, results, out);

        List<AlertRule> rules = new ArrayList<>(validSorted(in.alertRules(), "AlertRule",
                r -> ResourceValidator.alertRule(r.getSpec()), results).values());
        rules.sort(Comparator.comparingInt((AlertRule r) -> order(r.getSpec())).thenComparing(r -> r.getMetadata().getName()));
        int maxRules = limits != null && limits.maxAlertRules != null ? limits.maxAlertRules : DEFAULT_MAX_ALERT_RULES;
        int kept = 0;
        List<AlertRule> keptRules = new ArrayList<>();
        for (AlertRule rule : rules) {
            ValidationResult r = results.get(key(rule));
            checkChannelReferences(rule.getSpec(), channels, r);
            onCall.checkRuleReferences(rule.getSpec(), r);
            if (r.isValid() && kept >= maxRules) {
                r.add("metadata.name", Reasons.LIMIT_EXCEEDED, "the tenant allows " + maxRules
                        + " AlertRules (spec.limits.maxAlertRules); this one is beyond that in evaluation order");
            }
            if (r.isValid()) {
                kept++;
                keptRules.add(rule);
            }
        }
        checkParents(keptRules, results);
        Set<String> validRules = new HashSet<>();
        for (AlertRule rule : keptRules) {
            if (results.get(key(rule)).isValid()) {
                validRules.add(rule.getMetadata().getName());
                out.alertRules.add(named(rule, rule.getSpec()));
            }
        }

        Map<String, Monitor> monitors = validSorted(in.monitors(), "Monitor",
                m -> withinEgress(ResourceValidator.monitor(m.getSpec()), r -> EgressTargets.monitor(m.getSpec(), egress, r)),
                results);
        int maxMonitors = limits != null && limits.maxMonitors != null ? limits.maxMonitors : DEFAULT_MAX_MONITORS;
        int monitorCount = 0;
        for (Monitor m : monitors.values()) {
            ValidationResult r = results.get(key(m));
            if (monitorCount >= maxMonitors) {
                r.add("metadata.name", Reasons.LIMIT_EXCEEDED, "the tenant allows " + maxMonitors
                        + " Monitors (spec.limits.maxMonitors)");
                continue;
            }
            monitorCount++;
            out.monitors.add(named(m, m.getSpec()));
        }

        Map<String, OpsJob> jobs = validSorted(in.opsJobs(), "OpsJob", j -> ResourceValidator.opsJob(j.getSpec())
                .addAll(SecretReferences.opsJob(j.getSpec(), tenantSecrets)), results);
        Map<String, OpsJob> allJobs = new HashMap<>();
        in.opsJobs().forEach(j -> allJobs.put(j.getMetadata().getName(), j));
        for (OpsJob job : jobs.values()) {
            ValidationResult r = results.get(key(job));
            OpsJobSpec spec = job.getSpec();
            if (spec.trigger != null && spec.trigger.alertRule != null && !validRules.contains(spec.trigger.alertRule)) {
                r.add("spec.trigger.alertRule", Reasons.UNKNOWN_ALERT_RULE, "AlertRule \"" + spec.trigger.alertRule
                        + "\" does not exist in this namespace or is invalid");
            }
            EgressGrants.check(spec.egress, out.tenantSpec == null ? List.of() : out.tenantSpec.egress, r);
            for (int i = 0; spec.dependsOn != null && i < spec.dependsOn.size(); i++) {
                String dep = spec.dependsOn.get(i);
                if (!allJobs.containsKey(dep)) {
                    r.add("spec.dependsOn[" + i + "]", Reasons.UNKNOWN_OPS_JOB,
                            "OpsJob \"" + dep + "\" does not exist in this namespace");
                }
            }
        }
        for (Map.Entry<String, List<String>> cycle : JobGraph.cycles(allJobs).entrySet()) {
            OpsJob job = allJobs.get(cycle.getKey());
            ValidationResult r = results.computeIfAbsent(key(job), k -> ValidationResult.ok());
            r.add("spec.dependsOn", Reasons.DEPENDENCY_CYCLE, "dependsOn forms a cycle: "
                    + String.join(" -> ", cycle.getValue()));
        }
        for (OpsJob job : jobs.values()) {
            if (results.get(key(job)).isValid()) {
                out.opsJobs.add(named(job, job.getSpec()));
            }
        }

        Map<String, AlertSource> sources = validSorted(in.alertSources(), "AlertSource",
                s -> ResourceValidator.alertSource(s.getSpec())
                        .addAll(SecretReferences.alertSource(s.getSpec(), tenantSecrets)), results);
        Map<String, String> recipientOwner = new HashMap<>();
        for (AlertSource source : sources.values()) {
            ValidationResult r = results.get(key(source));
            if (source.getSpec().mail != null) {
                List<String> recipients = source.getSpec().mail.recipients;
                for (int i = 0; i < recipients.size(); i++) {
                    String addr = recipients.get(i).toLowerCase(java.util.Locale.ROOT);
                    String owner = recipientOwner.putIfAbsent(addr, source.getMetadata().getName());
                    if (owner != null) {
                        r.add("spec.mail.recipients[" + i + "]", Reasons.INVALID_VALUE,
                                "recipient " + recipients.get(i) + " is already used by AlertSource " + owner);
                    }
                }
            }
            if (r.isValid()) {
                out.alertSources.add(named(source, source.getSpec()));
            }
        }

        for (Map.Entry<ObjectKey, ValidationResult> e : results.entrySet()) {
            if (!e.getValue().isValid()) {
                out.excluded.add(new ExcludedObject(e.getKey().kind(), e.getKey().name(), e.getValue().reason(),
                        e.getValue().message()));
            }
        }
        out.excluded.sort(Comparator.comparing((ExcludedObject x) -> x.kind).thenComparing(x -> x.name));
        out.hash = CompiledConfigCodec.hash(out);
        return new Compilation(out, results);
    }

    /** The destination is checked only on an object that is valid otherwise (its target is then readable). */
    private static ValidationResult withinEgress(ValidationResult r, java.util.function.Consumer<ValidationResult> check) {
        if (r.isValid()) {
            check.accept(r);
        }
        return r;
    }

    /**
     * Leaves out rules whose parent is missing, invalid, does not route, or lies on a cycle; then, until
     * nothing changes, the children of rules left out: a child cannot be reached without its parent.
     */
    private static void checkParents(List<AlertRule> rules, Map<ObjectKey, ValidationResult> results) {
        Map<String, String> parentOf = new HashMap<>();
        rules.forEach(r -> parentOf.put(r.getMetadata().getName(), r.getSpec().parent));
        for (Map.Entry<String, List<String>> cycle : RuleTree.cycles(parentOf).entrySet()) {
            results.get(new ObjectKey("AlertRule", cycle.getKey())).add("spec.parent", Reasons.DEPENDENCY_CYCLE,
                    "parent forms a cycle: " + String.join(" -> ", cycle.getValue()));
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            Map<String, AlertRule> valid = new HashMap<>();
            rules.stream().filter(r -> results.get(key(r)).isValid()).forEach(r -> valid.put(r.getMetadata().getName(), r));
            for (AlertRule rule : valid.values()) {
                String parent = rule.getSpec().parent;
                if (parent == null) {
                    continue;
                }
                AlertRule p = valid.get(parent);
                if (p == null) {
                    results.get(key(rule)).add("spec.parent", Reasons.UNKNOWN_ALERT_RULE, "AlertRule \"" + parent
                            + "\" does not exist in this namespace or is invalid");
                    changed = true;
                } else if (!RuleTree.routes(p.getSpec())) {
                    results.get(key(rule)).add("spec.parent", Reasons.INVALID_VALUE, "AlertRule \"" + parent
                            + "\" takes no alerts (it has no drop, ticket or notify), so it cannot be a parent");
                    changed = true;
                }
            }
        }
    }

    private static void checkChannelReferences(AlertRuleSpec spec, Map<String, NotificationChannel> channels,
                                               ValidationResult r) {
        if (spec.actions == null) {
            return;
        }
        if (spec.actions.notify != null && spec.actions.notify.channels != null) {
            List<String> cs = spec.actions.notify.channels;
            for (int i = 0; i < cs.size(); i++) {
                OnCallCompiler.notifyChannel(cs.get(i), "spec.actions.notify.channels[" + i + "]", channels, r);
            }
        }
        if (spec.actions.escalate != null && spec.actions.escalate.levels != null) {
            List<EscalateAction.Level> levels = spec.actions.escalate.levels;
            for (int l = 0; l < levels.size(); l++) {
                List<String> cs = levels.get(l).channels;
                for (int i = 0; cs != null && i < cs.size(); i++) {
                    OnCallCompiler.notifyChannel(cs.get(i), "spec.actions.escalate.levels[" + l + "].channels[" + i + "]",
                            channels, r);
                }
            }
        }
    }

    private static int order(AlertRuleSpec spec) {
        return spec == null || spec.order == null ? 1000 : spec.order;
    }

    /** Validates each object, records its result, and returns the valid ones sorted by name. */
    static <T extends CustomResource<?, ?>> Map<String, T> validSorted(
            List<T> objects, String kind, Function<T, ValidationResult> validate, Map<ObjectKey, ValidationResult> results) {
        Map<String, T> valid = new java.util.TreeMap<>();
        for (T o : objects) {
            ValidationResult r = validate.apply(o);
            results.put(new ObjectKey(kind, o.getMetadata().getName()), r);
            if (r.isValid()) {
                valid.put(o.getMetadata().getName(), o);
            }
        }
        return valid;
    }

    static ObjectKey key(CustomResource<?, ?> o) {
        return new ObjectKey(o.getKind(), o.getMetadata().getName());
    }

    static <S> NamedSpec<S> named(CustomResource<?, ?> o, S spec) {
        return new NamedSpec<>(o.getMetadata().getName(), o.getMetadata().getGeneration(), spec);
    }

    /**
     * Dependency analysis of OpsJobs. Public so the admission webhook rejects a cycle with exactly the
     * verdict the compiler would reach.
     */
    public static final class JobGraph {
        private JobGraph() {
        }

        /** For every job on a dependsOn cycle, one cycle through it, as a path of names. */
        public static Map<String, List<String>> cycles(Map<String, OpsJob> jobs) {
            Map<String, List<String>> result = new java.util.TreeMap<>();
            for (String start : new TreeSet<>(jobs.keySet())) {
                List<String> path = findCycle(start, jobs);
                if (path != null) {
                    result.put(start, path);
                }
            }
            return result;
        }

        /** A path start -> ... -> start, or null. Depth-first, bounded by the number of jobs. */
        private static List<String> findCycle(String start, Map<String, OpsJob> jobs) {
            Map<String, String> parent = new HashMap<>();
            java.util.ArrayDeque<String> stack = new java.util.ArrayDeque<>();
            Set<String> seen = new HashSet<>();
            stack.push(start);
            while (!stack.isEmpty()) {
                String current = stack.pop();
                OpsJob job = jobs.get(current);
                if (job == null || job.getSpec() == null || job.getSpec().dependsOn == null) {
                    continue;
                }
                for (String dep : job.getSpec().dependsOn) {
                    if (dep.equals(start)) {
                        List<String> path = new ArrayList<>();
                        path.add(start);
                        for (String n = current; !n.equals(start); n = parent.get(n)) {
                            path.add(1, n);
                        }
                        path.add(start);
                        return path;
                    }
                    if (jobs.containsKey(dep) && seen.add(dep)) {
                        parent.put(dep, current);
                        stack.push(dep);
                    }
                }
            }
            return null;
        }
    }
}
