package io.opsgate.engine.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.support.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's first command, run as a person would (scripts/run-standalone, on free ports, with the jar this
 * build made): one alert in becomes a ticket, a notification the script's sink prints (signature checked, with
 * the ticket's link) and a run of the demo's remediation job.
 */
class RunStandaloneIT {

    static final Path REPO = Path.of(System.getProperty("opsgate.repoRoot", "..")).toAbsolutePath().normalize();
    static final Pattern LISTENING = Pattern.compile("opsgate standalone listening on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path data;
    private Process script;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (script != null) {
            script.descendants().forEach(ProcessHandle::destroy);
            script.destroy();
        }
    }

    @Test
    void oneAlertBecomesATicketANotificationASinkPrintsAndAJobRun() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "scripts/run-standalone").directory(REPO.toFile())
                .redirectErrorStream(true);
        pb.environment().put("OPSGATE_LISTEN", "127.0.0.1:0");
        pb.environment().put("OPSGATE_SINK", "127.0.0.1:0");
        pb.environment().put("OPSGATE_SMTP", "127.0.0.1:0");
        pb.environment().put("OPSGATE_DATA", data.toString());
        pb.environment().put("OPSGATE_SKIP_BUILD", "1");
        script = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output closed: " + e + ")");
            }
        }, "run-standalone-output");
        reader.setDaemon(true);
        reader.start();

        await().atMost(Duration.ofSeconds(120)).until(() -> find(LISTENING) != null);
        Http http = new Http(find(LISTENING).group(1));
        Path tokens = data.resolve("secrets/opsgate-demo");
        String ingest = Files.readString(tokens.resolve("opsgate-token-prometheus/token")).strip();
        String oncall = Files.readString(tokens.resolve("opsgate-token-oncall/token")).strip();

        Http.Response sent = http.post("/api/v2/alerts", ingest, "[{\"labels\":{\"alertname\":\"DiskFull\",\"instance\":\"web-1\","
                + "\"severity\":\"critical\"},\"annotations\":{\"summary\":\"Disk full on web-1\"}}]");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);

        JsonNode ticket = http.get("/api/v1/tickets?filter=" + java.net.URLEncoder.encode("{alertname=\"DiskFull\"}",
                StandardCharsets.UTF_8), oncall).json().path("tickets").get(0);
        assertThat(ticket.path("state").asText()).isEqualTo("open");
        String id = ticket.path("id").asText();

        // The rule's groupWait is 30 s: then the sink prints the signed notification with the ticket's link.
        Pattern printed = Pattern.compile("\\[sink\\] notification: status=firing title=\"[^\"]*\" ticket #" + id
                + " priority=P2 url=(http://127\\.0\\.0\\.1:\\d+/api/v1/tickets/" + id + ")");
        await().atMost(Duration.ofSeconds(90)).until(() -> find(printed) != null);
        assertThat(output).noneMatch(l -> l.contains("REFUSED"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode runs = http.get("/api/v1/jobruns?opsjob=restart-web", oncall).json();
            assertThat(runs.toString()).contains("restart-web").contains("Succeeded");
        });
    }

    private Matcher find(Pattern p) {
        for (String line : output) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                return m;
            }
        }
        return null;
    }
}
