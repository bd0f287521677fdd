package io.opsgate.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.webhook.testing.RunningWebhook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.opsgate.webhook.testing.AdmissionRequests.create;
import static io.opsgate.webhook.testing.AdmissionRequests.object;
import static io.opsgate.webhook.testing.AdmissionRequests.response;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant's owner applying objects that would take the webhook down or aim past the granted egress (issue 13):
 * denied in well under a second, naming the field, the webhook still serving the next review.
 */
class HostileTenantIT {
    static final String BLOW_UP = "((a{1000}){1000}){1000}";

    @TempDir
    static Path tls;
    private static RunningWebhook webhook;

    @BeforeAll
    static void start() throws Exception {
        webhook = RunningWebhook.start(tls, Duration.ofSeconds(30));
        webhook.cluster().tenant(new YAMLMapper().readValue("""
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: demo}
                spec:
                  egress: [{cidr: 0.0.0.0/0}]
                """, Tenant.class));
    }

    @AfterAll
    static void stop() throws Exception {
        webhook.close();
    }

    @Test
    void aRuleWhoseRegexWouldCompileToABillionInstructionsIsDeniedNamingTheFieldInUnderASecond() throws Exception {
        long started = System.nanoTime();
        JsonNode r = response(webhook.post("/validate", create(object("""
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: blow-up, namespace: opsgate-demo}
                spec:
                  matchers: ['alertname=~"%s"']
                  actions: {drop: true}
                """.formatted(BLOW_UP)))).body());
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(r.path("allowed").asBoolean()).isFalse();
        assertThat(causes(r)).contains("spec.matchers[0] RegexTooComplex");
        assertThat(millis).as("answered in %d ms", millis).isLessThan(1000);
        JsonNode next = response(webhook.post("/validate", create(object("""
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: fine, namespace: opsgate-demo}
                spec:
                  matchers: ['alertname=~"Disk.*"']
                  actions: {drop: true}
                """))).body());
        assertThat(next.path("allowed").asBoolean()).as(next.toString()).isTrue();
    }

    @Test
    void aMonitorAimedAtTheMetadataServiceIsDeniedNamingTheField() throws Exception {
        JsonNode r = response(webhook.post("/validate", create(object("""
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: metadata, namespace: opsgate-demo}
                spec:
                  type: HTTP
                  http: {url: 'http://169.254.169.254/latest/meta-data/'}
                """))).body());

        assertThat(r.path("allowed").asBoolean()).isFalse();
        assertThat(causes(r)).contains("spec.http.url EgressNotGranted");
    }

    private static List<String> causes(JsonNode r) {
        List<String> causes = new ArrayList<>();
        r.path("status").path("details").path("causes")
                .forEach(c -> causes.add(c.path("field").asText() + " " + c.path("reason").asText()));
        return causes;
    }
}
