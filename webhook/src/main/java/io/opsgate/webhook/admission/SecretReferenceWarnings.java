package io.opsgate.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The Secrets an object references, as admission warnings. The webhook reads no Secrets (it needs no right on
 * them), so it cannot know whether they exist; it admits the object, and says where to look: until the Secret
 * exists, the operator reports the object not Ready with reason WaitingForSecret. So a directory with an object
 * and the Secret it names applies in one command, in any order.
 */
public final class SecretReferenceWarnings {

    private SecretReferenceWarnings() {
    }

    /** One warning per referenced Secret of the object (a NotificationChannel, OpsJob or mail AlertSource). */
    public static List<String> warnings(String kind, JsonNode object, String requestNamespace) {
        String ns = requestNamespace.isEmpty() ? object.path("metadata").path("namespace").asText("") : requestNamespace;
        JsonNode spec = object.path("spec");
        List<String> warnings = new ArrayList<>();
        switch (kind) {
            case "NotificationChannel" -> add(spec.path("secretRef").path("name"), "spec.secretRef.name", ns, warnings);
            case "AlertSource" -> add(spec.path("mail").path("authSecretRef").path("name"), "spec.mail.authSecretRef.name",
                    ns, warnings);
            case "OpsJob" -> {
                JsonNode credentials = spec.path("credentials");
                for (int i = 0; i < credentials.size(); i++) {
                    add(credentials.get(i).path("secretName"), "spec.credentials[" + i + "].secretName", ns, warnings);
                }
            }
            default -> {
            }
        }
        return warnings;
    }

    private static void add(JsonNode name, String field, String namespace, List<String> warnings) {
        if (name.isTextual() && !name.asText().isEmpty()) {
            // Short: the API server truncates long warnings.
            warnings.add(field + ": Secret " + name.asText() + " must exist in " + namespace
                    + "; until it does, status shows Ready=False WaitingForSecret");
        }
    }
}
