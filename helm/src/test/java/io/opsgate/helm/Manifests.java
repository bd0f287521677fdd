package io.opsgate.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.List;
import java.util.Map;

/** The objects one rendering of the chart produced. */
record Manifests(List<HasMetadata> objects) {

    private static final Map<Chart.Values, Manifests> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    /** A fresh rendering. */
    static Manifests of(Chart.Values values) {
        return new Manifests(Chart.render(values.sets));
    }

    /** One rendering per value set, shared by tests that only read it (rendering takes a second). */
    static Manifests cached(Chart.Values values) {
        return RENDERED.computeIfAbsent(values, Manifests::of);
    }

    static Manifests of(Map<String, Object> sets) {
        return new Manifests(Chart.render(sets));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        List<T> found = all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " " + name + ", found " + found.size());
        }
        return found.get(0);
    }

    /** Objects of a kind Fabric8 has no class for (cert-manager, Prometheus Operator). */
    List<GenericKubernetesResource> generic(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(o -> o.getKind().equals(kind)).toList();
    }

    /** Every pod template: the chart only makes Deployments. */
    List<PodTemplateSpec> podTemplates() {
        return all(Deployment.class).stream().map(d -> d.getSpec().getTemplate()).toList();
    }
}
