package io.opsgate.engine.sources;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.NamedSpec;
import io.opsgate.engine.alerting.AlertView;
import io.opsgate.engine.domain.IncomingAlert;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.opsgate.engine.sources.MailSourceTest.limits;
import static io.opsgate.engine.sources.MailSourceTest.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A tool's JSON mapped by a Webhook AlertSource; and recipients claimed by two tenants. */
class WebhookSourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WebhookSource source() {
        return SourceSet.compile("acme", List.of(new NamedSpec<>("tool", 1L, spec("""
                type: Webhook
                webhook:
                  summary: $.alarm.title
                  description: /alarm/text
                  severity: $.alarm.level
                  host: "$.target['host name']"
                  dedupKey: $.id
                  status: $.state
                  resolvedValues: [OK, resolved]
                  labels: {region: $.target.region, first_tag: "$.tags[0]"}
                alertname: ToolAlarm
                severity: {map: {sev1: critical}}
                """)))).webhook("tool");
    }

    private static List<WebhookSource.Mapped> map(String json) throws Exception {
        return source().alerts(JSON.readTree(json), limits(10, 30));
    }

    @Test
    void pathsBecomeLabelsAndAnnotations() throws Exception {
        IncomingAlert a = map("""
                {"id": 7, "state": "ALARM", "alarm": {"title": "CPU high", "text": "97%", "level": "SEV1"},
                 "target": {"host name": "web-1", "region": "ap-northeast-1"}, "tags": ["prod", "web"]}""")
                .get(0).alert();
        assertThat(a.labels()).containsEntry("alertname", "ToolAlarm").containsEntry("instance", "web-1")
                .containsEntry("region", "ap-northeast-1").containsEntry("first_tag", "prod")
                .containsEntry("severity", "critical").containsEntry("alertsource", "tool");
        assertThat(a.annotations()).containsEntry("summary", "CPU high").containsEntry("description", "97%");
        assertThat(a.resolveNow()).isFalse();
        IncomingAlert ok = map("{\"id\": 7, \"state\": \"ok\", \"alarm\": {\"title\": \"CPU high\"}}").get(0).alert();
        assertThat(ok.fingerprint()).isEqualTo(a.fingerprint());
        assertThat(ok.resolveNow()).isTrue();
    }

    @Test
    void anArrayIsSeveralAlertsAndErrorsNameThePath() throws Exception {
        assertThat(map("[{\"alarm\": {\"title\": \"a\"}}, {\"alarm\": {\"title\": \"b\"}}]")).hasSize(2);
        assertThatThrownBy(() -> map("[{\"alarm\": {\"title\": \"a\"}}, {\"alarm\": {}}]"))
                .isInstanceOf(PayloadException.class).hasMessageContaining("$.alarm.title")
                .extracting(e -> ((PayloadException) e).field()).isEqualTo("[1]$.alarm.title");
        assertThatThrownBy(() -> map("{\"alarm\": {\"title\": \"a\"}, \"target\": {\"region\": \"" + "r".repeat(31) + "\"}}"))
                .isInstanceOf(PayloadException.class).extracting(e -> ((PayloadException) e).field())
                .isEqualTo("$.target.region");
        assertThatThrownBy(() -> map("\"just a string\"")).isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> map("[1,2,3,4,5,6]")).hasMessageContaining("maxAlertsPerRequest");
    }

    @Test
    void aResolveCarryingOnlyItsKeyResolvesTheHeldAlertKeepingItsLabels() throws Exception {
        List<WebhookSource.Mapped> resolve = map("{\"id\": 7, \"state\": \"OK\"}");
        assertThat(resolve).singleElement().satisfies(m -> assertThat(m.resolveOnly()).isTrue());
        IncomingAlert fired = map("{\"id\": 7, \"alarm\": {\"title\": \"CPU high\"}}").get(0).alert();
        AlertView held = new AlertView(fired.fingerprint(), fired.labels(), fired.annotations(), 1, 2, 3, "", List.of(),
                "active", List.of(), List.of(), 1, null, false, null);
        List<IncomingAlert> batch = WebhookSource.withHeld(resolve, fp -> fp.equals(held.fingerprint()) ? held : null);
        assertThat(batch).singleElement().satisfies(a -> {
            assertThat(a.labels()).isEqualTo(fired.labels());
            assertThat(a.annotations()).isEqualTo(fired.annotations());
            assertThat(a.resolveNow()).isTrue();
        });
        assertThat(WebhookSource.withHeld(map("{\"id\": 8, \"state\": \"OK\"}"), fp -> null)).isEmpty();
    }

    @Test
    void aRecipientOfTwoTenantsIsAProblemOfBoth() {
        Map<String, CompiledConfig> tenants = new LinkedHashMap<>();
        tenants.put("a", config("alerts@shared.example"));
        tenants.put("b", config("ALERTS@shared.example"));
        tenants.put("c", config("own@c.example"));
        assertThat(RecipientClaims.conflicts(tenants)).containsExactly(
                "a: AlertSource/mail: recipient alerts@shared.example is also claimed by tenant b (AlertSource/mail); "
                        + "mail to it is refused until one tenant gives it up",
                "b: AlertSource/mail: recipient alerts@shared.example is also claimed by tenant a (AlertSource/mail); "
                        + "mail to it is refused until one tenant gives it up");
    }

    private static CompiledConfig config(String recipient) {
        CompiledConfig c = new CompiledConfig();
        c.alertSources.add(new NamedSpec<>("mail", 1L, spec("type: Mail\nmail: {recipients: [" + recipient + "]}")));
        return c;
    }
}
