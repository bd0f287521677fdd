package io.opsgate.engine.sources;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.support.ConfigDir;
import io.opsgate.engine.support.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/v1/sources/{name} with the JSON a real tool sends. The payload is what Zabbix's bundled PagerDuty
 * media type (zabbix/zabbix, templates/media/pagerduty/media_pagerduty.yaml) posts for a trigger-based
 * problem and its recovery: a PagerDuty Events API v2 event built by the media type's script from the
 * parameters {EVENT.ID}, {ALERT.SUBJECT}, {EVENT.NSEVERITY} (4 = High, which the script maps to "error"),
 * {HOST.NAME}, {HOST.IP}, {TRIGGER.DESCRIPTION}, {EVENT.OPDATA}, {EVENT.TAGS}, {EVENT.DATE}, {EVENT.TIME}
 * and {$ZABBIX.URL}; pointing the media type's URL at opsgate makes Zabbix an opsgate source unchanged.
 */
class WebhookSourceIT {
    static final String TOKEN = "acme-admin-token-webhook-000000000000000";

    /** The trigger event, field for field as the media type's script assembles it. */
    static final String ZABBIX_PROBLEM = """
            {
              "routing_key": "<put your key>",
              "dedup_key": "8341",
              "event_action": "trigger",
              "payload": {
                "summary": "Problem: High CPU utilization (over 90% for 5m)",
                "source": "web-01 : 192.0.2.10",
                "severity": "error",
                "custom_details": {
                  "Event date": "2026.03.02",
                  "Event time": "10:15:07",
                  "Trigger description": "CPU utilization is too high. The system might be slow to respond.",
                  "Trigger opdata": "Current utilization: 97.3 %",
                  "Event tags": "class:os, component:cpu, scope:performance",
                  "Event host": "web-01",
                  "Event host ip": "192.0.2.10"
                }
              },
              "links": [
                {"href": "https://zabbix.acme.example/tr_events.php?triggerid=23711&eventid=8341", "text": "Event link"}
              ],
              "client": "Zabbix",
              "client_url": "https://zabbix.acme.example"
            }""";

    /** The recovery: the script sends only the key and the action. */
    static final String ZABBIX_RESOLVED = """
            {"routing_key": "<put your key>", "dedup_key": "8341", "event_action": "resolve"}""";

    @TempDir
    static Path root;
    static EngineServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        ConfigDir config = new ConfigDir(root).token("acme", "admin", TOKEN).yaml("acme.yaml", """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  egress: [{cidr: 127.0.0.1/32}]
                  apiTokens:
                    - {name: admin, scopes: [Ingest, Read, Admin]}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertSource
                metadata: {name: zabbix-pagerduty, namespace: opsgate-acme}
                spec:
                  type: Webhook
                  webhook:
                    summary: $.payload.summary
                    severity: $.payload.severity
                    host: "$.payload.custom_details['Event host']"
                    description: "$.payload.custom_details['Trigger description']"
                    dedupKey: $.dedup_key
                    status: $.event_action
                    resolvedValues: [resolve]
                    labels:
                      host_ip: "$.payload.custom_details['Event host ip']"
                      zabbix_tags: "$.payload.custom_details['Event tags']"
                      client: /client
                  alertname: ZabbixProblem
                  labels: {team: infra}
                  severity:
                    map: {error: critical}
                    defaultSeverity: warning
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertSource
                metadata: {name: a-mailbox, namespace: opsgate-acme}
                spec:
                  type: Mail
                  mail: {recipients: [a@acme.example]}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: infra-tickets, namespace: opsgate-acme}
                spec:
                  matchers: ['team="infra"']
                  text: 'summary:"High CPU" and not description:/maintenance/i'
                  actions: {ticket: {priority: P2}}
                """);
        server = new EngineServer(config.standalone("--tick=50", "--config-poll=200"), Clock.systemUTC()).start();
        http = new Http("http://127.0.0.1:" + server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode alerts(String filter) {
        return http.get("/api/v2/alerts?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8), TOKEN).json();
    }

    @Test
    void aZabbixProblemBecomesAnAlertWithTheRightLabelsAndATicket() {
        Http.Response r = http.post("/api/v1/sources/zabbix-pagerduty", TOKEN, ZABBIX_PROBLEM);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode list = alerts("alertsource=\"zabbix-pagerduty\"");
        assertThat(list.size()).isEqualTo(1);
        JsonNode a = list.get(0);
        assertThat(a.path("labels").path("alertname").asText()).isEqualTo("ZabbixProblem");
        assertThat(a.path("labels").path("instance").asText()).isEqualTo("web-01");
        assertThat(a.path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(a.path("labels").path("host_ip").asText()).isEqualTo("192.0.2.10");
        assertThat(a.path("labels").path("zabbix_tags").asText()).isEqualTo("class:os, component:cpu, scope:performance");
        assertThat(a.path("labels").path("client").asText()).isEqualTo("Zabbix");
        assertThat(a.path("labels").path("team").asText()).isEqualTo("infra");
        assertThat(a.path("annotations").path("summary").asText()).isEqualTo("Problem: High CPU utilization (over 90% for 5m)");
        assertThat(a.path("annotations").path("description").asText())
                .isEqualTo("CPU utilization is too high. The system might be slow to respond.");
        assertThat(a.path("opsgate").path("rule").asText()).isEqualTo("infra-tickets");
        assertThat(a.path("opsgate").path("ticketId").asText()).matches("[0-9]+");

        // The same event again is the same alert (dedup_key), counted twice.
        assertThat(http.post("/api/v1/sources/zabbix-pagerduty", TOKEN, ZABBIX_PROBLEM).status()).isEqualTo(200);
        assertThat(alerts("alertsource=\"zabbix-pagerduty\"").get(0).path("opsgate").path("count").asInt()).isEqualTo(2);

        // The recovery carries only the key; it resolves the alert, and its ticket with it.
        long ticket = a.path("opsgate").path("ticketId").asLong();
        assertThat(http.post("/api/v1/sources/zabbix-pagerduty", TOKEN, ZABBIX_RESOLVED).status()).isEqualTo(200);
        assertThat(alerts("alertsource=\"zabbix-pagerduty\"").size()).isZero();
        JsonNode t = http.get("/api/v1/tickets/" + ticket, TOKEN).json();
        assertThat(t.path("state").asText()).isEqualTo("resolved");
    }

    @Test
    void anUnknownSourceIs404AndAMailSourceIsNoWebhook() {
        Http.Response unknown = http.post("/api/v1/sources/nagios", TOKEN, "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).contains("nagios");
        assertThat(http.post("/api/v1/sources/a-mailbox", TOKEN, "{}").status()).isEqualTo(404);
    }

    @Test
    void badJsonAndAMissingSummaryAre400NamingWhere() {
        Http.Response bad = http.post("/api/v1/sources/zabbix-pagerduty", TOKEN, "{\"payload\": {");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("line").asInt()).isEqualTo(1);
        Http.Response missing = http.post("/api/v1/sources/zabbix-pagerduty", TOKEN,
                "{\"dedup_key\": \"9\", \"event_action\": \"trigger\", \"payload\": {\"severity\": \"error\"}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("field").asText()).isEqualTo("$.payload.summary");
        assertThat(alerts("alertsource=\"zabbix-pagerduty\",instance=\"\"").size()).isZero();
    }
}
