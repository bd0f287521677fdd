package io.opsgate.webhook.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.Base64;
import java.util.UUID;

/**
 * AdmissionReview v1 bodies in the shape the API server sends them (see the Kubernetes docs,
 * "Dynamic Admission Control": request.uid, kind, resource, requestKind, name, namespace,
 * operation, userInfo, object, oldObject, dryRun, options), built from the object's YAML.
 */
public final class AdmissionRequests {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private AdmissionRequests() {
    }

    /** Parses an object written as YAML, adding the metadata the API server fills in. */
    public static ObjectNode object(String yaml) {
        try {
            ObjectNode o = (ObjectNode) YAML.readTree(yaml);
            ObjectNode meta = o.withObjectProperty("metadata");
            meta.put("uid", UUID.randomUUID().toString());
            meta.put("creationTimestamp", "2026-11-26T01:00:00Z");
            meta.put("generation", 1);
            ObjectNode managed = meta.putArray("managedFields").addObject();
            managed.put("manager", "kubectl-client-side-apply");
            managed.put("operation", "Update");
            managed.put("apiVersion", o.path("apiVersion").asText());
            managed.put("fieldsType", "FieldsV1");
            managed.putObject("fieldsV1").putObject("f:spec");
            return o;
        } catch (Exception e) {
            throw new IllegalArgumentException("bad test YAML", e);
        }
    }

    /** A CREATE review of the object. */
    public static String create(JsonNode object) {
        return review("CREATE", object, null);
    }

    /** An UPDATE review from old to new. */
    public static String update(JsonNode oldObject, JsonNode object) {
        return review("UPDATE", object, oldObject);
    }

    /** A review of any operation. */
    public static String review(String operation, JsonNode object, JsonNode oldObject) {
        JsonNode subject = object != null ? object : oldObject;
        String kind = subject.path("kind").asText();
        String[] apiVersion = subject.path("apiVersion").asText().split("/");
        String namespace = subject.path("metadata").path("namespace").asText("");
        ObjectNode review = JSON.createObjectNode();
        review.put("apiVersion", "admission.k8s.io/v1");
        review.put("kind", "AdmissionReview");
        ObjectNode r = review.putObject("request");
        r.put("uid", UUID.randomUUID().toString());
        gvk(r.putObject("kind"), apiVersion, kind);
        gvr(r.putObject("resource"), apiVersion, kind);
        gvk(r.putObject("requestKind"), apiVersion, kind);
        gvr(r.putObject("requestResource"), apiVersion, kind);
        r.put("name", subject.path("metadata").path("name").asText());
        if (!namespace.isEmpty()) {
            r.put("namespace", namespace);
        }
        r.put("operation", operation);
        ObjectNode user = r.putObject("userInfo");
        user.put("username", "alice@demo.example");
        user.put("uid", "014fbff9a07c");
        user.putArray("groups").add("demo-platform-team").add("system:authenticated");
        r.set("object", object);
        r.set("oldObject", oldObject);
        r.put("dryRun", false);
        ObjectNode options = r.putObject("options");
        options.put("apiVersion", "meta.k8s.io/v1");
        options.put("kind", operation.equals("CREATE") ? "CreateOptions" : "UpdateOptions");
        options.put("fieldManager", "kubectl-client-side-apply");
        return review.toString();
    }

    private static void gvk(ObjectNode n, String[] apiVersion, String kind) {
        n.put("group", apiVersion.length > 1 ? apiVersion[0] : "");
        n.put("version", apiVersion[apiVersion.length - 1]);
        n.put("kind", kind);
    }

    private static void gvr(ObjectNode n, String[] apiVersion, String kind) {
        n.put("group", apiVersion.length > 1 ? apiVersion[0] : "");
        n.put("version", apiVersion[apiVersion.length - 1]);
        n.put("resource", kind.toLowerCase() + "s");
    }

    /** The response part of a webhook answer. */
    public static JsonNode response(String body) {
        try {
            return JSON.readTree(body).path("response");
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + body, e);
        }
    }

    /** The decoded JSON Patch of a response, or null. */
    public static JsonNode patch(JsonNode response) {
        if (!response.hasNonNull("patch")) {
            return null;
        }
        try {
            return JSON.readTree(Base64.getDecoder().decode(response.path("patch").asText()));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
