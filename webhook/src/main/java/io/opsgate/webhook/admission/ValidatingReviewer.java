package io.opsgate.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.api.validation.FieldError;
import io.opsgate.api.validation.ObjectValidator;
import io.opsgate.api.validation.Reasons;
import io.opsgate.api.validation.ValidationResult;

import java.util.List;
import java.util.TreeSet;

/**
 * The validating webhook: the shared {@link ObjectValidator} (so kubectl apply and the operator's
 * status never disagree), plus what only the cluster can tell ({@link NamespaceChecks}, {@link EgressChecks}).
 */
public final class ValidatingReviewer implements Reviewer {

    private final NamespaceChecks namespaceChecks;
    private final EgressChecks egressChecks;

    public ValidatingReviewer(NamespaceChecks namespaceChecks, EgressChecks egressChecks) {
        this.namespaceChecks = namespaceChecks;
        this.egressChecks = egressChecks;
    }

    @Override
    public Review review(ReviewRequest r) {
        if (!OpsgateKinds.known(r)) {
            String message = r.kind() + "." + r.group() + " is not a kind this webhook knows; it knows "
                    + new TreeSet<>(ObjectValidator.KINDS) + " in opsgate.io";
            return Review.invalid(message, List.of(new FieldError("kind", Reasons.INVALID_VALUE, message)));
        }
        if (!OpsgateKinds.writes(r)) {
            return Review.allow();
        }
        if (r.object() == null) {
            String message = "request.object is required for " + r.operation();
            return Review.invalid(message, List.of(new FieldError("object", Reasons.MISSING_FIELD, message)));
        }
        if (r.isUpdate() && r.object().path("spec").equals(r.oldObject().path("spec"))) {
            // Ratcheting, as the API server does for CRD schemas: a change that leaves the spec alone
            // (labels, annotations, a finalizer removed) is never refused for what the spec already was,
            // or an object stored before a rule existed could never even be deleted.
            return Review.allow();
        }
        JsonNode object = withKind(r.object(), r.kind());
        ValidationResult result = ObjectValidator.validate(object, r.isUpdate() ? withKind(r.oldObject(), r.kind()) : null);
        result.addAll(namespaceChecks.check(r, object));
        if (result.isValid()) {
            result.addAll(egressChecks.check(r, object));
        }
        if (result.isValid()) {
            return Review.allowWithWarnings(SecretReferenceWarnings.warnings(r.kind(), object, r.namespace()));
        }
        return Review.invalid(r.kind() + " \"" + name(r, object) + "\" is invalid: " + result.message(), result.errors());
    }

    /** The request's kind is authoritative; the object may omit it. */
    private static JsonNode withKind(JsonNode object, String kind) {
        if (kind.equals(object.path("kind").asText())) {
            return object;
        }
        ObjectNode copy = object.deepCopy();
        copy.put("kind", kind);
        return copy;
    }

    private static String name(ReviewRequest r, JsonNode object) {
        String name = object.path("metadata").path("name").asText("");
        return name.isEmpty() ? r.name() : name;
    }
}
