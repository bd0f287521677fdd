package io.opsgate.api.defaults;

import io.opsgate.api.common.ComputeResources;
import io.opsgate.api.common.ResourceList;
import io.opsgate.api.v1alpha1.ApiTokenSpec;
import io.opsgate.api.v1alpha1.AlertRuleSpec;
import io.opsgate.api.v1alpha1.AlertSourceSpec;
import io.opsgate.api.v1alpha1.CallOutSettings;
import io.opsgate.api.v1alpha1.ContactGroupSpec;
import io.opsgate.api.v1alpha1.ContainerDefaults;
import io.opsgate.api.v1alpha1.DeletionPolicy;
import io.opsgate.api.v1alpha1.DnsCheck;
import io.opsgate.api.v1alpha1.HeartbeatCheck;
import io.opsgate.api.v1alpha1.HttpCheck;
import io.opsgate.api.v1alpha1.IngestSpec;
import io.opsgate.api.v1alpha1.MonitorSpec;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.api.v1alpha1.NotifyAction;
import io.opsgate.api.v1alpha1.OnCallScheduleSpec;
import io.opsgate.api.v1alpha1.OperationsSuspensionSpec;
import io.opsgate.api.v1alpha1.OpsJobRunSpec;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.api.v1alpha1.PrometheusQueryCheck;
import io.opsgate.api.v1alpha1.QuotaSpec;
import io.opsgate.api.v1alpha1.RateLimitSpec;
import io.opsgate.api.v1alpha1.RetentionSpec;
import io.opsgate.api.v1alpha1.RotationLayer;
import io.opsgate.api.v1alpha1.RuleMode;
import io.opsgate.api.v1alpha1.StorageSpec;
import io.opsgate.api.v1alpha1.TenantLimits;
import io.opsgate.api.v1alpha1.TenantSpec;
import io.opsgate.api.v1alpha1.TicketCategory;
import io.opsgate.api.v1alpha1.TicketAction;
import io.opsgate.api.v1alpha1.TlsCheck;
import io.opsgate.api.v1alpha1.WorkloadSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Every default of opsgate in one place. The mutating webhook writes them into stored objects so
 * what is stored is explicit; the engine and the operator apply them to what they read, so a field
 * left out means the same everywhere. The CRD schema's defaults must agree (a test checks).
 * Each method fills only fields that are null and returns its argument.
 */
public final class Defaults {

    public static final String GROUP_WAIT = "30s";
    public static final String GROUP_INTERVAL = "5m";
    public static final String REPEAT_INTERVAL = "4h";
    public static final List<String> GROUP_BY = List.of("alertname");
    public static final int RULE_ORDER = 1000;
    public static final String CALL_ATTEMPT_TIMEOUT = "2m";

    public static final int MAX_ALERT_RULES = 10_000;
    public static final int MAX_MONITORS = 500;
    public static final int MAX_ALERTS_PER_REQUEST = 10_000;
    public static final int MAX_LABELS_PER_ALERT = 64;
    public static final int MAX_LABEL_LENGTH = 4096;
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private Defaults() {
    }

