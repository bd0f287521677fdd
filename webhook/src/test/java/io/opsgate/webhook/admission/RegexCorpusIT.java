package io.opsgate.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.testing.regex.ProcessCpu;
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
 * for a syntax error; the costliest review reported and the CPU time the webhook (in this JVM) spent on it under a
 * second (the target is 100 ms; CPU time because a loaded two-core build machine stretches wall-clock time tenfold;
 * the unbounded compiler ran the webhook out of heap), the webhook serving on.
 */
class RegexCorpusIT {
    static final long BOUND_MILLIS = 1000;
    /** Wall-clock time that means a review hangs, whatever the machine's load. */
    static final long HANG_MILLIS = 10_000;
    /** Reviewed first, unmeasured: the first review of a JVM loads and compiles the admission path. */
    static final Entry WARM_UP = new Entry("warm-up", "Disk.*", Verdict.ACCEPTED);

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
        long costliest = 0;
        long slowest = 0;
        String costliestName = "";
        webhook.post("/validate", create(objectOf.apply(WARM_UP)));
        for (Entry e : RegexCorpus.all()) {
            String review = create(objectOf.apply(e));
            long cpu = ProcessCpu.nanos();
            long started = System.nanoTime();
            JsonNode r = response(webhook.post("/validate", review).body());
            long cpuMillis = (ProcessCpu.nanos() - cpu) / 1_000_000;
            slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
            if (cpuMillis > costliest) {
                costliest = cpuMillis;
                costliestName = e.name();
            }
            Verdict got = verdict(r, field, invalidReason);
            if (got != e.verdict()) {
                wrong.add(e + " got " + (got == null ? r.toString() : got));
            }
        }
        System.out.printf("regex corpus via the webhook, %s: costliest %d ms CPU (%s), slowest %d ms wall-clock%n",
                entryPoint, costliest, costliestName, slowest);
        assertThat(wrong).as(entryPoint).isEmpty();
        assertThat(costliest).as("%s: CPU time of %s", entryPoint, costliestName).isLessThan(BOUND_MILLIS);
        assertThat(slowest).as("%s: wall-clock time", entryPoint).isLessThan(HANG_MILLIS);
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
