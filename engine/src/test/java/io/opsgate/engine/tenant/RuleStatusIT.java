package io.opsgate.engine.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.api.config.TokenEntry;
import io.opsgate.api.v1alpha1.ApiTokenSpec;
import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.app.Options;
import io.opsgate.engine.kubernetes.RestKubernetesApi;
import io.opsgate.engine.support.Compiled;
import io.opsgate.engine.support.FakeKubernetesApi;
import io.opsgate.engine.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Ingest writes its rules' counts into the AlertRules' status through the API server, and serves them too. */
class RuleStatusIT {
    static final String KUBE_TOKEN = "service-account-token";
    static final String TOKEN = "ingest-and-read-token-000000000000000000";

    @TempDir
    Path dir;

    @Test
    void ingestPatchesTheCountsOfItsRulesAndOnlyThose() throws Exception {
        String yaml = """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec: {egress: [{cidr: 127.0.0.1/32}]}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: drop-info, namespace: opsgate-acme}
                spec:
                  order: 10
                  matchers: ['severity="info"']
                  actions: {drop: true}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: try-drop-staging, namespace: opsgate-acme}
                spec:
                  order: 5
                  mode: Shadow
                  matchers: ['env="staging"']
                  actions: {drop: true}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: idle, namespace: opsgate-acme}
                spec:
                  order: 20
                  matchers: ['severity="never"']
                  actions: {drop: true}
                """;
        try (FakeKubernetesApi kube = new FakeKubernetesApi(KUBE_TOKEN)) {
            Path file = Compiled.write(dir.resolve("etc/config.json"), Compiled.of("acme", yaml, List.of(
                    new TokenEntry("all", TokenEntry.hash(TOKEN), List.of(ApiTokenSpec.TokenScope.Ingest,
                            ApiTokenSpec.TokenScope.Read), null))));
            Options options = Options.parse(new String[]{"ingest", "--config-file=" + file,
                "--secrets-dir=" + dir.resolve("s"), "--data=" + dir.resolve("data"), "--listen=127.0.0.1:0"});
            try (EngineServer server = new EngineServer(options, Clock.systemUTC())
                    .withKubernetes(new RestKubernetesApi(kube.uri(), () -> KUBE_TOKEN, null))
                    .withRuleStatusEvery(Duration.ofMillis(300)).start()) {
                Http http = new Http("http://127.0.0.1:" + server.port());
                assertThat(http.post("/api/v2/alerts", TOKEN, """
                        [{"labels": {"alertname": "Chatter", "severity": "info", "env": "staging"},
                          "annotations": {"summary": "not for the status"}},
                         {"labels": {"alertname": "Chatter", "severity": "info", "env": "prod"}}]
                        """).status()).isEqualTo(200);

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    List<FakeKubernetesApi.Request> drop = kube.requests("PATCH",
                            "/namespaces/opsgate-acme/alertrules/drop-info/status");
                    assertThat(drop).isNotEmpty();
                    JsonNode hits = drop.get(drop.size() - 1).json().path("status").path("hits");
                    assertThat(hits.path("total").asLong()).isEqualTo(2);
                    assertThat(hits.path("lastHour").asLong()).isEqualTo(2);
                    assertThat(hits.path("dropped").asLong()).isEqualTo(2);

                    List<FakeKubernetesApi.Request> shadow = kube.requests("PATCH", "/alertrules/try-drop-staging/status");
                    assertThat(shadow).isNotEmpty();
                    JsonNode status = shadow.get(shadow.size() - 1).json().path("status");
                    assertThat(status.path("hits").path("total").asLong()).isEqualTo(1);
                    assertThat(status.path("shadow").path("wouldDrop").asLong()).isEqualTo(1);
                    assertThat(status.path("shadow").path("recentMatches").get(0).path("labels").path("env").asText())
                            .isEqualTo("staging");
                    assertThat(shadow.get(shadow.size() - 1).body()).doesNotContain("not for the status");
                });
                int before = kube.requests("PATCH", "/status").size();
                Thread.sleep(1_000);
                assertThat(kube.requests("PATCH", "/status")).as("nothing changed, nothing written").hasSize(before);
                assertThat(kube.requests("PATCH", "/alertrules/idle/status")).as("written once, with zeros").hasSize(1);

                JsonNode rules = http.get("/api/v1/rules", TOKEN).json();
                assertThat(rules).hasSize(3);
                assertThat(rules.get(0).path("name").asText()).isEqualTo("try-drop-staging");
                assertThat(rules.get(0).path("mode").asText()).isEqualTo("Shadow");
                assertThat(rules.get(1).path("hits").path("dropped").asLong()).isEqualTo(2);
            }
        }
    }
}
