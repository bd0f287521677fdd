package io.opsgate.operator.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.api.v1alpha1.DeletionPolicy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the operator observed about one tenant, the input of {@link TenantControls}. Facts only, so
 * the evidence can be computed (and tested) without a cluster.
 *
 * @param namespace          the tenant namespace
 * @param podSecurity        the namespace's pod-security.kubernetes.io/enforce level, null when unknown
 * @param networkPolicies    names of the tenant's NetworkPolicies that exist
 * @param quota              whether ResourceQuota opsgate-quota exists
 * @param roles              names of the tenant Roles that exist
 * @param owners             subjects bound to the owner role
 * @param operators          subjects bound to the operator role
 * @param viewers            subjects bound to the viewer role
 * @param tokens             API tokens in spec.apiTokens
 * @param tokensWithoutSecret tokens whose Secret is missing or has no token
 * @param expiredTokens      tokens whose expiresAt has passed
 * @param adminTokens        tokens with the Admin scope
 * @param apiAllowedCidrs    the effective allow list of the non-ingest API (empty: any source)
 * @param tls                the TLS material
 * @param kek                the key-encryption keys, null when not (yet) there
 * @param ingestReport       ingest's GET /internal/v1/security answer, null until one arrived
 * @param notifyReport       notify's, likewise
 * @param deletionPolicy     the Tenant's deletionPolicy
 * @param noticeChannel      spec.security.noticeChannel, null when not set
 * @param auditLog           the operator's audit log file
 * @param configHash         the compiled configuration's hash
 * @param logRetention       spec.retention.logs
 * @param now                when observed (for expiry)
 */
public record ControlObservations(String namespace,
                                  String podSecurity,
                                  Set<String> networkPolicies,
                                  boolean quota,
                                  Set<String> roles,
                                  int owners,
                                  int operators,
                                  int viewers,
                                  int tokens,
                                  List<String> tokensWithoutSecret,
                                  List<String> expiredTokens,
                                  int adminTokens,
                                  List<String> apiAllowedCidrs,
                                  TenantTls.State tls,
                                  TenantKeks.State kek,
                                  JsonNode ingestReport,
                                  JsonNode notifyReport,
                                  DeletionPolicy deletionPolicy,
                                  String noticeChannel,
                                  String auditLog,
                                  String configHash,
                                  String logRetention,
                                  Instant now) {
}
