package io.opsgate.operator.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.api.v1alpha1.AccessLogCheckpoint;
import io.opsgate.api.v1alpha1.DeletionPolicy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the operator observed about one tenant, the input of {@link TenantControls}. Facts only, so
 * the evidence can be computed (and tested) without a cluster. Made with {@link #builder()}: every fact
 * is set by name, so two counts cannot be swapped silently; collections not set are empty.
 */
public final class ControlObservations {
    private final String namespace;
    private final String podSecurity;
    private final Set<String> networkPolicies;
    private final boolean quota;
    private final Set<String> roles;
    private final int owners;
    private final int operators;
    private final int viewers;
    private final int tokens;
    private final List<String> tokensWithoutSecret;
    private final List<String> expiredTokens;
    private final int adminTokens;
    private final List<String> apiAllowedCidrs;
    private final TenantTls.State tls;
    private final TenantKeks.State kek;
    private final JsonNode ingestReport;
    private final JsonNode notifyReport;
    private final DeletionPolicy deletionPolicy;
    private final String noticeChannel;
    private final String auditLog;
    private final String configHash;
    private final String logRetention;
    private final AccessLogCheckpoint recordedAccessLog;
    private final AccessLogCheck.Outcome accessLog;
    private final Instant now;

    private ControlObservations(Builder b) {
        this.namespace = Objects.requireNonNull(b.namespace, "namespace");
        this.podSecurity = b.podSecurity;
        this.networkPolicies = Set.copyOf(b.networkPolicies);
        this.quota = b.quota;
        this.roles = Set.copyOf(b.roles);
        this.owners = b.owners;
        this.operators = b.operators;
        this.viewers = b.viewers;
        this.tokens = b.tokens;
        this.tokensWithoutSecret = List.copyOf(b.tokensWithoutSecret);
        this.expiredTokens = List.copyOf(b.expiredTokens);
        this.adminTokens = b.adminTokens;
        this.apiAllowedCidrs = List.copyOf(b.apiAllowedCidrs);
        this.tls = b.tls;
        this.kek = b.kek;
        this.ingestReport = b.ingestReport;
        this.notifyReport = b.notifyReport;
        this.deletionPolicy = b.deletionPolicy;
        this.noticeChannel = b.noticeChannel;
        this.auditLog = b.auditLog;
        this.configHash = b.configHash;
        this.logRetention = b.logRetention;
        this.recordedAccessLog = b.recordedAccessLog;
        this.accessLog = AccessLogCheck.of(b.recordedAccessLog, b.ingestReport);
        this.now = Objects.requireNonNull(b.now, "now");
    }

    /** A builder with nothing observed yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these observations, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.namespace = namespace;
        b.podSecurity = podSecurity;
        b.networkPolicies = networkPolicies;
        b.quota = quota;
        b.roles = roles;
        b.owners = owners;
        b.operators = operators;
        b.viewers = viewers;
        b.tokens = tokens;
        b.tokensWithoutSecret = tokensWithoutSecret;
        b.expiredTokens = expiredTokens;
        b.adminTokens = adminTokens;
        b.apiAllowedCidrs = apiAllowedCidrs;
        b.tls = tls;
        b.kek = kek;
        b.ingestReport = ingestReport;
        b.notifyReport = notifyReport;
        b.deletionPolicy = deletionPolicy;
        b.noticeChannel = noticeChannel;
        b.auditLog = auditLog;
        b.configHash = configHash;
        b.logRetention = logRetention;
        b.recordedAccessLog = recordedAccessLog;
        b.now = now;
        return b;
    }

    /** The tenant namespace. */
    public String namespace() {
        return namespace;
    }

    /** The namespace's pod-security.kubernetes.io/enforce level, null when unknown. */
    public String podSecurity() {
        return podSecurity;
    }

    /** Names of the tenant's NetworkPolicies that exist. */
    public Set<String> networkPolicies() {
        return networkPolicies;
    }

    /** Whether ResourceQuota opsgate-quota exists. */
    public boolean quota() {
        return quota;
    }

    /** Names of the tenant Roles that exist. */
    public Set<String> roles() {
        return roles;
    }

    /** Subjects bound to the owner role. */
    public int owners() {
        return owners;
    }

    /** Subjects bound to the operator role. */
    public int operators() {
        return operators;
    }

    /** Subjects bound to the viewer role. */
    public int viewers() {
        return viewers;
    }

    /** API tokens in spec.apiTokens. */
    public int tokens() {
        return tokens;
    }

    /** Tokens whose Secret is missing or has no token. */
    public List<String> tokensWithoutSecret() {
        return tokensWithoutSecret;
    }

    /** Tokens whose expiresAt has passed. */
    public List<String> expiredTokens() {
        return expiredTokens;
    }

    /** Tokens with the Admin scope. */
    public int adminTokens() {
        return adminTokens;
    }

    /** The effective allow list of the non-ingest API (empty: any source). */
    public List<String> apiAllowedCidrs() {
        return apiAllowedCidrs;
    }

    /** The TLS material. */
    public TenantTls.State tls() {
        return tls;
    }

    /** The key-encryption keys, null when not (yet) there. */
    public TenantKeks.State kek() {
        return kek;
    }

    /** Ingest's GET /internal/v1/security answer, null until one arrived. */
    public JsonNode ingestReport() {
        return ingestReport;
    }

    /** Notify's, likewise. */
    public JsonNode notifyReport() {
        return notifyReport;
    }

    /** The Tenant's deletionPolicy. */
    public DeletionPolicy deletionPolicy() {
        return deletionPolicy;
    }

    /** Spec.security.noticeChannel, null when not set. */
    public String noticeChannel() {
        return noticeChannel;
    }

    /** The operator's audit log file. */
    public String auditLog() {
        return auditLog;
    }

    /** The compiled configuration's hash. */
    public String configHash() {
        return configHash;
    }

    /** Spec.retention.logs. */
    public String logRetention() {
        return logRetention;
    }

    /** Ingest's access log compared with the checkpoint in the Tenant status ({@link AccessLogCheck}). */
    public AccessLogCheck.Outcome accessLog() {
        return accessLog;
    }

    /** When observed (for expiry). */
    public Instant now() {
        return now;
    }

    /** Sets the observations one by one, by name. */
    public static final class Builder {
        private String namespace;
        private String podSecurity;
        private Set<String> networkPolicies = Set.of();
        private boolean quota;
        private Set<String> roles = Set.of();
        private int owners;
        private int operators;
        private int viewers;
        private int tokens;
        private List<String> tokensWithoutSecret = List.of();
        private List<String> expiredTokens = List.of();
        private int adminTokens;
        private List<String> apiAllowedCidrs = List.of();
        private TenantTls.State tls;
        private TenantKeks.State kek;
        private JsonNode ingestReport;
        private JsonNode notifyReport;
        private DeletionPolicy deletionPolicy;
        private String noticeChannel;
        private String auditLog;
        private String configHash;
        private String logRetention;
        private AccessLogCheckpoint recordedAccessLog;
        private Instant now;

        private Builder() {
        }

        /** @param namespace the tenant namespace */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** @param podSecurity the namespace's pod-security.kubernetes.io/enforce level, null when unknown */
        public Builder podSecurity(String podSecurity) {
            this.podSecurity = podSecurity;
            return this;
        }

        /** @param networkPolicies names of the tenant's NetworkPolicies that exist */
        public Builder networkPolicies(Set<String> networkPolicies) {
            this.networkPolicies = networkPolicies;
            return this;
        }

        /** @param quota whether ResourceQuota opsgate-quota exists */
        public Builder quota(boolean quota) {
            this.quota = quota;
            return this;
        }

        /** @param roles names of the tenant Roles that exist */
        public Builder roles(Set<String> roles) {
            this.roles = roles;
            return this;
        }

        /** @param owners subjects bound to the owner role */
        public Builder owners(int owners) {
            this.owners = owners;
            return this;
        }

        /** @param operators subjects bound to the operator role */
        public Builder operators(int operators) {
            this.operators = operators;
            return this;
        }

        /** @param viewers subjects bound to the viewer role */
        public Builder viewers(int viewers) {
            this.viewers = viewers;
            return this;
        }

        /** @param tokens API tokens in spec.apiTokens */
        public Builder tokens(int tokens) {
            this.tokens = tokens;
            return this;
        }

        /** @param tokensWithoutSecret tokens whose Secret is missing or has no token */
        public Builder tokensWithoutSecret(List<String> tokensWithoutSecret) {
            this.tokensWithoutSecret = tokensWithoutSecret;
            return this;
        }

        /** @param expiredTokens tokens whose expiresAt has passed */
        public Builder expiredTokens(List<String> expiredTokens) {
            this.expiredTokens = expiredTokens;
            return this;
        }

        /** @param adminTokens tokens with the Admin scope */
        public Builder adminTokens(int adminTokens) {
            this.adminTokens = adminTokens;
            return this;
        }

        /** @param apiAllowedCidrs the effective allow list of the non-ingest API (empty: any source) */
        public Builder apiAllowedCidrs(List<String> apiAllowedCidrs) {
            this.apiAllowedCidrs = apiAllowedCidrs;
            return this;
        }

        /** @param tls the TLS material */
        public Builder tls(TenantTls.State tls) {
            this.tls = tls;
            return this;
        }

        /** @param kek the key-encryption keys, null when not (yet) there */
        public Builder kek(TenantKeks.State kek) {
            this.kek = kek;
            return this;
        }

        /** @param ingestReport ingest's GET /internal/v1/security answer, null until one arrived */
        public Builder ingestReport(JsonNode ingestReport) {
            this.ingestReport = ingestReport;
            return this;
        }

        /** @param notifyReport notify's, likewise */
        public Builder notifyReport(JsonNode notifyReport) {
            this.notifyReport = notifyReport;
            return this;
        }

        /** @param deletionPolicy the Tenant's deletionPolicy */
        public Builder deletionPolicy(DeletionPolicy deletionPolicy) {
            this.deletionPolicy = deletionPolicy;
            return this;
        }

        /** @param noticeChannel spec.security.noticeChannel, null when not set */
        public Builder noticeChannel(String noticeChannel) {
            this.noticeChannel = noticeChannel;
            return this;
        }

        /** @param auditLog the operator's audit log file */
        public Builder auditLog(String auditLog) {
            this.auditLog = auditLog;
            return this;
        }

        /** @param configHash the compiled configuration's hash */
        public Builder configHash(String configHash) {
            this.configHash = configHash;
            return this;
        }

        /** @param logRetention spec.retention.logs */
        public Builder logRetention(String logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        /** @param recordedAccessLog the access log's checkpoint in the Tenant status, null when none is recorded */
        public Builder recordedAccessLog(AccessLogCheckpoint recordedAccessLog) {
            this.recordedAccessLog = recordedAccessLog;
            return this;
        }

        /** @param now when observed (for expiry) */
        public Builder now(Instant now) {
            this.now = now;
            return this;
        }

        /** The observations; namespace and now must be set. */
        public ControlObservations build() {
            return new ControlObservations(this);
        }
    }
}
