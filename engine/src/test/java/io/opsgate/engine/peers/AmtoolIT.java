package io.opsgate.engine.peers;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.Standalone;
import io.opsgate.engine.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** amtool, with the bearer token in --http.config.file, adds and queries alerts and adds, queries and expires silences. */
class AmtoolIT {
    @TempDir
    Path dir;

    @Test
    void amtoolWorksAgainstOpsgate() throws Exception {
        String amtool = Peers.require("amtool", "prometheus-alertmanager");
        TestTenants tenants = new TestTenants(dir);
        try (EngineServer opsgate = new EngineServer(Standalone.options(tenants.configDir, tenants.secretsDir,
                dir.resolve("data"), "--tick=100", "--config-poll=1000"), Clock.systemUTC()).start()) {
            Path httpConfig = dir.resolve("http.yml");
            Files.writeString(httpConfig, "authorization:\n  credentials: " + tenants.token("acme/admin") + "\n");
            List<String> base = List.of(amtool, "--alertmanager.url=http://127.0.0.1:" + opsgate.port(),
                    "--http.config.file=" + httpConfig);

            Peers.Result add = run(base, "alert", "add", "alertname=AmtoolAlert", "severity=critical", "instance=amhost",
                    "--annotation=summary=from amtool");
            assertThat(add.exit()).as("%s", add).isZero();

            Peers.Result query = run(base, "alert", "query", "alertname=AmtoolAlert", "-o", "json");
            assertThat(query.exit()).as("%s", query).isZero();
            JsonNode alerts = Http.parse(query.out());
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).path("labels").path("instance").asText()).isEqualTo("amhost");
            assertThat(alerts.get(0).path("annotations").path("summary").asText()).isEqualTo("from amtool");

            Peers.Result silence = run(base, "silence", "add", "alertname=AmtoolAlert", "--comment=maintenance",
                    "--author=amtool-test", "--duration=1h");
            assertThat(silence.exit()).as("%s", silence).isZero();
            String id = silence.out().strip();
            assertThat(id).isNotEmpty();

            Peers.Result silences = run(base, "silence", "query", "-o", "json");
            assertThat(silences.exit()).as("%s", silences).isZero();
            assertThat(Http.parse(silences.out()).findValuesAsText("id")).contains(id);

            // amtool hides silenced alerts unless asked: the silence took effect.
            assertThat(Http.parse(run(base, "alert", "query", "alertname=AmtoolAlert", "-o", "json").out())).isEmpty();
            JsonNode silenced = Http.parse(run(base, "alert", "query", "--silenced", "alertname=AmtoolAlert", "-o", "json").out());
            assertThat(silenced.get(0).path("status").path("silencedBy").get(0).asText()).isEqualTo(id);

            Peers.Result expire = run(base, "silence", "expire", id);
            assertThat(expire.exit()).as("%s", expire).isZero();
            assertThat(Http.parse(run(base, "silence", "query", "-o", "json").out()).findValuesAsText("id")).doesNotContain(id);
            assertThat(Http.parse(run(base, "alert", "query", "alertname=AmtoolAlert", "-o", "json").out())).hasSize(1);
        }
    }

    private Peers.Result run(List<String> base, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(base);
        cmd.addAll(List.of(args));
        return Peers.run(cmd, dir);
    }
}