    public static TenantSpec tenant(TenantSpec s) {
        if (s.ingest == null) {
            s.ingest = new IngestSpec();
        }
        workload(s.ingest);
        if (s.ingest.rateLimit == null) {
            s.ingest.rateLimit = new RateLimitSpec();
        }
        if (s.ingest.rateLimit.perSecond == null) {
            s.ingest.rateLimit.perSecond = 10_000;
        }
        if (s.ingest.rateLimit.burst == null) {
            s.ingest.rateLimit.burst = s.ingest.rateLimit.perSecond * 10;
        }
        if (s.notify == null) {
            s.notify = new WorkloadSpec();
        }
        workload(s.notify);
        if (s.quota == null) {
            s.quota = new QuotaSpec();
        }
        s.quota.cpu = or(s.quota.cpu, "4");
        s.quota.memory = or(s.quota.memory, "8Gi");
        s.quota.pods = or(s.quota.pods, 20);
        s.quota.storage = or(s.quota.storage, "20Gi");
        if (s.containerDefaults == null) {
            s.containerDefaults = new ContainerDefaults();
        }
        s.containerDefaults.requests = resources(s.containerDefaults.requests, "100m", "128Mi");
        s.containerDefaults.limits = resources(s.containerDefaults.limits, "500m", "512Mi");
        if (s.retention == null) {
            s.retention = new RetentionSpec();
        }
        s.retention.alerts = or(s.retention.alerts, "7d");
        s.retention.tickets = or(s.retention.tickets, "90d");
        s.retention.logs = or(s.retention.logs, "365d");
        if (s.storage == null) {
            s.storage = new StorageSpec();
        }
        s.storage.type = or(s.storage.type, StorageSpec.StorageType.Embedded);
        s.storage.size = or(s.storage.size, "5Gi");
        s.deletionPolicy = or(s.deletionPolicy, DeletionPolicy.Purge);
        if (s.apiTokens != null) {
            for (ApiTokenSpec t : s.apiTokens) {
                if (t.scopes == null || t.scopes.isEmpty()) {
                    t.scopes = new ArrayList<>(List.of(ApiTokenSpec.TokenScope.Ingest));
                }
                t.secretName = or(t.secretName, "opsgate-token-" + t.name);
            }
        }
        if (s.limits == null) {
            s.limits = new TenantLimits();
        }
        s.limits.maxAlertRules = or(s.limits.maxAlertRules, MAX_ALERT_RULES);
        s.limits.maxMonitors = or(s.limits.maxMonitors, MAX_MONITORS);
        s.limits.maxAlertsPerRequest = or(s.limits.maxAlertsPerRequest, MAX_ALERTS_PER_REQUEST);
        s.limits.maxLabelsPerAlert = or(s.limits.maxLabelsPerAlert, MAX_LABELS_PER_ALERT);
        s.limits.maxLabelLength = or(s.limits.maxLabelLength, MAX_LABEL_LENGTH);
        s.limits.maxBodyBytes = or(s.limits.maxBodyBytes, MAX_BODY_BYTES);
        if (s.access == null) {
            s.access = new io.opsgate.api.v1alpha1.AccessSpec();
        }
        if (s.security == null) {
            s.security = new io.opsgate.api.v1alpha1.SecuritySpec();
        }
        s.security.dataKeyRotation = or(s.security.dataKeyRotation, "90d");
        return s;
    }

    private static void workload(WorkloadSpec w) {
        w.replicas = or(w.replicas, 1);
        if (w.resources == null) {
            w.resources = new ComputeResources();
        }
        w.resources.requests = resources(w.resources.requests, "100m", "256Mi");
        w.resources.limits = resources(w.resources.limits, "1", "512Mi");
    }

    private static ResourceList resources(ResourceList r, String cpu, String memory) {
        ResourceList result = r == null ? new ResourceList() : r;
        result.cpu = or(result.cpu, cpu);
        result.memory = or(result.memory, memory);
        return result;
    }

    public static AlertRuleSpec alertRule(AlertRuleSpec s) {
        s.order = or(s.order, RULE_ORDER);
        s.continueMatching = or(s.continueMatching, false);
        s.mode = or(s.mode, RuleMode.Enforce);
        if (s.actions != null) {
            if (s.actions.ticket != null) {
                TicketAction t = s.actions.ticket;
                t.priority = or(t.priority, TicketAction.Priority.P3);
                t.resolveWhenCleared = or(t.resolveWhenCleared, true);
                t.category = or(t.category, TicketCategory.incident);
                if (t.flapping != null) {
                    t.flapping.changes = or(t.flapping.changes, 4);
                    t.flapping.window = or(t.flapping.window, "10m");
                }
            }
            if (s.actions.notify != null) {
                NotifyAction n = s.actions.notify;
                // Only an omitted groupBy: an empty list means one group, as a route without group_by.
                if (n.groupBy == null) {
                    n.groupBy = new ArrayList<>(GROUP_BY);
                }
                n.groupWait = or(n.groupWait, GROUP_WAIT);
                n.groupInterval = or(n.groupInterval, GROUP_INTERVAL);
                n.repeatInterval = or(n.repeatInterval, REPEAT_INTERVAL);
            }
            if (s.actions.ticket != null && (s.actions.ticket.groupBy == null || s.actions.ticket.groupBy.isEmpty())) {
                s.actions.ticket.groupBy = new ArrayList<>(s.actions.notify != null ? s.actions.notify.groupBy : GROUP_BY);
            }
        }
        return s;
    }

    public static MonitorSpec monitor(MonitorSpec s) {
        s.interval = or(s.interval, "60s");
        s.timeout = or(s.timeout, "10s");
        s.retries = or(s.retries, 2);
        s.severity = or(s.severity, "warning");
        if (s.http != null) {
            HttpCheck h = s.http;
            h.method = or(h.method, HttpCheck.HttpMethod.GET);
            h.followRedirects = or(h.followRedirects, true);
            h.insecureSkipVerify = or(h.insecureSkipVerify, false);
        }
        if (s.dns != null) {
            DnsCheck d = s.dns;
            d.recordType = or(d.recordType, DnsCheck.RecordType.A);
        }
        if (s.tls != null) {
            TlsCheck t = s.tls;
            t.port = or(t.port, 443);
            t.expiryDays = or(t.expiryDays, 14);
        }
        if (s.heartbeat != null) {
            HeartbeatCheck h = s.heartbeat;
            h.grace = or(h.grace, "1m");
        }
        if (s.prometheusQuery != null) {
            PrometheusQueryCheck p = s.prometheusQuery;
            p.operator = or(p.operator, PrometheusQueryCheck.Operator.GT);
            p.failWhenEmpty = or(p.failWhenEmpty, false);
        }
        return s;
    }

