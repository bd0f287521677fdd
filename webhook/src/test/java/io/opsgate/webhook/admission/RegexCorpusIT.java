package io.opsgate.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.testing.regex.RegexCorpus;
import io.opsgate.testing.regex.RegexCorpus.Entry;
import io.opsgate.testing.regex.RegexCorpus.Verdict;
import io.opsgate.webhook.testing.RunningWebhook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static io.opsgate.webhook.testing.AdmissionRequests.create;
import static io.opsgate.webhook.testing.AdmissionRequests.object;
import static io.opsgate.webhook.testing.AdmissionRequests.response;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regex corpus through the admission webhook, one regex field of each kind that takes one: each pattern allowed
 * or denied as the bounded compiler judges it, a denial naming the field with RegexTooComplex or the kind's reason
 * for a syntax error; the slowest review reported and under a second (the target is 100 ms; the bound leaves room
 * for a loaded two-core machine, while the unbounded compiler ran the webhook out of heap), the webhook serving on.
 */
class RegexCorpusIT {
    static final long BOUND_MILLIS = 1000;

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
    void alertRuleMatchersAndText() throws Exception {
        run("AlertRule spec.matchers", "spec.matchers[0]", "InvalidMatcher", e -> {
            ObjectNode o = rule();
            ((ObjectNode) o.get("spec")).putArray("matchers").add("alertname=~" + quote(e.pattern()));
            return o;
        });
        run("AlertRule spec.text", "spec.text", "InvalidTextCondition", e -> {
            ObjectNode o = rule();
            ((ObjectNode) o.get("spec")).put("text", "description:/" + e.pattern() + "/");
            return o;
        });
    }

    @Test
    void alertSourcePatternsAndMonitorBodyMatches() throws Exception {
        run("AlertSource spec.mail.resolveWhen.regex", "spec.mail.resolveWhen.regex", "InvalidRegex", e -> {
            ObjectNode o = object("""
                    apiVersion: opsgate.io/v1alpha1
                    kind: AlertSource
                    metadata: {name: corpus, namespace: opsgate-demo}
                    spec:
                      type: Mail
                      mail:
                        recipients: [alerts@acme.example]
                        resolveWhen: {field: subject}
                    """);
            ((ObjectNode) o.get("spec").get("mail").get("resolveWhen")).put("regex", e.pattern());
            return o;
        });
        run("Monitor spec.http.bodyMatches", "spec.http.bodyMatches", "InvalidRegex", e -> {
            ObjectNode o = object("""
                    apiVersion: opsgate.io/v1alpha1
                    kind: Monitor
                    metadata: {name: corpus, namespace: opsgate-demo}
                    spec:
                      type: HTTP
                      interval: 1m
                      timeout: 10s
                      http: {url: 'https://203.0.113.10/'}
                    """);
            ((ObjectNode) o.get("spec").get("http")).put("bodyMatches", e.pattern());
            return o;
        });
    }

    private static ObjectNode rule() {
        return object("""
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: corpus, namespace: opsgate-demo}
                spec:
                  actions: {drop: true}
                """);
    }

    private static void run(String entryPoint, String field, String invalidReason, Function<Entry, ObjectNode> objectOf)
            throws Exception {
        List<String> wrong = new ArrayList<>();
        long slowest = 0;
        String slowestName = "";
        for (Entry e : RegexCorpus.all()) {
            String review = create(objectOf.apply(e));
            long started = System.nanoTime();
            JsonNode r = response(webhook.post("/validate", review).body());
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (millis > slowest) {
                slowest = millis;
                slowestName = e.name();
            }
            Verdict got = verdict(r, field, invalidReason);
            if (got != e.verdict()) {
                wrong.add(e + " got " + (got == null ? r.toString() : got));
            }
        }
        System.out.printf("regex corpus via the webhook, %s: slowest %d ms (%s)%n", entryPoint, slowest, slowestName);
        assertThat(wrong).as(entryPoint).isEmpty();
        assertThat(slowest).as("%s: slowest pattern %s", entryPoint, slowestName).isLessThan(BOUND_MILLIS);
    }

    /** The verdict the review gives, or null when it denies for another reason or on another field. */
    private static Verdict verdict(JsonNode r, String field, String invalidReason) {
        if (r.path("allowed").asBoolean()) {
            return Verdict.ACCEPTED;
        }
        JsonNode causes = r.path("status").path("details").path("causes");
        if (causes.size() != 1 || !causes.get(0).path("field").asText().equals(field)) {
            return null;
        }
        String reason = causes.get(0).path("reason").asText();
        return reason.equals("RegexTooComplex") ? Verdict.TOO_COMPLEX : reason.equals(invalidReason) ? Verdict.INVALID : null;
    }

    /** A matcher value in double quotes with Go's escapes, as amtool writes it. */
    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
