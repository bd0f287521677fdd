package io.opsgate.api.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestReaderTest {

    @Test
    void readsSeveralDocumentsAndIgnoresOtherKinds() {
        ManifestSet set = new ManifestSet();
        ManifestReader.read("a.yaml", """
                apiVersion: v1
                kind: Secret
                metadata: {name: s}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: r, namespace: opsgate-x}
                spec:
                  actions: {drop: true}
                ---
                """, set);
        assertThat(set.errors).isEmpty();
        assertThat(set.alertRules).hasSize(1);
        assertThat(set.alertRules.get(0).getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void namesTheFileDocumentAndFieldOfEveryProblem() {
        ManifestSet set = new ManifestSet();
        ManifestReader.read("bad.yaml", """
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: m, namespace: opsgate-x}
                spec:
                  type: ICMP
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: r, namespace: opsgate-x}
                spec:
                  actoins: {drop: true}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: no-namespace}
                spec: {actions: {drop: true}}
                ---
                apiVersion: opsgate.io/v2
                kind: AlertRule
                metadata: {name: future, namespace: opsgate-x}
                """, set);
        assertThat(set.errors).hasSize(4);
        assertThat(set.errors.get(0)).startsWith("bad.yaml document 1").contains("ICMP").contains("spec.type");
        assertThat(set.errors.get(1)).startsWith("bad.yaml document 2").contains("actoins");
        assertThat(set.errors.get(2)).contains("metadata.namespace is required");
        assertThat(set.errors.get(3)).contains("opsgate.io/v2 is not served");
        assertThat(set.alertRules).isEmpty();
    }

    @Test
    void brokenYamlIsAnErrorNotAnException() {
        ManifestSet set = new ManifestSet();
        ManifestReader.read("broken.yaml", "kind: [unclosed\n", set);
        assertThat(set.errors).singleElement().asString().startsWith("broken.yaml document 1: not valid YAML");
    }
}
