package io.opsgate.engine.importer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line: output, report, exit codes, and nothing written when the input is refused. */
class ImportCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "import";
        System.arraycopy(args, 0, all, 1, args.length);
        return ImportCommand.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path config(String yaml) throws Exception {
        Path f = dir.resolve("alertmanager.yml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void writesTheObjectsToStdoutAndTheReportToStderr() throws Exception {
        Path f = config("""
                route: {receiver: chat}
                receivers:
                  - name: chat
                    slack_configs: [{api_url: 'https://hooks.slack.com/services/T/B/C', title: 'x'}]
                """);
        assertThat(run("alertmanager", f.toString(), "--tenant", "acme")).isZero();
        String yaml = out.toString(StandardCharsets.UTF_8);
        assertThat(yaml).contains("kind: Secret").contains("kind: NotificationChannel").contains("kind: AlertRule")
                .contains("namespace: opsgate-acme");
        assertThat(err()).contains("1 AlertRules, 1 NotificationChannels, 1 Secrets in namespace opsgate-acme")
                .contains("line 4: receiver \"chat\" slack_configs[0].title");
    }

    @Test
    void writesFilesForKubectlAndTheStandaloneSecretsLayoutIntoADirectory() throws Exception {
        Path f = config("""
                route: {receiver: pager}
                receivers:
                  - name: pager
                    pagerduty_configs: [{routing_key: 'pd-key'}]
                """);
        Path target = dir.resolve("out");
        assertThat(run("alertmanager", f.toString(), "--tenant=acme", "--namespace=acme-alerts", "--prefix=legacy",
                "--out", target.toString())).isZero();
        assertThat(Files.readString(target.resolve("00-secrets.yaml"))).contains("name: legacy-pager-pagerduty")
                .contains("namespace: acme-alerts");
        assertThat(Files.readString(target.resolve("10-channels.yaml"))).contains("kind: NotificationChannel")
                .doesNotContain("pd-key");
        assertThat(Files.readString(target.resolve("20-rules.yaml"))).contains("name: legacy-root-pager");
        Path key = target.resolve("secrets/acme-alerts/legacy-pager-pagerduty/routingKey");
        assertThat(Files.readString(key)).isEqualTo("pd-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void anInvalidFileFailsWithFileLineColumnAndWritesNothing() throws Exception {
        Path f = config("""
                route:
                  receiver: team
                  routes:
                    - receiver: pager
                receivers:
                  - name: team
                """);
        Path target = dir.resolve("out");
        assertThat(run("alertmanager", f.toString(), "--tenant", "acme", "--out", target.toString())).isEqualTo(1);
        assertThat(err()).contains(f + ":4:17: undefined receiver \"pager\" used in route").contains("nothing written");
        assertThat(target).doesNotExist();
        assertThat(out.size()).isZero();
    }

    @Test
    void strictRefusesWhatDoesNotCarryOver() throws Exception {
        Path f = config("""
                route: {receiver: genie}
                receivers:
                  - name: genie
                    opsgenie_configs: [{api_key: 'k'}]
                """);
        Path target = dir.resolve("out");
        assertThat(run("alertmanager", f.toString(), "--tenant", "acme", "--strict", "--out", target.toString())).isEqualTo(1);
        assertThat(err()).contains("OpsGenie is not a channel type").contains("--strict");
        assertThat(target).doesNotExist();
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        Path f = config("route: {receiver: x}\nreceivers: [{name: x}]\n");
        assertThat(run("alertmanager", f.toString())).isEqualTo(2);
        assertThat(err()).contains("--tenant <name> is required");
        assertThat(run("prometheus", f.toString(), "--tenant", "acme")).isEqualTo(2);
        assertThat(run("alertmanager", f.toString(), "--tenant", "acme", "--colour", "red")).isEqualTo(2);
        assertThat(run("alertmanagerconfig", f.toString(), "--tenant", "acme", "--namespace-matching", "Sometimes"))
                .isEqualTo(2);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }
}
