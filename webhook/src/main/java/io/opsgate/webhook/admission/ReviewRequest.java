package io.opsgate.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the API server asks about one object: the parts of an AdmissionReview v1 request the webhook
 * uses. {@code object} and {@code oldObject} are kept as JSON exactly as sent, so nothing the user
 * wrote is lost before it is validated or defaulted.
 *
 * @param uid       the request's uid, echoed in the response
 * @param group     API group of the object's kind, e.g. {@code opsgate.io}
 * @param version   API version of the object's kind, e.g. {@code v1alpha1}
 * @param kind      the object's kind, e.g. {@code AlertRule}
 * @param operation CREATE, UPDATE, DELETE or CONNECT
 * @param namespace the object's namespace; empty for cluster-scoped kinds
 * @param name      the object's name; empty on CREATE with generateName
 * @param object    the object as it would be stored; null on DELETE
 * @param oldObject the stored object on UPDATE and DELETE; null otherwise
 */
public record ReviewRequest(String uid, String group, String version, String kind, String operation,
                            String namespace, String name, JsonNode object, JsonNode oldObject) {

    /** True for an UPDATE, where oldObject holds what is stored now. */
    public boolean isUpdate() {
        return "UPDATE".equals(operation) && oldObject != null;
    }
}
