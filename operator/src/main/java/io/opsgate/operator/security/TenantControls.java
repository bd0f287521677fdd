package io.opsgate.operator.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.api.v1alpha1.ControlStatus;
import io.opsgate.api.v1alpha1.ControlStatus.ControlState;
import io.opsgate.api.v1alpha1.DeletionPolicy;
import io.opsgate.operator.tenant.model.TenantNetworkPolicy;
import io.opsgate.operator.tenant.model.TenantRole;

import java.util.ArrayList;
import java.util.List;

/**
 * The ISO/IEC 27017 controls of the service's statement (docs/iso27017.md) as one tenant shows them:
 * Satisfied with the evidence the operator observed, NotSatisfied with what is missing, NotApplicable
 * where the control is the operating organisation's (the evidence says what opsgate provides for it).
 * A pure function of {@link ControlObservations}; its text changes only when what it describes changes,
 * so the status does not churn.
 */
public final class TenantControls {

    private static final String ORGANISATION = "the operating organisation's control; ";

    private TenantControls() {
    }

    public static List<ControlStatus> of(ControlObservations o) {
        List<ControlStatus> c = new ArrayList<>();
        c.add(organisation("5.1.1", "Policies for information security",
                "docs/iso27017.md maps every control to opsgate's mechanisms"));
        c.add(organisation("6.1.1", "Information security roles and responsibilities",
                "Tenant owners, operators and viewers are declared in the Tenant"));
        c.add(organisation("6.1.3", "Contact with authorities", "opsgate keeps no contact list"));
        c.add(organisation("CLD6.3.1", "Shared roles and responsibilities within a cloud computing environment",
                "docs/iso27017.md says which part is opsgate's and which the organisation's"));
        c.add(organisation("7.2.2", "Information security awareness, education and training", "nothing in the product"));
        c.add(inventory(o));
        c.add(labelling(o));
        c.add(removal(o));
        c.add(networkAccess(o));
        c.add(registration(o));
        c.add(provisioning(o));
        c.add(privileged(o));
        c.add(secrets(o));
        c.add(accessRestriction(o));
        c.add(utilities(o));
        c.add(segregationVirtual(o));
        c.add(hardening(o));
        c.add(tls(o));
        c.add(keys(o));
        c.add(organisation("11.2.7", "Secure disposal or re-use of equipment",
                "opsgate purges a deleted tenant's store and destroys its data key (CLD8.1.5)"));
        c.add(changeManagement(o));
        c.add(capacity(o));
        c.add(organisation("12.3.1", "Information backup", "the tenant's stores are on PersistentVolumeClaims "
                + "opsgate-ingest-data and opsgate-notify-data in " + o.namespace()));
        c.add(eventLogging(o));
        c.add(operatorLogs(o));
        c.add(organisation("12.4.4", "Clock synchronisation", "every log time is UTC from the node clock"));
        c.add(organisation("12.6.1", "Management of technical vulnerabilities",
                "CycloneDX SBOMs of the engine, operator and webhook ship with the build"));
        c.add(organisation("CLD12.1.5", "Administrator's operational security",
                "docs/operator.md and docs/gitops.md describe the procedures"));
        c.add(monitoring(o));
        c.add(segregationNetworks(o));
        c.add(organisation("CLD13.1.4", "Alignment of security management for virtual and physical networks",
                "tenant traffic is bounded by NetworkPolicies (13.1.3)"));
        c.add(organisation("14.1.1", "Information security requirements analysis and specification",
                "issue 7 states the requirements; each has a test"));
        c.add(organisation("14.2.1", "Secure development policy", "the tests and the SBOM run in CI"));
        c.add(organisation("15.1.1", "Information security policy for supplier relationships", "the SBOM lists the suppliers' components"));
        c.add(organisation("15.1.2", "Addressing security within supplier agreements", "nothing in the product"));
        c.add(organisation("15.1.3", "Information and communication technology supply chain",
                "CycloneDX SBOMs of the engine, operator and webhook"));
        c.add(incidentResponsibilities(o));
        c.add(reporting(o));
        c.add(evidenceCollection(o));
        c.add(organisation("18.1.1", "Identification of applicable legislation and contractual requirements", "nothing in the product"));
        c.add(organisation("18.1.2", "Intellectual property rights", "the SBOM lists every component's licence"));
        c.add(records(o));
        c.add(organisation("18.1.5", "Regulation of cryptographic controls", "opsgate uses TLS 1.2+, AES-256-GCM and ECDSA P-256"));
        c.add(organisation("18.2.1", "Independent review of information security",
                "this status lists the evidence per control for the reviewer"));
        return c;
    }

