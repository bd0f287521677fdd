package io.opsgate.engine.ruletest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code opsgate test rules} on the example of docs/rules.md (examples/rule-tests), as CI runs it, and on wrong
 * expectations and bad files.
 */
class RuleTestCommandTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "rule-tests");
    private static final Path CONFIG = EXAMPLE.resolve("config");

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = RuleTestCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theExamplePasses() {
        Run r = run("test", "rules", CONFIG.toString(), EXAMPLE.resolve("tests.yml").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Unit Testing: ").contains("SUCCESS").doesNotContain("FAILED");
        assertThat(r.exit()).isZero();
    }

    @Test
    void aWrongExpectationFailsWithExpectedAndGot(@TempDir Path dir) throws IOException {
        String wrong = Files.readString(EXAMPLE.resolve("tests.yml"))
                .replace("expect: {ticket: P1, inhibited: false}", "expect: {ticket: P2, inhibited: false}")
                .replace("expect: {channels: [pager], inhibited: true}", "expect: {channels: [pager], inhibited: false}");
        Path tests = dir.resolve("wrong.yaml");
        Files.writeString(tests, wrong);

        Run r = run("test", "rules", CONFIG.toString(), tests.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FAILED:").doesNotContain("SUCCESS");
        assertThat(r.out()).contains("""
                    a critical alert mutes the warnings of its instance, alert 1 {alertname="NodeDown", instance="web-1", severity="critical"}:
                      exp: ticket=P2
                      got: ticket=P1
                """);
        assertThat(r.out()).contains("""
                    a critical alert mutes the warnings of its instance, alert 2 {alertname="HighLatency", instance="web-1", severity="warning"}:
                      exp: inhibited=false
                      got: inhibited=true
                """);
        assertThat(r.out()).as("only the failing alerts are listed").doesNotContain("alert 3");
    }

    @Test
    void anUnknownFieldFailsNamingItWithLineAndColumn(@TempDir Path dir) throws IOException {
        Path tests = dir.resolve("typo.yaml");
        Files.writeString(tests, """
                tests:
                  - name: typo
                    alerts:
                      - labels: {alertname: A}
                        expect: {dropped: false, chanels: [pager]}
                """);

        Run r = run("test", "rules", CONFIG.toString(), tests.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("typo.yaml:5:").contains("unknown field \"chanels\"")
                .contains("tests[0].alerts[0].expect.chanels");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aDirectoryWithAnObjectTheClusterWouldRefuseIsABadFile(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        Files.copy(CONFIG.resolve("00-tenant.yaml"), config.resolve("00-tenant.yaml"));
        Files.writeString(config.resolve("10-rules.yaml"), """
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: broken, namespace: opsgate-shop}
                spec:
                  matchers: ['alertname=~"(unclosed"']
                  actions: {drop: true}
                """);

        Run r = run("test", "rules", config.toString(), EXAMPLE.resolve("tests.yml").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("AlertRule/broken").contains("InvalidMatcher");
    }

    @Test
    void aBadDurationAndUsageAreExitTwo(@TempDir Path dir) throws IOException {
        Path tests = dir.resolve("bad.yaml");
        Files.writeString(tests, """
                tests:
                  - alerts:
                      - labels: {alertname: A}
                        after: soon
                """);
        Run bad = run("test", "rules", CONFIG.toString(), tests.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("tests[0].alerts[0].after").contains("\"soon\"");

        Run usage = run("test", "rules", CONFIG.toString());
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("usage: java -jar opsgate-engine.jar test rules");
    }
}
