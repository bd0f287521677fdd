package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.opsgate.api.config.TokenEntry;
import io.opsgate.api.v1alpha1.ApiTokenSpec;
import io.opsgate.api.v1alpha1.StorageSpec;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.support.Desired;
import io.opsgate.operator.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TenantServiceStorageAndSecretBuilderTest {

    @Test
    void servicesExposeOnlyTheWorkloadsPorts() {
        Service ingest = TenantServiceBuilder.build(Desired.acme(), Workload.INGEST);
        assertThat(ingest.getMetadata().getName()).isEqualTo("opsgate-ingest");
        assertThat(ingest.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(ingest.getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort() + "->" + p.getTargetPort().getStrVal())
                .containsExactly("http:9093->http", "smtp:2525->smtp", "metrics:9090->metrics");
        assertThat(ingest.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "ingest");
        Service notify = TenantServiceBuilder.build(Desired.acme(), Workload.NOTIFY);
        assertThat(notify.getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort()).containsExactly("http:9094", "metrics:9090");
    }

    @Test
    void volumeClaimsTakeSizeAndClass() {
        Tenant t = Fixtures.tenant("acme");
        t.getSpec().storage = new StorageSpec();
        t.getSpec().storage.size = "12Gi";
        t.getSpec().storage.storageClassName = "fast";
        PersistentVolumeClaim pvc = TenantVolumeClaimBuilder.build(Desired.of(t, List.of()), Workload.NOTIFY);
        assertThat(pvc.getMetadata().getName()).isEqualTo("opsgate-notify-data");
        assertThat(pvc.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(pvc.getSpec().getStorageClassName()).isEqualTo("fast");
        assertThat(pvc.getSpec().getResources().getRequests()).isEqualTo(Map.of("storage", new Quantity("12Gi")));
        assertThat(TenantVolumeClaimBuilder.build(Desired.acme(), Workload.INGEST).getSpec().getStorageClassName())
                .as("cluster default").isNull();
    }

    @Test
    void configSecretCarriesTheDocumentAndItsHash() {
        Secret s = TenantSecretBuilder.config(Desired.acme());
        assertThat(s.getMetadata().getName()).isEqualTo("opsgate-config");
        assertThat(s.getType()).isEqualTo("Opaque");
        assertThat(new String(Base64.getDecoder().decode(s.getData().get("config.json")), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(s.getMetadata().getAnnotations()).containsEntry("opsgate.io/config-hash", "abc123");
    }

    @Test
    void tokensAreRandom256BitValuesAndOnlyTheirHashReachesTheConfig() {
        ApiTokenSpec spec = Desired.acme().spec().apiTokens.get(0);
        Secret a = TenantSecretBuilder.token(Desired.acme(), spec);
        Secret b = TenantSecretBuilder.token(Desired.acme(), spec);
        assertThat(a.getMetadata().getName()).isEqualTo("opsgate-token-prometheus");
        String token = TokenHashes.token(a).orElseThrow();
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        assertThat(token).isNotEqualTo(TokenHashes.token(b).orElseThrow());
        assertThat(TenantSecretBuilder.internal(Desired.acme()).getMetadata().getName()).isEqualTo("opsgate-internal");

        List<TokenEntry> entries = TokenHashes.of(Desired.acme().spec(),
                name -> name.equals("opsgate-token-prometheus") ? Optional.of(a) : Optional.empty());
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.name).isEqualTo("prometheus");
            assertThat(e.sha256).isEqualTo(TokenEntry.hash(token)).doesNotContain(token);
            assertThat(e.scopes).containsExactly(ApiTokenSpec.TokenScope.Ingest);
        });
        assertThat(TokenHashes.of(Desired.acme().spec(), name -> Optional.empty())).as("no secret, no token").isEmpty();
    }
}