    private static ControlStatus inventory(ControlObservations o) {
        return satisfied("8.1.1", "Inventory of assets", "every object of the tenant is in namespace " + o.namespace()
                + " and labelled opsgate.io/tenant", "compiled configuration " + shortHash(o.configHash()));
    }

    private static ControlStatus labelling(ControlObservations o) {
        return satisfied("8.2.2", "Labelling of information", "objects carry the label opsgate.io/tenant",
                "metrics carry the tag tenant");
    }

    private static ControlStatus removal(ControlObservations o) {
        String id = "CLD8.1.5";
        String title = "Removal of cloud service customer assets";
        if (o.deletionPolicy() == DeletionPolicy.Retain) {
            return control(id, title, ControlState.NotSatisfied,
                    "deletionPolicy Retain: the namespace, its stores and keys are kept when the Tenant is deleted");
        }
        return satisfied(id, title, "deletionPolicy Purge: on deletion the workloads purge the store, data key and logs "
                + "and verify it before the namespace is deleted; audited and recorded as Event Purged");
    }

    private static ControlStatus networkAccess(ControlObservations o) {
        List<String> missing = missingPolicies(o);
        if (!missing.isEmpty()) {
            return control("9.1.2", "Access to networks and network services", ControlState.NotSatisfied,
                    "NetworkPolicies missing: " + String.join(", ", missing));
        }
        return satisfied("9.1.2", "Access to networks and network services",
                "NetworkPolicy " + TenantNetworkPolicy.DEFAULT_DENY.objectName() + " present",
                "ingest reachable only from spec.ingest.allowedCidrs and allowedNamespaces");
    }

    private static ControlStatus registration(ControlObservations o) {
        if (o.owners() == 0) {
            return control("9.2.1", "User registration and de-registration", ControlState.NotSatisfied,
                    "no owner in spec.owners");
        }
        return satisfied("9.2.1", "User registration and de-registration", o.owners() + " owners, " + o.operators()
                + " operators, " + o.viewers() + " viewers bound from the Tenant");
    }

    private static ControlStatus provisioning(ControlObservations o) {
        List<String> missing = new ArrayList<>();
        for (TenantRole r : TenantRole.values()) {
            if (!o.roles().contains(r.objectName())) {
                missing.add(r.objectName());
            }
        }
        if (!missing.isEmpty()) {
            return control("9.2.2", "User access provisioning", ControlState.NotSatisfied, "Roles missing: " + String.join(", ", missing));
        }
        return satisfied("9.2.2", "User access provisioning", "Roles and RoleBindings owner, operator, viewer present");
    }

    private static ControlStatus privileged(ControlObservations o) {
        return satisfied("9.2.3", "Management of privileged access rights", "owner role bound to " + o.owners()
                + " subjects; no wildcard rights, no rights on Secrets", o.adminTokens() + " API tokens with scope Admin");
    }

    private static ControlStatus secrets(ControlObservations o) {
        String id = "9.2.4";
        String title = "Management of secret authentication information of users";
        List<String> problems = new ArrayList<>();
        if (!o.tokensWithoutSecret().isEmpty()) {
            problems.add("tokens without Secret: " + String.join(", ", o.tokensWithoutSecret()));
        }
        if (!o.expiredTokens().isEmpty()) {
            problems.add("expired tokens still listed: " + String.join(", ", o.expiredTokens()));
        }
        if (!problems.isEmpty()) {
            return control(id, title, ControlState.NotSatisfied, problems.toArray(String[]::new));
        }
        return satisfied(id, title, o.tokens() + " API tokens, none expired", "tokens only in Secrets; the configuration "
                + "holds their SHA-256");
    }

    private static ControlStatus accessRestriction(ControlObservations o) {
        if (o.apiAllowedCidrs().isEmpty()) {
            return control("9.4.1", "Information access restriction", ControlState.NotSatisfied,
                    "the read and admin API accept any source: set spec.access.apiAllowedCidrs or spec.ingest.allowedCidrs");
        }
        return satisfied("9.4.1", "Information access restriction", "read and admin API limited to "
                + String.join(", ", o.apiAllowedCidrs()), "token scopes Ingest, Read, Admin");
    }

