package io.opsgate.engine.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.alerting.RuleStats;
import io.opsgate.engine.kubernetes.RestKubernetesApi;
import io.opsgate.engine.support.FakeKubernetesApi;
import io.opsgate.engine.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Ingest's writes of the AlertRules' counts: merge patches of changed rules only, each at most every 30 s. */
class KubernetesRuleStatusTest {
    private static final String TOKEN = "service-account-token";
    private static final long T0 = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();

    private static RuleStats enforced(String name, long total) {
        return new RuleStats(name, false, total, total, null, total > 0 ? T0 : 0, T0 - 60_000, null);
    }

    private static RuleStats shadow(String name, long total) {
        return new RuleStats(name, true, total, total, null, T0, T0 - 60_000, new RuleStats.Shadow(total, 0, null,
                Map.of("pager", total), 0, 0, List.of(new RuleStats.Match(T0, Map.of("instance", "db-1")))));
    }

    @Test
    void onlyChangedRulesArePatchedAndEachAtMostOncePer30Seconds() throws Exception {
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(T0));
        try (FakeKubernetesApi kube = new FakeKubernetesApi(TOKEN);
             KubernetesRuleStatus status = new KubernetesRuleStatus(new RestKubernetesApi(kube.uri(), () -> TOKEN, null),
                     clock, Duration.ofSeconds(30))) {
            // Each await publishes again, as the next round would: a write still under way is not repeated.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                status.publish("opsgate-demo", List.of(enforced("page", 3), shadow("watch", 2)));
                return kube.requests("PATCH", "/status").size() == 2;
            });

            JsonNode page = kube.requests("PATCH", "/namespaces/opsgate-demo/alertrules/page/status").get(0).json();
            assertThat(kube.requests("PATCH", "/alertrules/page/status").get(0).contentType())
                    .isEqualTo("application/merge-patch+json");
            assertThat(page.path("status").path("hits").path("lastHour").asLong()).isEqualTo(3);
            assertThat(page.path("status").path("hits").path("total").asLong()).isEqualTo(3);
            assertThat(page.path("status").path("hits").path("since").asText()).isEqualTo("2026-03-02T09:59:00Z");
            assertThat(page.path("status").has("conditions")).as("the operator's fields are left alone").isFalse();
            assertThat(page.path("status").path("shadow").isNull()).as("an enforced rule's shadow figures are removed")
                    .isTrue();
            JsonNode watch = kube.requests("PATCH", "/alertrules/watch/status").get(0).json().path("status").path("shadow");
            assertThat(watch.path("wouldDrop").asLong()).isEqualTo(2);
            assertThat(watch.path("wouldNotify").get(0).path("channel").asText()).isEqualTo("pager");
            assertThat(watch.path("recentMatches").get(0).path("labels").path("instance").asText()).isEqualTo("db-1");

            // Nothing changed: nothing written, however often the round comes.
            clock.advance(Duration.ofMinutes(5));
            status.publish("opsgate-demo", List.of(enforced("page", 3), shadow("watch", 2)));
            Thread.sleep(300);
            assertThat(kube.requests("PATCH", "/status")).hasSize(2);

            // A storm on one rule: one write now, the next only 30 s later with the latest figures.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                status.publish("opsgate-demo", List.of(enforced("page", 50), shadow("watch", 2)));
                return kube.requests("PATCH", "/status").size() == 3;
            });
            for (int i = 51; i <= 60; i++) {
                clock.advance(Duration.ofSeconds(2));
                status.publish("opsgate-demo", List.of(enforced("page", i), shadow("watch", 2)));
            }
            Thread.sleep(300);
            assertThat(kube.requests("PATCH", "/alertrules/page/status")).as("within 30 s of the last write").hasSize(2);
            clock.advance(Duration.ofSeconds(11));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                status.publish("opsgate-demo", List.of(enforced("page", 61), shadow("watch", 2)));
                return kube.requests("PATCH", "/alertrules/page/status").size() == 3;
            });
            assertThat(kube.requests("PATCH", "/alertrules/page/status").get(2).json().path("status").path("hits")
                    .path("total").asLong()).isEqualTo(61);
            assertThat(kube.requests("PATCH", "/alertrules/watch/status")).hasSize(1);
        }
    }
}
