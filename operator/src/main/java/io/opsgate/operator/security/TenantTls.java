package io.opsgate.operator.security;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.tenant.model.TenantSecretBuilder;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Keeps a tenant's TLS material (ISO/IEC 27017 10.1.1): a per-tenant CA in Secret opsgate-tls-ca (only
 * the operator reads it), the server certificate of ingest and notify in Secret opsgate-tls (tls.crt,
 * tls.key, ca.crt), renewed with {@link TenantCertificates#RENEW_BEFORE} left, and the CA certificate
 * published in ConfigMap opsgate-ca for senders. A Tenant that names its own Secret
 * (spec.security.tlsSecretName) gets nothing issued; its certificate is only observed.
 */
public final class TenantTls {

    public static final String CA_SECRET = "opsgate-tls-ca";
    public static final String CA_CONFIG_MAP = "opsgate-ca";
    static final String CERT = "tls.crt";
    static final String KEY = "tls.key";
    static final String CA = "ca.crt";
    static final String CA_KEY = "ca.key";

    /**
     * What the TLS of a tenant looks like after {@link #ensure}.
     *
     * @param secretName the Secret the workloads mount
     * @param issued     whether the operator issues it
     * @param notAfter   the server certificate's expiry, null when there is none
     * @param problem    why the TLS material is not usable, null when it is
     */
    public record State(String secretName, boolean issued, Instant notAfter, String problem) {
    }

    private final KubernetesClient client;
    private final SecurityRecorder recorder;
    private final Map<String, String> published = new ConcurrentHashMap<>();

    public TenantTls(KubernetesClient client, SecurityRecorder recorder) {
        this.client = client;
        this.recorder = recorder;
    }

    /**
     * Issues or renews what is missing or due.
     *
     * @param secrets finds a Secret of the tenant namespace by name (from the informer cache)
     */
    public State ensure(Tenant tenant, Function<String, Optional<Secret>> secrets, Instant now) {
        String secretName = TenantSecretBuilder.tlsSecretName(tenant.getSpec());
        if (!TenantSecretBuilder.TLS_SECRET.equals(secretName)) {
            return observe(secretName, secrets.apply(secretName));
        }
        String ns = tenant.namespaceName();
        TenantCertificates.Authority ca = authority(secrets.apply(CA_SECRET)).orElse(null);
        if (ca == null || TenantCertificates.due(ca.certificate(), TenantCertificates.SERVER_VALIDITY, now)) {
            boolean renewal = ca != null;
            ca = TenantCertificates.authority(tenant.getMetadata().getName(), now);
            OwnedWrites.write(client, tenant, new SecretBuilder()
                    .withMetadata(OwnedWrites.meta(tenant, CA_SECRET, "tls"))
                    .withType("Opaque")
                    .withData(data(Map.of(CA, ca.certificatePem(), CA_KEY, ca.keyPem())))
                    .build());
            recorder.record(tenant, "Secret/" + ns + "/" + CA_SECRET, renewal ? "rotated" : "issued",
                    renewal ? "CertificateAuthorityRenewed" : "CertificateAuthorityIssued",
                    "tenant CA valid until " + ca.certificate().getNotAfter().toInstant(),
                    renewal ? "the CA would expire before a new server certificate" : "TLS for ingest and notify",
                    renewal ? "CertificateRenewed" : null, "info");
        }
        TenantCertificates.Authority authority = ca;
        publishCa(tenant, authority.certificatePem());
        Optional<Secret> live = secrets.apply(TenantSecretBuilder.TLS_SECRET);
        Optional<TenantCertificates.ServerCertificate> current = live.flatMap(TenantTls::server);
        List<String> names = dnsNames(tenant);
        String due = current.isEmpty() ? "no certificate yet" : dueReason(current.get(), authority, names, now);
        if (due == null) {
            return new State(secretName, true, current.get().certificate().getNotAfter().toInstant(), null);
        }
        TenantCertificates.ServerCertificate cert = TenantCertificates.server(authority, names, List.of(), now);
        OwnedWrites.write(client, tenant, new SecretBuilder()
                .withMetadata(OwnedWrites.meta(tenant, TenantSecretBuilder.TLS_SECRET, "tls"))
                .withType("kubernetes.io/tls")
                .withData(data(Map.of(CERT, cert.certificatePem(), KEY, cert.keyPem(), CA, cert.caPem())))
                .build());
        Instant notAfter = cert.certificate().getNotAfter().toInstant();
        boolean renewal = current.isPresent();
        recorder.record(tenant, "Secret/" + ns + "/" + TenantSecretBuilder.TLS_SECRET, renewal ? "rotated" : "issued",
                renewal ? "CertificateRenewed" : "CertificateIssued",
                "server certificate for ingest and notify valid until " + notAfter, due,
                renewal ? "CertificateRenewed" : null, "info");
        return new State(secretName, true, notAfter, null);
    }

    /**
     * The names the server certificate must carry: the Services', and the host name senders use when the
     * Tenant exposes ingest through a TLS passthrough route (the route forwards TLS untouched, so ingest's own
     * certificate is what senders verify).
     */
    static List<String> dnsNames(Tenant tenant) {
        List<String> names = new ArrayList<>(TenantCertificates.serviceNames(tenant.namespaceName()));
        if (tenant.getSpec() != null && tenant.getSpec().ingest != null && tenant.getSpec().ingest.expose != null
                && tenant.getSpec().ingest.expose.hostname != null) {
            names.add(tenant.getSpec().ingest.expose.hostname);
        }
        return names;
    }

    /** Why the certificate must be replaced, or null when it is good. */
    private static String dueReason(TenantCertificates.ServerCertificate c, TenantCertificates.Authority ca,
                                    List<String> names, Instant now) {
        X509Certificate cert = c.certificate();
        if (TenantCertificates.due(cert, TenantCertificates.RENEW_BEFORE, now)) {
            return "less than " + TenantCertificates.RENEW_BEFORE.toDays() + " days left (expires " + cert.getNotAfter().toInstant() + ")";
        }
        if (!new HashSet<>(dnsNamesOf(cert)).equals(new HashSet<>(names))) {
            return "the names it must carry changed (spec.ingest.expose.hostname)";
        }
        try {
            cert.verify(ca.certificate().getPublicKey());
        } catch (GeneralSecurityException e) {
            return "not signed by the tenant CA";
        }
        return Objects.equals(c.caPem(), ca.certificatePem()) ? null : "ca.crt is not the tenant CA";
    }

    private static List<String> dnsNamesOf(X509Certificate cert) {
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            return sans == null ? List.of() : sans.stream()
                    .filter(san -> Integer.valueOf(2).equals(san.get(0)))
                    .map(san -> (String) san.get(1))
                    .toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private State observe(String secretName, Optional<Secret> secret) {
        if (secret.isEmpty()) {
            return new State(secretName, false, null, "Secret " + secretName + " (spec.security.tlsSecretName) not found");
        }
        Optional<TenantCertificates.ServerCertificate> cert = server(secret.get());
        if (cert.isEmpty()) {
            return new State(secretName, false, null, "Secret " + secretName + " lacks tls.crt, tls.key or ca.crt");
        }
        return new State(secretName, false, cert.get().certificate().getNotAfter().toInstant(), null);
    }

    /** Writes ConfigMap opsgate-ca once per CA and process: the operator has no ConfigMap informer to compare with. */
    private void publishCa(Tenant tenant, String caPem) {
        String ns = tenant.namespaceName();
        if (caPem.equals(published.get(ns))) {
            return;
        }
        ConfigMap live = client.configMaps().inNamespace(ns).withName(CA_CONFIG_MAP).get();
        if (live == null || live.getData() == null || !caPem.equals(live.getData().get(CA))) {
            OwnedWrites.write(client, tenant, new ConfigMapBuilder()
                    .withMetadata(OwnedWrites.meta(tenant, CA_CONFIG_MAP, "tls"))
                    .withData(Map.of(CA, caPem))
                    .build());
        }
        published.put(ns, caPem);
    }

    private static Optional<TenantCertificates.Authority> authority(Optional<Secret> secret) {
        return secret.flatMap(s -> text(s, CA).flatMap(c -> text(s, CA_KEY).map(k -> new TenantCertificates.Authority(c, k))));
    }

    private static Optional<TenantCertificates.ServerCertificate> server(Secret s) {
        Optional<String> cert = text(s, CERT);
        Optional<String> key = text(s, KEY);
        Optional<String> ca = text(s, CA);
        if (cert.isEmpty() || key.isEmpty() || ca.isEmpty()) {
            return Optional.empty();
        }
        try {
            TenantCertificates.parseCertificate(cert.get());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new TenantCertificates.ServerCertificate(cert.get(), key.get(), ca.get()));
    }

    private static Optional<String> text(Secret s, String key) {
        if (s.getData() == null || s.getData().get(key) == null) {
            return Optional.empty();
        }
        return Optional.of(new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8));
    }

    private static Map<String, String> data(Map<String, String> text) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        text.forEach((k, v) -> out.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return out;
    }
}
