package io.opsgate.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsgate.api.validation.FieldError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdmissionReviewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{
              "uid":"705ab4f5-6393-11e8-b7cc-42010a800002",
              "kind":{"group":"opsgate.io","version":"v1alpha1","kind":"Monitor"},
              "resource":{"group":"opsgate.io","version":"v1alpha1","resource":"monitors"},
              "name":"web","namespace":"opsgate-demo","operation":"UPDATE",
              "userInfo":{"username":"admin","groups":["system:authenticated"],"extra":{"k":["v"]}},
              "object":{"apiVersion":"opsgate.io/v1alpha1","kind":"Monitor","metadata":{"name":"web"},"spec":{"x":1}},
              "oldObject":{"apiVersion":"opsgate.io/v1alpha1","kind":"Monitor","metadata":{"name":"web"},"spec":{}},
              "dryRun":false,
              "options":{"apiVersion":"meta.k8s.io/v1","kind":"UpdateOptions"}}}
            """;

    @Test
    void readsWhatTheApiServerSends() throws Exception {
        ReviewRequest r = AdmissionReviews.parse(REQUEST.getBytes(StandardCharsets.UTF_8));
        assertThat(r.uid()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
        assertThat(r.group()).isEqualTo("opsgate.io");
        assertThat(r.version()).isEqualTo("v1alpha1");
        assertThat(r.kind()).isEqualTo("Monitor");
        assertThat(r.operation()).isEqualTo("UPDATE");
        assertThat(r.namespace()).isEqualTo("opsgate-demo");
        assertThat(r.name()).isEqualTo("web");
        assertThat(r.object().path("spec").path("x").asInt()).isEqualTo(1);
        assertThat(r.isUpdate()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json at all                                                          | the body is not JSON",
            "[1,2]                                                                    | not a JSON object",
            "{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\"} | expected apiVersion admission.k8s.io/v1",
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}      | request is missing",
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"kind\":{\"kind\":\"Tenant\"},\"operation\":\"CREATE\"}} | request.uid is missing",
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"operation\":\"CREATE\"}} | request.kind is missing",
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"kind\":{\"kind\":\"Tenant\"}}} | request.operation is missing",
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"kind\":{\"kind\":\"Tenant\"},\"operation\":\"CREATE\",\"object\":[]}} | request.object is not a JSON object",
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"kind\":[true],\"operation\":\"CREATE\"}} | request is not an AdmissionRequest"})
    void saysWhyABodyIsNotAReview(String body, String expected) {
        assertThatThrownBy(() -> AdmissionReviews.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadReviewException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void aDenialCarriesCodeReasonMessageAndOneCausePerField() throws Exception {
        Review review = Review.invalid("Monitor \"web\" is invalid: spec.interval: bad; spec.timeout: bad",
                List.of(new FieldError("spec.interval", "InvalidDuration", "bad"),
                        new FieldError("spec.timeout", "InvalidDuration", "bad")));
        JsonNode r = JSON.readTree(AdmissionReviews.respond("u-1", review));
        assertThat(r.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(r.path("kind").asText()).isEqualTo("AdmissionReview");
        JsonNode response = r.path("response");
        assertThat(response.path("uid").asText()).isEqualTo("u-1");
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("code").asInt()).isEqualTo(422);
        assertThat(response.path("status").path("reason").asText()).isEqualTo("Invalid");
        assertThat(response.path("status").path("message").asText()).isEqualTo(review.message());
        assertThat(response.path("status").path("details").path("causes")).hasSize(2);
        assertThat(response.has("patch")).isFalse();
    }

    @Test
    void aPatchIsSentAsBase64JsonPatch() throws Exception {
        String patch = "[{\"op\":\"add\",\"path\":\"/spec/retries\",\"value\":2}]";
        JsonNode response = JSON.readTree(AdmissionReviews.respond("u-2", Review.allowWithPatch(patch))).path("response");
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.path("patchType").asText()).isEqualTo("JSONPatch");
        assertThat(new String(Base64.getDecoder().decode(response.path("patch").asText()), StandardCharsets.UTF_8))
                .isEqualTo(patch);
        assertThat(response.has("status")).isFalse();
    }
}
