package io.opsgate.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The webhook configurations reach the opsgate-webhook Service, trust its certificate, and cover every kind. */
class WebhookConfigurationTest {

    private static final String NS = Chart.NAMESPACE;
    private static final String INJECT = "cert-manager.io/inject-ca-from";
    private static final List<String> DNS_NAMES = List.of("opsgate-webhook", "opsgate-webhook." + NS,
            "opsgate-webhook." + NS + ".svc", "opsgate-webhook." + NS + ".svc.cluster.local");

    @AfterEach
    void forget() {
        FakeApiServer.get().forgetSecrets();
    }

    @ParameterizedTest
    @EnumSource(Chart.Values.class)
    void bothConfigurationsPointAtTheWebhookServiceForEveryKind(Chart.Values values) {
        Manifests m = Manifests.cached(values);
        MutatingWebhook mutating = m.one(MutatingWebhookConfiguration.class, "opsgate-webhook").getWebhooks().get(0);
        ValidatingWebhook validating = m.one(ValidatingWebhookConfiguration.class, "opsgate-webhook").getWebhooks().get(0);

        assertClientConfig(mutating.getClientConfig(), "/mutate");
        assertClientConfig(validating.getClientConfig(), "/validate");
        assertThat(List.of(mutating.getFailurePolicy(), validating.getFailurePolicy())).containsOnly("Fail");
        assertThat(List.of(mutating.getSideEffects(), validating.getSideEffects())).containsOnly("None");
        assertThat(mutating.getAdmissionReviewVersions()).containsExactly("v1");
        assertThat(validating.getAdmissionReviewVersions()).containsExactly("v1");
        assertThat(mutating.getTimeoutSeconds()).isBetween(1, 10);
        assertRules(mutating.getRules());
        assertRules(validating.getRules());

        Service service = m.one(Service.class, "opsgate-webhook");
        assertThat(service.getMetadata().getNamespace()).isEqualTo(NS);
        ServicePort https = service.getSpec().getPorts().stream().filter(p -> p.getPort() == 8443).findFirst().orElseThrow();
        Deployment deployment = m.one(Deployment.class, "opsgate-webhook");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        ContainerPort target = container.getPorts().stream()
                .filter(p -> p.getName().equals(https.getTargetPort().getStrVal())).findFirst().orElseThrow();
        assertThat(target.getContainerPort()).isEqualTo(8443);
        assertThat(container.getVolumeMounts()).anySatisfy(v -> {
            assertThat(v.getMountPath()).isEqualTo("/etc/opsgate/webhook-tls");
            assertThat(v.getSubPath()).as("a subPath mount never sees a rotated certificate").isNull();
        });
    }

    @Test
    void aGeneratedCertificateIsSignedByTheCaBundleAndNamesTheService() throws Exception {
        Manifests m = Manifests.of(Chart.Values.DEFAULTS);
        String caBundle = caBundles(m);
        Secret secret = m.one(Secret.class, "opsgate-webhook-tls");
        assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(secret.getData().get("ca.crt")).isEqualTo(caBundle);

        X509Certificate ca = certificate(caBundle);
        X509Certificate served = certificate(secret.getData().get("tls.crt"));
        served.verify(ca.getPublicKey());
        served.checkValidity();
        List<String> sans = new ArrayList<>();
        served.getSubjectAlternativeNames().forEach(san -> sans.add(String.valueOf(san.get(1))));
        assertThat(sans).containsAll(DNS_NAMES);
        assertKeyMatches(secret.getData().get("tls.key"), served);
        assertThat(mountedSecret(m)).isEqualTo("opsgate-webhook-tls");
        assertNoInjection(m);
    }

    @Test
    void anUpgradeKeepsTheCertificateTheClusterHas() {
        Secret first = Manifests.of(Chart.Values.DEFAULTS).one(Secret.class, "opsgate-webhook-tls");
        FakeApiServer.get().putSecret(NS, "opsgate-webhook-tls", io.fabric8.kubernetes.client.utils.Serialization.asJson(first));

        Manifests upgrade = Manifests.of(Chart.Values.DEFAULTS);

        assertThat(upgrade.one(Secret.class, "opsgate-webhook-tls").getData()).isEqualTo(first.getData());
        assertThat(caBundles(upgrade)).isEqualTo(first.getData().get("ca.crt"));
    }

    @Test
    void withoutTheClusterEveryRenderMakesANewCertificateAsArgoCdWouldSee() {
        String one = caBundles(Manifests.of(Chart.Values.DEFAULTS));
        String two = caBundles(Manifests.of(Chart.Values.DEFAULTS));
        assertThat(one).isNotEqualTo(two);
    }

