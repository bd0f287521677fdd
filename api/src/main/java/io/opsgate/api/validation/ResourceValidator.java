package io.opsgate.api.validation;

import io.opsgate.api.regex.RegexBudget;
import io.opsgate.api.regex.RegexTooComplexException;
import io.opsgate.api.time.CronSchedules;
import io.opsgate.api.time.TimeWindowSet;
import io.opsgate.api.time.TimeZones;
import io.opsgate.api.text.TextCondition;
import io.opsgate.api.v1alpha1.AlertRuleSpec;
import io.opsgate.api.v1alpha1.AlertSourceSpec;
import io.opsgate.api.v1alpha1.ApiTokenSpec;
import io.opsgate.api.v1alpha1.EgressRule;
import io.opsgate.api.v1alpha1.IngestExposeSpec;
import io.opsgate.api.v1alpha1.EscalateAction;
import io.opsgate.api.v1alpha1.MonitorSpec;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.api.v1alpha1.NotifyAction;
import io.opsgate.api.v1alpha1.OpsJobRunSpec;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.api.v1alpha1.RuleActions;
import io.opsgate.api.v1alpha1.StorageSpec;
import io.opsgate.api.v1alpha1.TenantSpec;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

import static io.opsgate.api.validation.FieldChecks.cidr;
import static io.opsgate.api.validation.FieldChecks.cidrs;
import static io.opsgate.api.validation.FieldChecks.duration;
import static io.opsgate.api.validation.FieldChecks.email;
import static io.opsgate.api.validation.FieldChecks.host;
import static io.opsgate.api.validation.FieldChecks.phoneNumber;
import static io.opsgate.api.validation.FieldChecks.labelNames;
import static io.opsgate.api.validation.FieldChecks.matchers;
import static io.opsgate.api.validation.FieldChecks.names;
import static io.opsgate.api.validation.FieldChecks.port;
import static io.opsgate.api.validation.FieldChecks.ports;
import static io.opsgate.api.validation.FieldChecks.positiveDuration;
import static io.opsgate.api.validation.FieldChecks.range;
import static io.opsgate.api.validation.FieldChecks.regex;
import static io.opsgate.api.validation.FieldChecks.require;
import static io.opsgate.api.validation.FieldChecks.subjects;
import static io.opsgate.api.validation.FieldChecks.timestamp;
import static io.opsgate.api.validation.FieldChecks.url;

/**
 * The one validator of opsgate resources. The admission webhook, the operator's status reporting and
 * the standalone engine all call it, so {@code kubectl apply}, {@code kubectl get} and a standalone
 * start never disagree. It repeats what the CRD schema checks (standalone has no API server) and adds
 * what a schema cannot express: regexes compile, durations parse, time zones exist.
 */
public final class ResourceValidator {

    private static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    private static final String SECRET_NAME = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    private static final String OBJECT_NAME = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";

    private ResourceValidator() {
    }