    private static ControlStatus utilities(ControlObservations o) {
        return satisfied("9.4.4", "Use of privileged utility programs", "no debug or back-door endpoint in the engine",
                "containers run as UID 10001 with every capability dropped");
    }

    private static ControlStatus segregationVirtual(ControlObservations o) {
        List<String> problems = new ArrayList<>();
        if (!"restricted".equals(o.podSecurity())) {
            problems.add("namespace " + o.namespace() + " does not enforce Pod Security restricted");
        }
        if (!o.quota()) {
            problems.add("ResourceQuota opsgate-quota missing");
        }
        if (!problems.isEmpty()) {
            return control("CLD9.5.1", "Segregation in virtual computing environments", ControlState.NotSatisfied,
                    problems.toArray(String[]::new));
        }
        return satisfied("CLD9.5.1", "Segregation in virtual computing environments", "namespace " + o.namespace()
                + " and stores of this tenant only", "Pod Security restricted enforced; ResourceQuota opsgate-quota present");
    }

    private static ControlStatus hardening(ControlObservations o) {
        if (!"restricted".equals(o.podSecurity())) {
            return control("CLD9.5.2", "Virtual machine hardening", ControlState.NotSatisfied,
                    "namespace " + o.namespace() + " does not enforce Pod Security restricted");
        }
        return satisfied("CLD9.5.2", "Virtual machine hardening", "read-only root filesystem, non-root, seccomp "
                + "RuntimeDefault; Pod Security restricted enforced");
    }

    private static ControlStatus tls(ControlObservations o) {
        String id = "10.1.1";
        String title = "Policy on the use of cryptographic controls";
        TenantTls.State t = o.tls();
        if (t == null || t.problem() != null || t.notAfter() == null) {
            return control(id, title, ControlState.NotSatisfied, t == null ? "no TLS material" : t.problem());
        }
        if (!t.notAfter().isAfter(o.now())) {
            return control(id, title, ControlState.NotSatisfied, "certificate in Secret " + t.secretName()
                    + " expired " + day(t.notAfter()));
        }
        List<String> evidence = new ArrayList<>();
        evidence.add("TLS on ingest and notify, certificate valid until " + day(t.notAfter()) + " (Secret "
                + t.secretName() + (t.issued() ? ", issued by the operator" : ", provided by the tenant") + ")");
        for (JsonNode r : reports(o)) {
            if (r.path("tls").has("enabled") && !r.path("tls").path("enabled").asBoolean()) {
                return control(id, title, ControlState.NotSatisfied, r.path("component").asText("a workload")
                        + " serves plain HTTP");
            }
        }
        return satisfied(id, title, evidence.toArray(String[]::new));
    }

    private static ControlStatus keys(ControlObservations o) {
        String id = "10.1.2";
        String title = "Key management";
        if (o.kek() == null) {
            return control(id, title, ControlState.NotSatisfied, "no key-encryption key Secret opsgate-kek");
        }
        for (JsonNode r : reports(o)) {
            if ("local".equals(r.path("dataKey").path("kekProvider").asText())) {
                ControlStatus c = control(id, title, ControlState.NotSatisfied, r.path("component").asText("a workload")
                        + " wraps its data keys with a key generated on its data volume, not the mounted opsgate-kek");
                c.reason = "KekOnDataVolume";
                return c;
            }
        }
        List<String> evidence = new ArrayList<>();
        evidence.add("key-encryption key " + o.kek().current() + " in Secret opsgate-kek (" + o.kek().ids().size() + " ids)");
        JsonNode dataKey = o.ingestReport() == null ? null : o.ingestReport().path("dataKey");
        if (dataKey != null && dataKey.isObject()) {
            String rotated = dataKey.path("rotatedAt").asText(null);
            evidence.add(rotated != null ? "data key rotated " + day(rotated)
                    : "data key created " + day(dataKey.path("createdAt").asText("?")) + ", not rotated yet");
            evidence.add("rotation every " + dataKey.path("rotationPeriod").asText("?"));
            evidence.add("every record of the tenant's stores sealed under the data key");
        } else {
            evidence.add("data key: no report yet");
        }
        return satisfied(id, title, evidence.toArray(String[]::new));
    }

    private static ControlStatus changeManagement(ControlObservations o) {
        return satisfied("12.1.2", "Change management", "every change to the tenant's workloads is an Event on the "
                + "Tenant and an audit log entry", "compiled configuration " + shortHash(o.configHash()));
    }

