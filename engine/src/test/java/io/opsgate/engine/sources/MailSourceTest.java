package io.opsgate.engine.sources;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.AlertSourceSpec;
import io.opsgate.api.v1alpha1.TenantLimits;
import io.opsgate.engine.domain.IncomingAlert;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A decoded mail made into an alert by a Mail AlertSource: patterns, severity, identity, resolution, limits. */
class MailSourceTest {
    private static final TenantLimits LIMITS = limits(8, 40);

    static AlertSourceSpec spec(String yaml) {
        try {
            return YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(yaml, AlertSourceSpec.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static TenantLimits limits(int labels, int length) {
        TenantLimits l = new TenantLimits();
        l.maxLabelsPerAlert = labels;
        l.maxLabelLength = length;
        l.maxAlertsPerRequest = 5;
        return l;
    }

    static MailSource source(String yaml) {
        return SourceSet.compile("acme", List.of(new NamedSpec<>("batch", 1L, spec(yaml)))).mail().get(0);
    }

    private static final String BATCH = """
            type: Mail
            mail:
              recipients: [Alerts@Acme.Example]
              allowedSenders: ["*@batch.acme.example", jp1@acme.example]
              patterns:
                - {field: subject, regex: '\\[(?P<severity>[A-Z]+)\\]\\s+(?P<host>\\S+)'}
                - {field: body, regex: '^Job:\\s*(?P<job>\\S+)$'}
              resolveWhen: {field: subject, regex: '\\bRECOVERED\\b'}
            alertname: "Batch{{job}}"
            labels: {team: ops}
            severity:
              map: {ERROR: critical, WARN: warning}
            dedupKey: "{{host}}/{{job}}"
            """;

    @Test
    void patternsSetLabelsAndTheSeverityIsMapped() {
        IncomingAlert a = source(BATCH).alert("[ERROR] node-1 nightly failed", "Batch <b@batch.acme.example>",
                "started\nJob: NIGHTLY-42\nrc=8\n", List.of(), LIMITS);
        assertThat(a.labels()).containsEntry("host", "node-1").containsEntry("job", "NIGHTLY-42")
                .containsEntry("severity", "critical").containsEntry("alertname", "BatchNIGHTLY-42")
                .containsEntry("team", "ops").containsEntry("alertsource", "batch");
        assertThat(a.annotations()).containsEntry("summary", "[ERROR] node-1 nightly failed")
                .containsEntry("mail_from", "Batch <b@batch.acme.example>").doesNotContainKey("parse_warning");
        assertThat(a.resolveNow()).isFalse();
    }

    @Test
    void theDedupKeyIdentifiesTheAlertAndARecoveryResolvesIt() {
        MailSource s = source(BATCH);
        IncomingAlert fire = s.alert("[ERROR] node-1 failed", "x", "Job: J1", List.of(), LIMITS);
        IncomingAlert again = s.alert("[ERROR] node-1 failed again, other text", "x", "Job: J1", List.of(), LIMITS);
        IncomingAlert recovered = s.alert("[INFO] node-1 RECOVERED", "x", "Job: J1", List.of(), LIMITS);
        IncomingAlert otherJob = s.alert("[ERROR] node-1 failed", "x", "Job: J2", List.of(), LIMITS);
        assertThat(again.fingerprint()).isEqualTo(fire.fingerprint());
        assertThat(recovered.fingerprint()).isEqualTo(fire.fingerprint());
        assertThat(recovered.resolveNow()).isTrue();
        assertThat(otherJob.fingerprint()).isNotEqualTo(fire.fingerprint());
    }

    @Test
    void withoutADedupKeyTheSubjectWithoutReplyPrefixesIsTheIdentity() {
        MailSource s = source("type: Mail\nmail: {recipients: [a@b.example]}");
        IncomingAlert a = s.alert("Disk full on db-1", "x", "", List.of(), LIMITS);
        IncomingAlert re = s.alert("Re: FWD:  Disk full  on db-1", "x", "", List.of(), LIMITS);
        assertThat(re.fingerprint()).isEqualTo(a.fingerprint());
        assertThat(a.labels()).containsEntry("alertname", "MailAlert").containsEntry("severity", "warning");
    }

    @Test
    void aKeyTemplateThatFindsNoLabelFallsBackToTheSubjectAndSaysSo() {
        MailSource s = source(BATCH);
        IncomingAlert a = s.alert("no pattern matches here", "x", "", List.of(), LIMITS);
        IncomingAlert b = s.alert("another unmatched subject", "x", "", List.of(), LIMITS);
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
        assertThat(a.annotations().get("parse_warning")).contains("dedupKey");
        assertThat(a.labels()).containsEntry("severity", "warning").containsEntry("alertname", "Batch");
    }

    @Test
    void severitiesNotInTheMapKeepUsualNamesElseTheDefault() {
        MailSource s = source(BATCH);
        assertThat(s.alert("[WARN] h", "", "", List.of(), LIMITS).labels()).containsEntry("severity", "warning");
        assertThat(s.alert("[INFO] h", "", "", List.of(), LIMITS).labels()).containsEntry("severity", "info");
        assertThat(s.alert("[FATAL] h", "", "", List.of(), LIMITS).labels()).containsEntry("severity", "warning");
    }

    @Test
    void senderAllowListTakesExactAddressesAndDomainsCaseInsensitively() {
        MailSource s = source(BATCH);
        assertThat(s.allowsSender("JP1@acme.example")).isTrue();
        assertThat(s.allowsSender("x@BATCH.acme.example")).isTrue();
        assertThat(s.allowsSender("x@sub.batch.acme.example")).isFalse();
        assertThat(s.allowsSender("x@evil.example")).isFalse();
        assertThat(s.allowsSender("")).isFalse();
        assertThat(source("type: Mail\nmail: {recipients: [a@b.example]}").allowsSender("")).isTrue();
    }

    @Test
    void labelsBeyondTheTenantsLimitsAreCutWithAWarningNeverRefused() {
        MailSource s = source("""
                type: Mail
                mail:
                  recipients: [a@b.example]
                  patterns:
                    - {field: body, regex: '(?P<a>\\w+) (?P<b>\\w+) (?P<c>\\w+) (?P<d>\\w+) (?P<e>\\w+) (?P<f>\\w+)'}
                    - {field: subject, regex: '(?P<long>.+)'}
                """);
        IncomingAlert a = s.alert("x".repeat(100), "", "one two three four five six", List.of("body: decoded"), LIMITS);
        assertThat(a.labels()).hasSizeLessThanOrEqualTo(8).containsKeys("alertname", "severity", "alertsource");
        assertThat(a.labels().values()).allMatch(v -> v.length() <= 40);
        assertThat(a.annotations().get("parse_warning")).contains("body: decoded").contains("cut to 40")
                .contains("left out");
    }

    @Test
    void longBodiesAreBoundedInTheDescription() {
        MailSource s = source("type: Mail\nmail: {recipients: [a@b.example]}");
        IncomingAlert a = s.alert("s", "", "本".repeat(MailSource.DESCRIPTION_MAX + 10), List.of(), LIMITS);
        assertThat(a.annotations().get("description")).hasSize(MailSource.DESCRIPTION_MAX + 1).endsWith("…");
    }
}
