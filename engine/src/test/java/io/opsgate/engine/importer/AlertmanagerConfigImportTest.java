package io.opsgate.engine.importer;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.opsgate.engine.importer.ImportFixtures.named;
import static io.opsgate.engine.importer.ImportFixtures.spec;
import static io.opsgate.engine.importer.ImportFixtures.stringData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A Prometheus Operator AlertmanagerConfig, scoped to its namespace as the operator scopes it. */
class AlertmanagerConfigImportTest {

    private static String payments() throws URISyntaxException {
        return Corpus.read(Path.of(AlertmanagerConfigImportTest.class.getClassLoader()
                .getResource("alertmanager/alertmanagerconfig/payments.yaml").toURI()));
    }

    private static ImportResult importOf(String text, NamespaceMatching matching) throws ImportFailure {
        return AlertmanagerImport.fromAlertmanagerConfig(text, "payments.yaml", ImportOptions.forTenant("acme"), matching);
    }

    @Test
    void theTopRouteMatchesItsNamespaceAndContinuesAsUnderThePrometheusOperator() throws Exception {
        ImportResult r = importOf(payments(), NamespaceMatching.OnNamespace);
        Map<String, Object> top = spec(named(r, "AlertRule", "am-root-payments-chat"));
        assertThat(top).containsEntry("matchers", List.of("namespace=\"payments\"")).containsEntry("continue", true);
        assertThat(spec(named(r, "AlertRule", "am-1-payments-pager"))).containsEntry("parent", "am-root-payments-chat")
                .containsEntry("matchers", List.of("severity=\"critical\""));
        assertThat(spec(named(r, "AlertRule", "am-2.1-payments-webhook")).get("matchers"))
                .isEqualTo(List.of("env!=\"staging\"", "team=\"payments\""));
        Map<String, Object> inhibit = spec(named(r, "AlertRule", "am-inhibit-1"));
        assertThat(inhibit).containsEntry("matchers", List.of("severity=\"critical\"", "namespace=\"payments\""));
        assertThat(inhibit.get("inhibit")).isEqualTo(Map.of("targetMatchers",
                List.of("severity=\"warning\"", "namespace=\"payments\""), "equal", List.of("alertname")));
    }

    @Test
    void withoutNamespaceMatchingNoMatcherIsAdded() throws Exception {
        ImportResult r = importOf(payments(), NamespaceMatching.None);
        assertThat(spec(named(r, "AlertRule", "am-root-payments-chat"))).doesNotContainKey("matchers")
                .containsEntry("continue", true);
        assertThat(spec(named(r, "AlertRule", "am-inhibit-1"))).containsEntry("matchers", List.of("severity=\"critical\""));
    }

    @Test
    void secretsOfTheSameFileAreReadAndAMissingOneIsReported() throws Exception {
        ImportResult r = importOf(payments(), NamespaceMatching.OnNamespace);
        assertThat(stringData(named(r, "Secret", "am-payments-chat-slack")))
                .containsEntry("url", "https://hooks.slack.com/services/T000/B000/PAYMENTS");
        assertThat(stringData(named(r, "Secret", "am-payments-pager-pagerduty")))
                .containsEntry("routingKey", "0123456789abcdef0123456789abcdef");
        assertThat(stringData(named(r, "Secret", "am-payments-webhook-webhook"))).containsEntry("url", "");
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.toString())
                .contains("Secret payments-webhook (key url) is not in this input"));
        assertThat(r.findings()).as("the route sets grouping and all timers")
                .noneSatisfy(f -> assertThat(f.toString()).contains("inherits from the Alertmanager's main route"));
        ImportResult partial = importOf(payments().replace("    groupWait: 30s\n", ""), NamespaceMatching.OnNamespace);
        assertThat(partial.findings()).anySatisfy(f -> assertThat(f.toString())
                .contains("inherits from the Alertmanager's main route"));
    }

    @Test
    void anInvalidResourceIsRefusedWithItsPosition() throws Exception {
        String broken = payments().replace("receiver: payments-pager\n", "receiver: payments-pagr\n");
        ImportFailure f = catchThrowableOfType(ImportFailure.class, () -> importOf(broken, NamespaceMatching.OnNamespace));
        assertThat(f.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("receiver \"payments-pagr\" not found");
            assertThat(p.line()).isEqualTo(31);
        });
        ImportFailure unknown = catchThrowableOfType(ImportFailure.class, () -> importOf(
                payments().replace("    groupWait: 30s\n", "    groupWait: 30s\n    groupWaits: 1m\n"),
                NamespaceMatching.OnNamespace));
        assertThat(unknown.problems()).extracting(ImportProblem::message).containsExactly("field groupWaits not found in route");
    }
}
