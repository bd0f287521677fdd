package io.opsgate.engine.support;

/**
 * YAML documents of the objects tests configure again and again, each ending with {@code ---} so they can be
 * strung together. What a test is about stays in its own YAML; these are the scenery.
 */
public final class Manifests {
    private Manifests() {
    }

    /**
     * A Webhook NotificationChannel of {@code tenant} (namespace {@code opsgate-<tenant>}) posting to {@code url}.
     *
     * @param signingSecret the Secret whose {@code hmacKey} signs each request, or null for none
     */
    public static String webhookChannel(String tenant, String name, String url, String signingSecret) {
        return """
                apiVersion: opsgate.io/v1alpha1
                kind: NotificationChannel
                metadata: {name: %s, namespace: opsgate-%s}
                spec:
                  type: Webhook
                  webhook: {url: "%s"}
                %s---
                """.formatted(name, tenant, url, signingSecret == null ? "" : "  secretRef: {name: " + signingSecret + "}\n");
    }

    /** An AlertRule of {@code tenant} with the given spec (YAML, unindented). */
    public static String rule(String tenant, String name, String spec) {
        return "apiVersion: opsgate.io/v1alpha1\nkind: AlertRule\nmetadata: {name: " + name + ", namespace: opsgate-"
                + tenant + "}\nspec:\n" + spec.stripTrailing().indent(2) + "---\n";
    }
}