    public static OpsJobSpec opsJob(OpsJobSpec s) {
        s.timeout = or(s.timeout, "30m");
        s.retries = or(s.retries, 0);
        s.concurrencyPolicy = or(s.concurrencyPolicy, OpsJobSpec.ConcurrencyPolicy.Forbid);
        s.manual = or(s.manual, false);
        // A job a person may start gets the guardrails of automatic runs too: a button pressed in a panic is a storm.
        if (s.trigger != null || s.guardrails != null || Boolean.TRUE.equals(s.manual)) {
            if (s.guardrails == null) {
                s.guardrails = new OpsJobSpec.Guardrails();
            }
            s.guardrails.cooldown = or(s.guardrails.cooldown, "10m");
            s.guardrails.maxRunsPerHour = or(s.guardrails.maxRunsPerHour, 6);
        }
        if (s.schedule != null) {
            s.schedule.timeZone = or(s.schedule.timeZone, "UTC");
        }
        return s;
    }

    public static OpsJobRunSpec opsJobRun(OpsJobRunSpec s) {
        s.reason = or(s.reason, OpsJobRunSpec.RunReason.Manual);
        return s;
    }

    public static NotificationChannelSpec notificationChannel(NotificationChannelSpec s) {
        s.sendResolved = or(s.sendResolved, true);
        if (s.email != null) {
            s.email.port = or(s.email.port, 587);
            s.email.security = or(s.email.security, NotificationChannelSpec.EmailSettings.SmtpSecurity.StartTLS);
        }
        if (s.webhook != null) {
            s.webhook.signatureHeader = or(s.webhook.signatureHeader, "X-Opsgate-Signature");
        }
        if (s.type == NotificationChannelSpec.ChannelType.PagerDuty) {
            if (s.pagerDuty == null) {
                s.pagerDuty = new NotificationChannelSpec.PagerDutySettings();
            }
            s.pagerDuty.url = or(s.pagerDuty.url, "https://events.pagerduty.com/v2/enqueue");
        }
        if (s.type == NotificationChannelSpec.ChannelType.Teams) {
            if (s.teams == null) {
                s.teams = new NotificationChannelSpec.TeamsSettings();
            }
            s.teams.format = or(s.teams.format, NotificationChannelSpec.TeamsSettings.TeamsFormat.AdaptiveCard);
        }
        if (s.type == NotificationChannelSpec.ChannelType.CallOut && s.callOut != null) {
            s.callOut.url = or(s.callOut.url, "https://api.twilio.com");
        }
        if (s.rateLimit != null && s.rateLimit.perMinute != null) {
            s.rateLimit.burst = or(s.rateLimit.burst, s.rateLimit.perMinute);
        }
        return s;
    }

    public static OnCallScheduleSpec onCallSchedule(OnCallScheduleSpec s) {
        s.timeZone = or(s.timeZone, "UTC");
        if (s.layers != null) {
            for (RotationLayer layer : s.layers) {
                if (layer != null && layer.rotation != null) {
                    layer.rotation.every = or(layer.rotation.every, 1);
                }
            }
        }
        callOut(s.callOut);
        return s;
    }

    public static ContactGroupSpec contactGroup(ContactGroupSpec s) {
        s.rounds = or(s.rounds, 1);
        callOut(s.callOut);
        return s;
    }

    public static OperationsSuspensionSpec operationsSuspension(OperationsSuspensionSpec s) {
        if (s.window != null) {
            s.window.timeZone = or(s.window.timeZone, "UTC");
        }
        return s;
    }

    private static void callOut(CallOutSettings c) {
        if (c != null) {
            c.method = or(c.method, CallOutSettings.ContactMethod.Voice);
            c.attemptTimeout = or(c.attemptTimeout, CALL_ATTEMPT_TIMEOUT);
        }
    }

    public static AlertSourceSpec alertSource(AlertSourceSpec s) {
        s.alertname = or(s.alertname, "MailAlert");
        if (s.severity == null) {
            s.severity = new AlertSourceSpec.SeverityMapping();
        }
        s.severity.defaultSeverity = or(s.severity.defaultSeverity, "warning");
        if (s.mail != null) {
            s.mail.maxMessageBytes = or(s.mail.maxMessageBytes, 10 * 1024 * 1024);
            s.severity.fromLabel = or(s.severity.fromLabel, "severity");
        }
        return s;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
