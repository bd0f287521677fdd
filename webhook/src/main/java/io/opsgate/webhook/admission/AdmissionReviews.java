package io.opsgate.webhook.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import io.opsgate.api.validation.FieldError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Reads AdmissionReview v1 requests and writes AdmissionReview v1 responses. */
public final class AdmissionReviews {

    /** The only AdmissionReview version the webhook speaks (admissionReviewVersions: [v1]). */
    public static final String API_VERSION = "admission.k8s.io/v1";
    public static final String KIND = "AdmissionReview";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private AdmissionReviews() {
    }

    /**
     * Parses a request body.
     *
     * @throws BadReviewException when the body is not an AdmissionReview v1 request, saying why
     */
    public static ReviewRequest parse(byte[] body) throws BadReviewException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new BadReviewException("the body is not JSON: " + firstLine(e));
        }
        if (tree == null || !tree.isObject()) {
            throw new BadReviewException("the body is not a JSON object");
        }
        if (!API_VERSION.equals(tree.path("apiVersion").asText()) || !KIND.equals(tree.path("kind").asText())) {
            throw new BadReviewException("expected apiVersion " + API_VERSION + " and kind " + KIND);
        }
        JsonNode requestNode = tree.path("request");
        if (!requestNode.isObject()) {
            throw new BadReviewException("request is missing");
        }
        AdmissionRequest request;
        try {
            request = MAPPER.treeToValue(requestNode, AdmissionRequest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new BadReviewException("request is not an AdmissionRequest: " + firstLine(e));
        }
        if (request.getUid() == null || request.getUid().isBlank()) {
            throw new BadReviewException("request.uid is missing");
        }
        GroupVersionKind kind = request.getKind();
        if (kind == null || kind.getKind() == null || kind.getKind().isBlank()) {
            throw new BadReviewException("request.kind is missing");
        }
        if (request.getOperation() == null || request.getOperation().isBlank()) {
            throw new BadReviewException("request.operation is missing");
        }
        JsonNode object = node(requestNode.get("object"), "request.object");
        JsonNode oldObject = node(requestNode.get("oldObject"), "request.oldObject");
        return new ReviewRequest(request.getUid(), nullToEmpty(kind.getGroup()), nullToEmpty(kind.getVersion()),
                kind.getKind(), request.getOperation(), nullToEmpty(request.getNamespace()),
                nullToEmpty(request.getName()), object, oldObject);
    }

    /** The response body for a review. */
    public static byte[] respond(String uid, Review review) {
        AdmissionResponseBuilder response = new AdmissionResponseBuilder()
                .withUid(uid)
                .withAllowed(review.allowed());
        if (!review.allowed()) {
            response.withStatus(status(review));
        }
        if (!review.warnings().isEmpty()) {
            response.withWarnings(review.warnings());
        }
        if (review.patch() != null) {
            response.withPatchType("JSONPatch")
                    .withPatch(Base64.getEncoder().encodeToString(review.patch().getBytes(StandardCharsets.UTF_8)));
        }
        return write(review(response.build()));
    }

    private static AdmissionReview review(AdmissionResponse response) {
        return new AdmissionReviewBuilder().withApiVersion(API_VERSION).withKind(KIND).withResponse(response).build();
    }

    /** A Kubernetes Status body for a request that is not a review at all. */
    public static byte[] badRequest(String message) {
        Status status = new StatusBuilder().withStatus("Failure").withCode(400).withReason("BadRequest")
                .withMessage(message).build();
        return write(status);
    }

    private static Status status(Review review) {
        List<StatusCause> causes = review.problems().stream()
                .filter(p -> !p.path().isEmpty())
                .map(AdmissionReviews::cause)
                .toList();
        StatusBuilder status = new StatusBuilder()
                .withStatus("Failure")
                .withCode(review.code())
                .withReason(reasonFor(review.code()))
                .withMessage(review.message());
        if (!causes.isEmpty()) {
            status.withNewDetails().withCauses(causes).endDetails();
        }
        return status.build();
    }

    private static StatusCause cause(FieldError e) {
        return new StatusCauseBuilder().withField(e.path()).withReason(e.reason()).withMessage(e.message()).build();
    }

    private static String reasonFor(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 422 -> "Invalid";
            case 503 -> "ServiceUnavailable";
            default -> "InternalError";
        };
    }

    private static JsonNode node(JsonNode n, String field) throws BadReviewException {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new BadReviewException(field + " is not a JSON object");
        }
        return n;
    }

    private static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
