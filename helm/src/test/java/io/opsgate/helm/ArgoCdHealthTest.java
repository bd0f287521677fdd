package io.opsgate.helm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseMathLib;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The Argo CD health checks of files/argocd-health.yaml, run with LuaJ on sample statuses. */
class ArgoCdHealthTest {

    private static final String PREFIX = "resource.customizations.health.opsgate.io_";
    private static Map<String, String> scripts;

    @BeforeAll
    static void load() throws Exception {
        JsonNode cm = Chart.tree(Files.readString(Chart.dir().resolve("files/argocd-health.yaml")));
        assertThat(cm.path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(cm.path("metadata").path("name").asText()).isEqualTo("argocd-cm");
        scripts = new TreeMap<>();
        cm.path("data").properties().forEach(e -> scripts.put(e.getKey(), e.getValue().asText()));
    }

    static List<String> kinds() {
        return Crds.kinds();
    }

    @Test
    void thereIsOneCheckPerOpsgateKind() {
        assertThat(scripts.keySet()).containsExactlyInAnyOrderElementsOf(
                Crds.kinds().stream().map(k -> PREFIX + k).toList());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void readyForTheCurrentGenerationIsHealthy(String kind) {
        assertThat(health(kind, """
                metadata: {name: x, generation: 3}
                status:
                  observedGeneration: 3
                  conditions:
                    - {type: Ready, status: "True", reason: Reconciled, message: "All good"}
                    - {type: Reconciling, status: "False", reason: Reconciled}
                """)).containsExactly("Healthy", "All good");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void noStatusYetIsProgressing(String kind) {
        assertThat(health(kind, "metadata: {name: x, generation: 1}\n").get(0)).isEqualTo("Progressing");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anOlderObservedGenerationIsProgressingEvenWhenReady(String kind) {
        assertThat(health(kind, """
                metadata: {name: x, generation: 4}
                status:
                  observedGeneration: 3
                  conditions:
                    - {type: Ready, status: "True", reason: Reconciled}
                """)).containsExactly("Progressing", "Waiting for the operator to process generation 4");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void stalledIsDegraded(String kind) {
        assertThat(health(kind, """
                metadata: {name: x, generation: 2}
                status:
                  observedGeneration: 2
                  conditions:
                    - {type: Ready, status: "False", reason: Reconciling}
                    - {type: Stalled, status: "True", reason: InvalidSpec, message: "spec.matchers[0]: bad regex"}
                """)).containsExactly("Degraded", "spec.matchers[0]: bad regex");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void reconcilingIsProgressing(String kind) {
        assertThat(health(kind, """
                metadata: {name: x, generation: 2}
                status:
                  observedGeneration: 2
                  conditions:
                    - {type: Ready, status: "True", reason: Reconciled}
                    - {type: Reconciling, status: "True", reason: Updating, message: "Rolling out notify"}
                """)).containsExactly("Progressing", "Rolling out notify");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void notReadyForATransientReasonIsProgressingAndOtherwiseDegraded(String kind) {
        String template = """
                metadata: {name: x, generation: 2}
                status:
                  observedGeneration: 2
                  conditions:
                    - {type: Ready, status: "False", reason: %s, message: "%s"}
                """;
        assertThat(health(kind, template.formatted("Pending", "Waiting for the namespace")))
                .containsExactly("Progressing", "Waiting for the namespace");
        assertThat(health(kind, template.formatted("InvalidMatcher", "spec.matchers[0]: bad")))
                .containsExactly("Degraded", "spec.matchers[0]: bad");
        assertThat(health(kind, """
                metadata: {name: x, generation: 2}
                status:
                  observedGeneration: 2
                  conditions:
                    - {type: Ready, status: "Unknown"}
                """).get(0)).isEqualTo("Progressing");
    }

    /** What the operator writes while an object waits for a Secret it names: a sync wave waits, it does not fail. */
    @ParameterizedTest
    @ValueSource(strings = {"NotificationChannel", "OpsJob", "AlertSource"})
    void waitingForASecretIsProgressing(String kind) {
        assertThat(health(kind, """
                metadata: {name: x, generation: 1}
                status:
                  observedGeneration: 1
                  conditions:
                    - {type: Ready, status: "False", reason: WaitingForSecret, message: "spec.secretRef.name: Secret s does not exist"}
                    - {type: Reconciling, status: "True", reason: WaitingForSecret, message: "spec.secretRef.name: Secret s does not exist"}
                    - {type: Stalled, status: "False", reason: Valid}
                """)).containsExactly("Progressing", "spec.secretRef.name: Secret s does not exist");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aDegradedChildIsDegraded(String kind) {
        assertThat(health(kind, """
                metadata: {name: x, generation: 1}
                status:
                  observedGeneration: 1
                  conditions:
                    - {type: Ready, status: "True", reason: Reconciled}
                    - {type: Degraded, status: "True", reason: DeploymentUnavailable, message: "notify: 0/1 ready"}
                """)).containsExactly("Degraded", "notify: 0/1 ready");
    }

    @Test
    void anOpsJobRunFollowsItsPhase() {
        assertThat(health("OpsJobRun", "metadata: {generation: 1}\nstatus: {phase: Running, observedGeneration: 1}\n"))
                .containsExactly("Progressing", "The run is running");
        assertThat(health("OpsJobRun", "metadata: {generation: 1}\nstatus: {phase: Succeeded}\n").get(0))
                .isEqualTo("Healthy");
        assertThat(health("OpsJobRun", """
                metadata: {generation: 1}
                status:
                  phase: Failed
                  conditions:
                    - {type: Ready, status: "False", reason: JobFailed, message: "restart-web exited 3"}
                """)).containsExactly("Degraded", "The run failed: restart-web exited 3");
        assertThat(health("OpsJobRun", "metadata: {generation: 1}\nstatus: {phase: Refused}\n").get(0))
                .isEqualTo("Degraded");
    }

    /** Runs the kind's check on an object written as YAML, in Lua libraries Argo CD also offers. */
    private static List<String> health(String kind, String yaml) {
        String script = scripts.get(PREFIX + kind);
        assertThat(script).as("a health check for " + kind).isNotNull();
        Globals g = new Globals();
        g.load(new JseBaseLib());
        g.load(new PackageLib());
        g.load(new TableLib());
        g.load(new StringLib());
        g.load(new JseMathLib());
        LoadState.install(g);
        LuaC.install(g);
        try {
            g.set("obj", lua(Chart.tree(yaml)));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
        LuaValue hs = g.load(script, kind).call();
        String status = hs.get("status").tojstring();
        assertThat(status).isIn("Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown");
        return List.of(status, hs.get("message").isnil() ? "" : hs.get("message").tojstring());
    }

    private static LuaValue lua(JsonNode n) {
        if (n.isObject()) {
            LuaTable t = new LuaTable();
            for (Map.Entry<String, JsonNode> f : n.properties()) {
                if (!f.getValue().isNull()) {
                    t.set(f.getKey(), lua(f.getValue()));
                }
            }
            return t;
        }
        if (n.isArray()) {
            LuaTable t = new LuaTable();
            for (int i = 0; i < n.size(); i++) {
                t.set(i + 1, lua(n.get(i)));
            }
            return t;
        }
        if (n.isIntegralNumber()) {
            return LuaValue.valueOf(n.asLong());
        }
        if (n.isNumber()) {
            return LuaValue.valueOf(n.asDouble());
        }
        if (n.isBoolean()) {
            return LuaValue.valueOf(n.asBoolean());
        }
        return LuaValue.valueOf(n.asText());
    }
}