    @Test
    void certManagerIssuesTheCertificateAndInjectsItsCa() {
        Manifests m = Manifests.cached(Chart.Values.CERT_MANAGER);
        GenericKubernetesResource certificate = m.generic("Certificate").get(0);
        Map<String, Object> spec = certificate.get("spec");
        assertThat(certificate.getMetadata().getNamespace()).isEqualTo(NS);
        assertThat(spec.get("secretName")).isEqualTo(mountedSecret(m));
        assertThat(spec.get("dnsNames")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsAll(DNS_NAMES);
        @SuppressWarnings("unchecked")
        Map<String, Object> issuerRef = (Map<String, Object>) spec.get("issuerRef");
        assertThat(m.generic(String.valueOf(issuerRef.get("kind"))))
                .anySatisfy(i -> assertThat(i.getMetadata().getName()).isEqualTo(issuerRef.get("name")));
        String inject = NS + "/" + certificate.getMetadata().getName();
        assertThat(m.one(MutatingWebhookConfiguration.class, "opsgate-webhook").getMetadata().getAnnotations())
                .containsEntry(INJECT, inject);
        assertThat(m.one(ValidatingWebhookConfiguration.class, "opsgate-webhook").getMetadata().getAnnotations())
                .containsEntry(INJECT, inject);
        assertThat(m.one(MutatingWebhookConfiguration.class, "opsgate-webhook").getWebhooks().get(0)
                .getClientConfig().getCaBundle()).isNull();
        assertThat(tlsSecrets(m)).as("cert-manager writes the Secret").isEmpty();
    }

    @Test
    void anExternalCertificateIsMountedAndItsCaTrusted() {
        Manifests m = Manifests.cached(Chart.Values.EXTERNAL_CERTIFICATE);
        assertThat(caBundles(m)).isEqualTo(Chart.EXTERNAL_CA_BUNDLE);
        assertThat(mountedSecret(m)).isEqualTo("corp-webhook-tls");
        assertThat(tlsSecrets(m)).as("the chart does not write someone else's Secret").isEmpty();
        assertNoInjection(m);
    }

    @Test
    void anExternalCertificateWithoutItsCaIsRefused() {
        assertThatThrownBy(() -> Chart.template(Map.of("webhook.tls.existingSecret", "corp-webhook-tls")))
                .hasMessageContaining("webhook.tls.caBundle is required");
    }

    private static void assertClientConfig(WebhookClientConfig c, String path) {
        assertThat(c.getUrl()).isNull();
        assertThat(c.getService().getName()).isEqualTo("opsgate-webhook");
        assertThat(c.getService().getNamespace()).isEqualTo(NS);
        assertThat(c.getService().getPort()).isEqualTo(8443);
        assertThat(c.getService().getPath()).isEqualTo(path);
    }

    private static void assertRules(List<RuleWithOperations> rules) {
        assertThat(rules).hasSize(1);
        RuleWithOperations r = rules.get(0);
        assertThat(r.getOperations()).containsExactlyInAnyOrder("CREATE", "UPDATE");
        assertThat(r.getApiGroups()).containsExactly("opsgate.io");
        assertThat(r.getApiVersions()).containsExactly("v1alpha1");
        assertThat(new HashSet<>(r.getResources())).as("one rule resource per CRD in crds/")
                .isEqualTo(new HashSet<>(Crds.plurals()));
    }

    /** The caBundle both configurations carry (they must agree). */
    private static String caBundles(Manifests m) {
        String mutating = m.one(MutatingWebhookConfiguration.class, "opsgate-webhook").getWebhooks().get(0)
                .getClientConfig().getCaBundle();
        String validating = m.one(ValidatingWebhookConfiguration.class, "opsgate-webhook").getWebhooks().get(0)
                .getClientConfig().getCaBundle();
        assertThat(mutating).isNotBlank().isEqualTo(validating);
        return mutating;
    }

    private static void assertNoInjection(Manifests m) {
        assertThat(m.one(ValidatingWebhookConfiguration.class, "opsgate-webhook").getMetadata().getAnnotations())
                .doesNotContainKey(INJECT);
    }

    private static String mountedSecret(Manifests m) {
        Volume tls = m.one(Deployment.class, "opsgate-webhook").getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null).findFirst().orElseThrow();
        return tls.getSecret().getSecretName();
    }

    private static X509Certificate certificate(String base64Pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64Pem)));
    }

    private static void assertKeyMatches(String base64Pem, X509Certificate cert) throws Exception {
        String pem = new String(Base64.getDecoder().decode(base64Pem), StandardCharsets.US_ASCII);
        PrivateKey key;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            key = o instanceof PEMKeyPair pair ? new JcaPEMKeyConverter().getKeyPair(pair).getPrivate()
                    : new JcaPEMKeyConverter().getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) o);
        }
        Signature sign = Signature.getInstance("SHA256withRSA");
        sign.initSign(key);
        sign.update("opsgate".getBytes(StandardCharsets.US_ASCII));
        byte[] signature = sign.sign();
        Signature verify = Signature.getInstance("SHA256withRSA");
        verify.initVerify(cert.getPublicKey());
        verify.update("opsgate".getBytes(StandardCharsets.US_ASCII));
        assertThat(verify.verify(signature)).as("tls.key belongs to tls.crt").isTrue();
    }

    /** The serving-certificate Secrets the chart renders (the operator's audit key is a Secret of its own). */
    private static List<Secret> tlsSecrets(Manifests m) {
        return m.all(Secret.class).stream().filter(s -> "kubernetes.io/tls".equals(s.getType())).toList();
    }
}
