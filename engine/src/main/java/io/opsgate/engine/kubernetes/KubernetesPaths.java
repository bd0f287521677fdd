package io.opsgate.engine.kubernetes;

import io.opsgate.api.v1alpha1.OpsgateApi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The REST paths of the opsgate resources the engine reads and writes. */
public final class KubernetesPaths {
    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String JSON = "application/json";

    private KubernetesPaths() {
    }

    /** The collection of a namespaced opsgate kind, e.g. {@code opsjobruns}. */
    public static String collection(String namespace, String plural) {
        return "/apis/" + OpsgateApi.GROUP + "/" + OpsgateApi.VERSION + "/namespaces/" + encode(namespace) + "/" + plural;
    }

    /** The status subresource of one object. */
    public static String status(String namespace, String plural, String name) {
        return collection(namespace, plural) + "/" + encode(name) + "/status";
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