    private static ControlStatus capacity(ControlObservations o) {
        return o.quota() ? satisfied("12.1.3", "Capacity management", "ResourceQuota opsgate-quota present")
                : control("12.1.3", "Capacity management", ControlState.NotSatisfied, "ResourceQuota opsgate-quota missing");
    }

    private static ControlStatus eventLogging(ControlObservations o) {
        String id = "12.4.1";
        String title = "Event logging";
        AccessLogCheck.Outcome log = o.accessLog();
        if (!log.ok()) {
            ControlStatus c = control(id, title, ControlState.NotSatisfied, log.message());
            c.reason = log.reason();
            return c;
        }
        return satisfied(id, title, "operator audit log " + o.auditLog() + ", hash-chained", log.message());
    }

    private static ControlStatus operatorLogs(ControlObservations o) {
        return satisfied("12.4.3", "Administrator and operator logs", "operator actions in the audit log " + o.auditLog()
                + " (verify-log checks it)");
    }

    private static ControlStatus monitoring(ControlObservations o) {
        return satisfied("CLD12.4.5", "Monitoring of cloud services", "metrics of ingest and notify on port metrics "
                + "with tag tenant", "Tenant conditions Ready, Reconciling, Stalled");
    }

    private static ControlStatus segregationNetworks(ControlObservations o) {
        if (!o.networkPolicies().contains(TenantNetworkPolicy.DEFAULT_DENY.objectName())) {
            return control("13.1.3", "Segregation in networks", ControlState.NotSatisfied,
                    "NetworkPolicy " + TenantNetworkPolicy.DEFAULT_DENY.objectName() + " missing");
        }
        return satisfied("13.1.3", "Segregation in networks", "NetworkPolicy "
                + TenantNetworkPolicy.DEFAULT_DENY.objectName() + " present in " + o.namespace());
    }

    private static ControlStatus incidentResponsibilities(ControlObservations o) {
        return satisfied("16.1.1", "Responsibilities and procedures", "Events and conditions on the Tenant for every "
                + "change the operator makes");
    }

    private static ControlStatus reporting(ControlObservations o) {
        if (o.noticeChannel() == null || o.noticeChannel().isBlank()) {
            return control("16.1.2", "Reporting information security events", ControlState.NotSatisfied,
                    "spec.security.noticeChannel not set: security notices reach nobody");
        }
        return satisfied("16.1.2", "Reporting information security events", "security notices to NotificationChannel "
                + o.noticeChannel());
    }

    private static ControlStatus evidenceCollection(ControlObservations o) {
        return satisfied("16.1.7", "Collection of evidence", "audit and access logs are hash-chained JSON lines with UTC "
                + "times", "java -jar opsgate-operator.jar verify-log checks a chain");
    }

    private static ControlStatus records(ControlObservations o) {
        return satisfied("18.1.3", "Protection of records", "logs kept " + (o.logRetention() == null ? "(default)"
                : o.logRetention()) + " (spec.retention.logs), tamper-evident");
    }

    private static List<String> missingPolicies(ControlObservations o) {
        List<String> missing = new ArrayList<>();
        for (TenantNetworkPolicy p : TenantNetworkPolicy.values()) {
            if (!o.networkPolicies().contains(p.objectName())) {
                missing.add(p.objectName());
            }
        }
        return missing;
    }

    private static List<JsonNode> reports(ControlObservations o) {
        List<JsonNode> r = new ArrayList<>();
        if (o.ingestReport() != null) {
            r.add(o.ingestReport());
        }
        if (o.notifyReport() != null) {
            r.add(o.notifyReport());
        }
        return r;
    }

    private static String shortHash(String hash) {
        return hash == null || hash.length() < 12 ? String.valueOf(hash) : hash.substring(0, 12);
    }

    private static String day(Object time) {
        String t = String.valueOf(time);
        return t.length() >= 10 ? t.substring(0, 10) : t;
    }

    private static ControlStatus organisation(String id, String title, String provided) {
        return control(id, title, ControlState.NotApplicable, ORGANISATION + "opsgate provides: " + provided);
    }

    private static ControlStatus satisfied(String id, String title, String... evidence) {
        return control(id, title, ControlState.Satisfied, evidence);
    }

    private static ControlStatus control(String id, String title, ControlState state, String... evidence) {
        ControlStatus c = new ControlStatus();
        c.id = id;
        c.title = title;
        c.state = state;
        c.evidence = new ArrayList<>(List.of(evidence));
        return c;
    }
}
