package io.opsgate.api.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyLogCommandTest {

    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return VerifyLogCommand.run("opsgate-test.jar", args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    Path log(int entries) throws Exception {
        HashChain chain = new HashChain(HashChain.GENESIS);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            ObjectNode e = HashChain.JSON.createObjectNode().put("tenant", "acme").put("n", i);
            lines.add(chain.seal(e));
        }
        return Files.write(dir.resolve("audit.jsonl"), lines);
    }

    @Test
    void anIntactChainExitsZeroAndSaysHowManyEntries() throws Exception {
        Path file = log(3);
        assertThat(run("verify-log", file.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(file + ": OK: 3 entries verified from the start, head "
                + HashChain.claimedHash(Files.readAllLines(file).get(2)) + System.lineSeparator());
        assertThat(err.size()).isZero();
    }

    @Test
    void aChangedLineExitsOneAndNamesTheLine() throws Exception {
        Path file = log(3);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(1, lines.get(1).replace("\"n\":1", "\"n\":7"));
        Files.write(file, lines);
        assertThat(run("verify-log", file.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(file + ": BROKEN at line 2").contains("changed");
    }

    @Test
    void anUnreadableFileExitsOne() {
        assertThat(run("verify-log", dir.resolve("missing.jsonl").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.jsonl: cannot read");
    }

    @Test
    void badUseExitsTwoWithTheUsage() {
        assertThat(run("verify-log")).isEqualTo(2);
        assertThat(run("verify", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar opsgate-test.jar verify-log <file>");
    }
}