    /** Validates a Tenant. */
    public static ValidationResult tenant(String name, TenantSpec spec) {
        ValidationResult r = ValidationResult.ok();
        if (spec == null) {
            return r.add("spec", Reasons.MISSING_FIELD, "spec is required");
        }
        String ns = TenantSpec.namespaceFor(name, spec);
        if (ns.length() > 63 || !ns.matches(DNS_LABEL)) {
            r.add(spec.namespace != null ? "spec.namespace" : "metadata.name", Reasons.INVALID_VALUE,
                    "namespace \"" + ns + "\" is not a DNS label of at most 63 characters");
        }
        subjects(spec.owners, "spec.owners", r);
        subjects(spec.operators, "spec.operators", r);
        subjects(spec.viewers, "spec.viewers", r);
        if (spec.ingest != null) {
            cidrs(spec.ingest.allowedCidrs, "spec.ingest.allowedCidrs", r);
            if (spec.ingest.allowedNamespaces != null) {
                for (int i = 0; i < spec.ingest.allowedNamespaces.size(); i++) {
                    String n = spec.ingest.allowedNamespaces.get(i);
                    if (n == null || !n.matches(DNS_LABEL)) {
                        r.add("spec.ingest.allowedNamespaces[" + i + "]", Reasons.INVALID_VALUE,
                                "\"" + n + "\" is not a namespace name");
                    }
                }
            }
            range(spec.ingest.replicas, 1, 10, "spec.ingest.replicas", r);
            expose(spec.ingest.expose, r);
            if (spec.ingest.replicas != null && spec.ingest.replicas > 1
                    && (spec.storage == null || spec.storage.type != StorageSpec.StorageType.PostgreSQL)) {
                r.add("spec.ingest.replicas", Reasons.INVALID_VALUE,
                        "more than one ingest replica needs spec.storage.type PostgreSQL; the embedded store has one writer");
            }
        }
        if (spec.externalURL != null && !spec.externalURL.matches("^https?://[^\\s/?#]+(/[^\\s?#]*)?$")) {
            r.add("spec.externalURL", Reasons.INVALID_VALUE, "\"" + spec.externalURL
                    + "\" is not an http(s) base URL without query or fragment, e.g. https://opsgate.example.com/demo");
        }
        if (spec.egress != null) {
            for (int i = 0; i < spec.egress.size(); i++) {
                EgressRule e = spec.egress.get(i);
                String p = "spec.egress[" + i + "]";
                if (e == null || e.cidr == null) {
                    r.add(p + ".cidr", Reasons.MISSING_FIELD, "cidr is required");
                    continue;
                }
                cidr(e.cidr, p + ".cidr", r);
                cidrs(e.except, p + ".except", r);
                ports(e.ports, p + ".ports", r);
            }
        }
        if (spec.retention != null) {
            duration(spec.retention.alerts, "spec.retention.alerts", r);
            duration(spec.retention.tickets, "spec.retention.tickets", r);
            duration(spec.retention.logs, "spec.retention.logs", r);
        }
        if (spec.access != null) {
            cidrs(spec.access.apiAllowedCidrs, "spec.access.apiAllowedCidrs", r);
        }
        if (spec.security != null) {
            positiveDuration(spec.security.dataKeyRotation, "spec.security.dataKeyRotation", r);
            if (spec.security.tlsSecretName != null && !spec.security.tlsSecretName.matches("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")) {
                r.add("spec.security.tlsSecretName", Reasons.INVALID_VALUE, "\"" + spec.security.tlsSecretName
                        + "\" is not a Secret name");
            }
            if (spec.security.noticeChannel != null && !spec.security.noticeChannel.matches("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")) {
                r.add("spec.security.noticeChannel", Reasons.INVALID_VALUE, "\"" + spec.security.noticeChannel
                        + "\" is not a NotificationChannel name");
            }
        }
        if (spec.console != null) {
            ConsoleValidation.validate(name, spec.console, r);
        }
        if (spec.storage != null && spec.storage.type == StorageSpec.StorageType.PostgreSQL && spec.storage.postgres == null) {
            r.add("spec.storage.postgres", Reasons.MISSING_FIELD, "postgres is required when type is PostgreSQL");
        }
        if (spec.apiTokens != null) {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < spec.apiTokens.size(); i++) {
                ApiTokenSpec t = spec.apiTokens.get(i);
                String p = "spec.apiTokens[" + i + "]";
                if (t == null || t.name == null) {
                    r.add(p + ".name", Reasons.MISSING_FIELD, "name is required");
                    continue;
                }
                if (!t.name.matches(DNS_LABEL) || t.name.length() > 40) {
                    r.add(p + ".name", Reasons.INVALID_VALUE, "\"" + t.name + "\" is not a DNS label of at most 40 characters");
                }
                if (!names.add(t.name)) {
                    r.add(p + ".name", Reasons.INVALID_VALUE, "token name \"" + t.name + "\" is used twice");
                }
                // Standalone resolves it as a directory under the secrets directory: only a Secret's name may lead there.
                if (t.secretName != null && (t.secretName.length() > 253 || !t.secretName.matches(SECRET_NAME))) {
                    r.add(p + ".secretName", Reasons.INVALID_VALUE, "\"" + t.secretName
                            + "\" is not a Secret name (lower-case DNS-1123 subdomain)");
                }
                if (t.expiresAt != null) {
                    timestamp(t.expiresAt, p + ".expiresAt", r);
                }
            }
        }
        return r;
    }

    /** Validates a change of a Tenant: what may not change. */
    /** The exposure of ingest: what each type needs, as the CRD's CEL rules say too. */
    private static void expose(IngestExposeSpec e, ValidationResult r) {
        if (e == null) {
            return;
        }
        String p = "spec.ingest.expose";
        if (e.type == null) {
            r.add(p + ".type", Reasons.MISSING_FIELD, "type is required: LoadBalancer, NodePort, TLSRoute or Ingress");
            return;
        }
        boolean route = e.type == IngestExposeSpec.ExposeType.TLSRoute || e.type == IngestExposeSpec.ExposeType.Ingress;
        if (route && e.hostname == null) {
            r.add(p + ".hostname", Reasons.MISSING_FIELD, "hostname is required for " + e.type
                    + ": TLS passthrough routes by SNI");
        }
        if (e.hostname != null && (e.hostname.length() > 253
                || !e.hostname.matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$"))) {
            r.add(p + ".hostname", Reasons.INVALID_VALUE, "\"" + e.hostname + "\" is not a fully qualified host name");
        }
        if (e.type == IngestExposeSpec.ExposeType.TLSRoute && (e.gateway == null || e.gateway.name == null)) {
            r.add(p + ".gateway", Reasons.MISSING_FIELD, "gateway (name, optional namespace and sectionName) is required "
                    + "for TLSRoute");
        }
        if (route && e.controllerNamespace == null) {
            r.add(p + ".controllerNamespace", Reasons.MISSING_FIELD, "controllerNamespace is required for " + e.type
                    + ": the NetworkPolicy admits the gateway's or ingress controller's pods from it");
        }
        if (e.controllerNamespace != null && !e.controllerNamespace.matches(DNS_LABEL)) {
            r.add(p + ".controllerNamespace", Reasons.INVALID_VALUE, "\"" + e.controllerNamespace
                    + "\" is not a namespace name");
        }
        if (Boolean.TRUE.equals(e.smtp) && route) {
            r.add(p + ".smtp", Reasons.INVALID_VALUE, "smtp can only be exposed by a LoadBalancer or NodePort Service: "
                    + "SMTP's STARTTLS carries no SNI to route by");
        }
    }

    public static ValidationResult tenantUpdate(String name, TenantSpec oldSpec, TenantSpec newSpec) {
        ValidationResult r = tenant(name, newSpec);
        if (oldSpec != null && newSpec != null) {
            if (!TenantSpec.namespaceFor(name, oldSpec).equals(TenantSpec.namespaceFor(name, newSpec))) {
                r.add("spec.namespace", Reasons.IMMUTABLE_FIELD, "namespace is immutable (it is "
                        + TenantSpec.namespaceFor(name, oldSpec) + ")");
            }
            if (storageType(oldSpec) != storageType(newSpec)) {
                r.add("spec.storage.type", Reasons.IMMUTABLE_FIELD, "storage type is immutable (it is "
                        + storageType(oldSpec) + ")");
            }
        }
        return r;
    }

    private static StorageSpec.StorageType storageType(TenantSpec spec) {
        return spec.storage == null || spec.storage.type == null ? StorageSpec.StorageType.Embedded : spec.storage.type;
    }

    /** Validates an AlertRule on its own; references to channels are checked by the compiler. */
    public static ValidationResult alertRule(AlertRuleSpec spec) {
        ValidationResult r = ValidationResult.ok();
        if (spec == null) {
            return r.add("spec", Reasons.MISSING_FIELD, "spec is required");
        }
        // One budget for all regexes of the rule: many small ones must not add up to one too large.
        RegexBudget budget = RegexBudget.perObject();
        matchers(spec.matchers, "spec.matchers", r, budget);
        range(spec.order, 0, 1_000_000, "spec.order", r);
        if (spec.text != null) {
            try {
                TextCondition.parse(spec.text, budget);
            } catch (RegexTooComplexException e) {
                r.add("spec.text", Reasons.REGEX_TOO_COMPLEX, e.getMessage());
            } catch (IllegalArgumentException e) {
                r.add("spec.text", Reasons.INVALID_TEXT_CONDITION, e.getMessage());
            }
        }
        ZoneId zone = ZoneOffset.UTC;
        if (spec.timeZone != null) {
            try {
                zone = TimeZones.parse(spec.timeZone);
            } catch (IllegalArgumentException e) {
                r.add("spec.timeZone", Reasons.INVALID_TIME_ZONE, e.getMessage());
            }
        }
        TimeWindowSet.compile(spec.timeWindows, zone, "spec.timeWindows", windowErrors(r));
        Instant from = spec.activeFrom == null ? null : timestamp(spec.activeFrom, "spec.activeFrom", r);
        Instant until = spec.activeUntil == null ? null : timestamp(spec.activeUntil, "spec.activeUntil", r);
        if (from != null && until != null && !until.isAfter(from)) {
            r.add("spec.activeUntil", Reasons.INVALID_TIME, "activeUntil must be after activeFrom");
        }
        if (spec.actions == null && spec.inhibit == null) {
            r.add("spec.actions", Reasons.MISSING_FIELD, "a rule needs actions, inhibit, or both");
        }
        if (spec.actions != null) {
            actions(spec.actions, zone, r);
        }
        if (spec.parent != null) {
            parent(spec, r);
        }
        if (spec.inhibit != null) {
            if (spec.inhibit.targetMatchers == null || spec.inhibit.targetMatchers.isEmpty()) {
                r.add("spec.inhibit.targetMatchers", Reasons.MISSING_FIELD, "inhibit needs at least one target matcher");
            }
            matchers(spec.inhibit.targetMatchers, "spec.inhibit.targetMatchers", r, budget);
            labelNames(spec.inhibit.equal, "spec.inhibit.equal", r);
        }
        return r;
    }

    private static void parent(AlertRuleSpec spec, ValidationResult r) {
        if (!spec.parent.matches(OBJECT_NAME) || spec.parent.length() > 253) {
            r.add("spec.parent", Reasons.INVALID_VALUE, "\"" + spec.parent + "\" is not an object name");
        }
        if (spec.actions == null || spec.actions.silence != null || spec.inhibit != null) {
            r.add("spec.parent", Reasons.INVALID_VALUE,
                    "a rule with parent routes alerts: it needs actions and cannot silence or inhibit");
        }
    }

    private static BiConsumer<String, String> windowErrors(ValidationResult r) {
        return (path, message) -> r.add(path, path.endsWith(".timeZone")
                ? Reasons.INVALID_TIME_ZONE : Reasons.INVALID_TIME_WINDOW, message);
    }

    private static void actions(RuleActions a, ZoneId zone, ValidationResult r) {
        boolean drop = Boolean.TRUE.equals(a.drop);
        if (drop && (a.ticket != null || a.notify != null || a.escalate != null)) {
            r.add("spec.actions.drop", Reasons.INVALID_VALUE, "drop cannot be combined with ticket, notify or escalate");
        }
        if (!drop && a.silence == null && a.ticket == null && a.notify == null) {
            r.add("spec.actions", Reasons.MISSING_FIELD, "actions needs at least one of drop, silence, ticket, notify");
        }
        if (a.escalate != null && a.ticket == null) {
            r.add("spec.actions.escalate", Reasons.INVALID_VALUE,
                    "escalate needs ticket: escalation stops when the ticket is acknowledged");
        }
        if (a.ticket != null) {
            labelNames(a.ticket.groupBy, "spec.actions.ticket.groupBy", r);
            if (a.ticket.flapping != null) {
                range(a.ticket.flapping.changes, 2, 1000, "spec.actions.ticket.flapping.changes", r);
                positiveDuration(a.ticket.flapping.window, "spec.actions.ticket.flapping.window", r);
            }
        }
        if (a.notify != null) {
            NotifyAction n = a.notify;
            names(n.channels, "spec.actions.notify.channels", r, false);
            labelNames(n.groupBy, "spec.actions.notify.groupBy", r);
            duration(n.groupWait, "spec.actions.notify.groupWait", r);
            positiveDuration(n.groupInterval, "spec.actions.notify.groupInterval", r);
            positiveDuration(n.repeatInterval, "spec.actions.notify.repeatInterval", r);
            TimeWindowSet.compile(n.muteTimeWindows, zone, "spec.actions.notify.muteTimeWindows", windowErrors(r));
            TimeWindowSet.compile(n.activeTimeWindows, zone, "spec.actions.notify.activeTimeWindows", windowErrors(r));
        }
        if (a.escalate != null) {
            List<EscalateAction.Level> levels = a.escalate.levels;
            if (levels == null || levels.isEmpty()) {
                r.add("spec.actions.escalate.levels", Reasons.MISSING_FIELD, "escalate needs at least one level");
            } else {
                Duration previous = Duration.ZERO;
                for (int i = 0; i < levels.size(); i++) {
                    String p = "spec.actions.escalate.levels[" + i + "]";
                    EscalateAction.Level level = levels.get(i);
                    Duration after = positiveDuration(level.after, p + ".after", r);
                    if (level.after == null) {
                        r.add(p + ".after", Reasons.MISSING_FIELD, "after is required");
                    }
                    if (after != null && after.compareTo(previous) <= 0) {
                        r.add(p + ".after", Reasons.INVALID_VALUE, "levels must escalate later than the level before");
                    }
                    if (after != null) {
                        previous = after;
                    }
                    boolean any = notEmpty(level.channels) || notEmpty(level.schedules) || notEmpty(level.contactGroups);
                    if (!any) {
                        r.add(p + ".channels", Reasons.MISSING_FIELD,
                                "a level needs at least one of channels, schedules, contactGroups");
                    }
                    names(level.channels, p + ".channels", r, false);
                    names(level.schedules, p + ".schedules", r, false);
                    names(level.contactGroups, p + ".contactGroups", r, false);
                }
            }
        }
    }

    private static boolean notEmpty(List<String> list) {
        return list != null && !list.isEmpty();
    }

    /** Validates a Monitor. */
    public static ValidationResult monitor(MonitorSpec spec) {
        ValidationResult r = ValidationResult.ok();
        if (spec == null) {
            return r.add("spec", Reasons.MISSING_FIELD, "spec is required");
        }
        if (spec.type == null) {
            return r.add("spec.type", Reasons.MISSING_FIELD,
                    "type is required: HTTP, TCP, DNS, TLS, Heartbeat or PrometheusQuery");
        }
        Duration interval = positiveDuration(spec.interval, "spec.interval", r);
        Duration timeout = positiveDuration(spec.timeout, "spec.timeout", r);
        if (interval != null && interval.compareTo(Duration.ofSeconds(1)) < 0) {
            r.add("spec.interval", Reasons.INVALID_DURATION, "interval must be at least 1s");
        }
        if (interval != null && timeout != null && timeout.compareTo(interval) > 0) {
            r.add("spec.timeout", Reasons.INVALID_DURATION, "timeout must not exceed interval");
        }
        range(spec.retries, 0, 10, "spec.retries", r);
        if (spec.labels != null) {
            labelNames(List.copyOf(spec.labels.keySet()), "spec.labels", r);
        }
        switch (spec.type) {
            case HTTP -> {
                if (require(spec.http, "spec.http", r)) {
                    url(spec.http.url, "spec.http.url", r);
                    MonitorRequests.check(spec.http, "spec.http", r);
                    if (spec.http.bodyMatches != null) {
                        regex(spec.http.bodyMatches, "spec.http.bodyMatches", r, RegexBudget.perObject());
                    }
                    positiveDuration(spec.http.maxLatency, "spec.http.maxLatency", r);
                    if (spec.http.expectedStatus != null) {
                        for (int i = 0; i < spec.http.expectedStatus.size(); i++) {
                            range(spec.http.expectedStatus.get(i), 100, 599, "spec.http.expectedStatus[" + i + "]", r);
                        }
                    }
                }
            }
            case TCP -> {
                if (require(spec.tcp, "spec.tcp", r)) {
                    host(spec.tcp.host, "spec.tcp.host", r);
                    port(spec.tcp.port, "spec.tcp.port", r, true);
                }
            }
            case DNS -> {
                if (require(spec.dns, "spec.dns", r)) {
                    host(spec.dns.name, "spec.dns.name", r);
                }
            }
            case TLS -> {
                if (require(spec.tls, "spec.tls", r)) {
                    host(spec.tls.host, "spec.tls.host", r);
                    port(spec.tls.port, "spec.tls.port", r, false);
                }
            }
            case Heartbeat -> {
                if (require(spec.heartbeat, "spec.heartbeat", r)) {
                    if (spec.heartbeat.period == null) {
                        r.add("spec.heartbeat.period", Reasons.MISSING_FIELD, "period is required");
                    }
                    positiveDuration(spec.heartbeat.period, "spec.heartbeat.period", r);
                    duration(spec.heartbeat.grace, "spec.heartbeat.grace", r);
                }
            }
            case PrometheusQuery -> {
                if (require(spec.prometheusQuery, "spec.prometheusQuery", r)) {
                    url(spec.prometheusQuery.url, "spec.prometheusQuery.url", r);
                    if (spec.prometheusQuery.query == null || spec.prometheusQuery.query.isBlank()) {
                        r.add("spec.prometheusQuery.query", Reasons.MISSING_FIELD, "query is required");
                    }
                    if (spec.prometheusQuery.threshold == null) {
                        r.add("spec.prometheusQuery.threshold", Reasons.MISSING_FIELD, "threshold is required");
                    }
                }
            }
            default -> {
            }
        }
        return r;
    }

    /** Validates an OpsJob on its own; dependsOn and trigger references are checked by the compiler. */
    public static ValidationResult opsJob(OpsJobSpec spec) {
        ValidationResult r = ValidationResult.ok();
        if (spec == null) {
            return r.add("spec", Reasons.MISSING_FIELD, "spec is required");
        }
        if (spec.container == null || spec.container.image == null || spec.container.image.isBlank()) {
            r.add("spec.container.image", Reasons.MISSING_FIELD, "container.image is required");
        }
        for (int i = 0; spec.egress != null && i < spec.egress.size(); i++) {
            EgressRule e = spec.egress.get(i);
            String p = "spec.egress[" + i + "]";
            if (e == null || e.cidr == null) {
                r.add(p + ".cidr", Reasons.MISSING_FIELD, "cidr is required");
                continue;
            }
            cidr(e.cidr, p + ".cidr", r);
            cidrs(e.except, p + ".except", r);
            ports(e.ports, p + ".ports", r);
        }
        boolean hasDeps = spec.dependsOn != null && !spec.dependsOn.isEmpty();
        if (spec.schedule == null && spec.trigger == null && !hasDeps && !Boolean.TRUE.equals(spec.manual)) {
            r.add("spec", Reasons.MISSING_FIELD, "an OpsJob needs a schedule, a trigger, dependsOn, or manual: true");
        }
        if (spec.schedule != null && spec.trigger != null) {
            r.add("spec.trigger", Reasons.INVALID_VALUE, "schedule and trigger are mutually exclusive");
        }
        if (spec.schedule != null) {
            try {
                CronSchedules.parse(spec.schedule.cron);
            } catch (IllegalArgumentException e) {
                r.add("spec.schedule.cron", Reasons.INVALID_CRON, e.getMessage());
            }
            if (spec.schedule.timeZone != null) {
                try {
                    TimeZones.parse(spec.schedule.timeZone);
                } catch (IllegalArgumentException e) {
                    r.add("spec.schedule.timeZone", Reasons.INVALID_TIME_ZONE, e.getMessage());
                }
            }
        }
        if (spec.trigger != null && (spec.trigger.alertRule == null || spec.trigger.alertRule.isBlank())) {
            r.add("spec.trigger.alertRule", Reasons.MISSING_FIELD, "trigger.alertRule is required");
        }
        names(spec.dependsOn, "spec.dependsOn", r, false);
        if (spec.dependsOn != null && new HashSet<>(spec.dependsOn).size() != spec.dependsOn.size()) {
            r.add("spec.dependsOn", Reasons.INVALID_VALUE, "dependsOn lists a job twice");
        }
        positiveDuration(spec.timeout, "spec.timeout", r);
        range(spec.retries, 0, 10, "spec.retries", r);
        if (spec.guardrails != null) {
            duration(spec.guardrails.cooldown, "spec.guardrails.cooldown", r);
            range(spec.guardrails.maxRunsPerHour, 1, 60, "spec.guardrails.maxRunsPerHour", r);
        }
        if (spec.credentials != null) {
            for (int i = 0; i < spec.credentials.size(); i++) {
                OpsJobSpec.CredentialMount m = spec.credentials.get(i);
                if (m == null || m.secretName == null || !m.secretName.matches("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")) {
                    r.add("spec.credentials[" + i + "].secretName", Reasons.INVALID_VALUE,
                            "secretName must name a Secret in the same namespace");
                } else {
                    SecretReferences.notReserved(m.secretName, "spec.credentials[" + i + "].secretName", r);
                }
            }
        }
        if (spec.local != null && (spec.local.command == null || spec.local.command.isEmpty())) {
            r.add("spec.local.command", Reasons.MISSING_FIELD, "local.command needs the program to run");
        }
        return r;
    }

    /** Validates an OpsJobRun. */
    public static ValidationResult opsJobRun(OpsJobRunSpec spec) {
        ValidationResult r = ValidationResult.ok();
        if (spec == null || spec.opsJob == null || spec.opsJob.isBlank()) {
            r.add("spec.opsJob", Reasons.MISSING_FIELD, "opsJob is required");
        }
        return r;
    }

    /** Validates a change of an OpsJobRun: its spec never changes. */
    public static ValidationResult opsJobRunUpdate(OpsJobRunSpec oldSpec, OpsJobRunSpec newSpec) {
        ValidationResult r = opsJobRun(newSpec);
        if (oldSpec != null && newSpec != null && (!Objects.equals(oldSpec.opsJob, newSpec.opsJob)
                || oldSpec.reason != newSpec.reason)) {
            r.add("spec", Reasons.IMMUTABLE_FIELD, "an OpsJobRun's spec is immutable; create a new run");
        }
        return r;
    }

    /** Validates an AlertSource; recipient clashes between tenants are checked where all tenants are known. */
    public static ValidationResult alertSource(AlertSourceSpec spec) {
        ValidationResult r = AlertSourceValidation.validate(spec);
        if (spec != null && spec.mail != null && spec.mail.authSecretRef != null) {
            SecretReferences.notReserved(spec.mail.authSecretRef.name, "spec.mail.authSecretRef.name", r);
        }
        return r;
    }

    /** Validates a NotificationChannel. */
    public static ValidationResult notificationChannel(NotificationChannelSpec spec) {
        ValidationResult r = ValidationResult.ok();
        if (spec == null) {
            return r.add("spec", Reasons.MISSING_FIELD, "spec is required");
        }
        if (spec.type == null) {
            return r.add("spec.type", Reasons.MISSING_FIELD,
                    "type is required: Email, Slack, Teams, Webhook, PagerDuty or CallOut");
        }
        switch (spec.type) {
            case Email -> {
                if (require(spec.email, "spec.email", r)) {
                    if (spec.email.to == null || spec.email.to.isEmpty()) {
                        r.add("spec.email.to", Reasons.MISSING_FIELD, "at least one recipient is required");
                    } else {
                        for (int i = 0; i < spec.email.to.size(); i++) {
                            email(spec.email.to.get(i), "spec.email.to[" + i + "]", r);
                        }
                    }
                    if (spec.email.from == null) {
                        r.add("spec.email.from", Reasons.MISSING_FIELD, "from is required");
                    } else {
                        email(spec.email.from, "spec.email.from", r);
                    }
                    if (spec.email.host == null || spec.email.host.isBlank()) {
                        r.add("spec.email.host", Reasons.MISSING_FIELD, "host is required");
                    } else {
                        host(spec.email.host, "spec.email.host", r);
                    }
                    port(spec.email.port, "spec.email.port", r, false);
                }
            }
            case Webhook -> {
                if (require(spec.webhook, "spec.webhook", r)) {
                    if (spec.webhook.url == null && spec.secretRef == null) {
                        r.add("spec.webhook.url", Reasons.MISSING_FIELD,
                                "url is required, or a secretRef whose Secret has the key url");
                    }
                    if (spec.webhook.url != null) {
                        url(spec.webhook.url, "spec.webhook.url", r);
                    }
                    if (spec.webhook.signatureHeader != null
                            && !spec.webhook.signatureHeader.matches("^[A-Za-z0-9-]+$")) {
                        r.add("spec.webhook.signatureHeader", Reasons.INVALID_VALUE,
                                "\"" + spec.webhook.signatureHeader + "\" is not an HTTP header name");
                    }
                }
            }
            case CallOut -> {
                if (require(spec.callOut, "spec.callOut", r)) {
                    if (spec.callOut.url != null) {
                        url(spec.callOut.url, "spec.callOut.url", r);
                    }
                    phoneNumber(spec.callOut.from, "spec.callOut.from", true, r);
                    phoneNumber(spec.callOut.smsFrom, "spec.callOut.smsFrom", false, r);
                }
                if (spec.secretRef == null) {
                    r.add("spec.secretRef", Reasons.MISSING_FIELD,
                            "secretRef is required for CallOut: the Secret holds accountSid and authToken");
                }
            }
            case Slack, Teams, PagerDuty -> {
                if (spec.secretRef == null) {
                    r.add("spec.secretRef", Reasons.MISSING_FIELD,
                            "secretRef is required for " + spec.type + ": the URL or routing key is a credential");
                }
                if (spec.type == NotificationChannelSpec.ChannelType.PagerDuty && spec.pagerDuty != null
                        && spec.pagerDuty.url != null) {
                    url(spec.pagerDuty.url, "spec.pagerDuty.url", r);
                }
            }
            default -> {
            }
        }
        if (spec.secretRef != null && (spec.secretRef.name == null
                || !spec.secretRef.name.matches("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$"))) {
            r.add("spec.secretRef.name", Reasons.INVALID_VALUE, "secretRef.name must name a Secret in the same namespace");
        } else if (spec.secretRef != null) {
            SecretReferences.notReserved(spec.secretRef.name, "spec.secretRef.name", r);
        }
        if (spec.rateLimit != null) {
            range(spec.rateLimit.perMinute, 1, 100_000, "spec.rateLimit.perMinute", r);
            range(spec.rateLimit.burst, 1, 100_000, "spec.rateLimit.burst", r);
        }
        return r;
    }

}
