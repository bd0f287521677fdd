package io.opsgate.engine.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsgate.api.config.NamedSpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static io.opsgate.engine.sources.MailSourceTest.limits;
import static io.opsgate.engine.sources.MailSourceTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A webhook AlertSource fed JSON documents of every shape: it maps them to alerts with valid labels or refuses
 * with a PayloadException naming the field; nothing else escapes (which would be a 500 at the route).
 */
class WebhookSourceProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WebhookSource SOURCE = SourceSet.compile("acme", List.of(new NamedSpec<>("tool", 1L, spec("""
            type: Webhook
            webhook:
              summary: $.alarm.title
              description: /alarm/text
              severity: $.alarm.level
              host: "$.target['host name']"
              dedupKey: $.id
              status: $.state
              resolvedValues: [OK]
              labels: {region: $.target.region, first_tag: "$.tags[0]"}
            alertname: ToolAlarm
            """)))).webhook("tool");

    @Provide
    Arbitrary<JsonNode> documents() {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30).map(s -> JSON.<JsonNode>valueToTree(s).toString()),
                Arbitraries.integers().map(String::valueOf), Arbitraries.of("true", "null", "1e400", "-0.0"));
        Arbitrary<String> leaf = Arbitraries.oneOf(scalar, Arbitraries.just("[]"), Arbitraries.just("{}"));
        Arbitrary<String> target = Arbitraries.oneOf(leaf, Combinators2.object(List.of("host name", "region"), leaf));
        Arbitrary<String> alarm = Arbitraries.oneOf(leaf, Combinators2.object(List.of("title", "text", "level"), leaf));
        Arbitrary<String> tags = Arbitraries.oneOf(leaf, scalar.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"));
        Arbitrary<String> doc = net.jqwik.api.Combinators.combine(leaf, leaf, alarm, target, tags)
                .as((id, state, a, t, g) -> "{\"id\":" + id + ",\"state\":" + state + ",\"alarm\":" + a
                        + ",\"target\":" + t + ",\"tags\":" + g + "}");
        return Arbitraries.oneOf(doc, doc.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"), leaf)
                .map(WebhookSourceProperties::parse);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("the generator wrote invalid JSON: " + json, e);
        }
    }

    @Property(tries = 1500)
    void mapsToValidAlertsOrNamesTheField(@ForAll("documents") JsonNode body) {
        try {
            List<WebhookSource.Mapped> mapped = SOURCE.alerts(body, limits(10, 60));
            assertThat(mapped).hasSize(body.isArray() ? body.size() : 1).allSatisfy(m -> {
                assertThat(m.alert().fingerprint()).isNotBlank();
                m.alert().labels().forEach((k, v) -> {
                    assertThat(k).matches("[a-zA-Z_][a-zA-Z0-9_]*");
                    assertThat(v).hasSizeLessThanOrEqualTo(60);
                });
            });
        } catch (PayloadException e) {
            assertThat(e.field()).isNotNull();
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    /** Small JSON object builders for the generator. */
    private static final class Combinators2 {
        static Arbitrary<String> object(List<String> keys, Arbitrary<String> values) {
            return values.list().ofSize(keys.size()).flatMap(vs -> Arbitraries.integers().between(0, (1 << keys.size()) - 1)
                    .map(present -> {
                        StringBuilder b = new StringBuilder("{");
                        for (int i = 0; i < keys.size(); i++) {
                            if ((present & (1 << i)) != 0) {
                                b.append(b.length() > 1 ? "," : "").append(JSON.<JsonNode>valueToTree(keys.get(i)).toString()).append(':')
                                        .append(vs.get(i));
                            }
                        }
                        return b.append('}').toString();
                    }));
        }
    }
}
