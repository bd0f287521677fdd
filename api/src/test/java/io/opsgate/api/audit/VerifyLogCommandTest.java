package io.opsgate.api.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.api.audit.HashChain.Head;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyLogCommandTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return VerifyLogCommand.run("opsgate-test.jar", args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    Path keyFile() throws Exception {
        return Files.writeString(dir.resolve("key"), Base64.getEncoder().encodeToString(KEY) + "\n");
    }

    Path log(int entries) throws Exception {
        HashChain chain = new HashChain(ChainKey.of(KEY));
        Head head = Head.START;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            ObjectNode e = HashChain.JSON.createObjectNode().put("tenant", "acme").put("n", i);
            HashChain.Link link = chain.seal(head, e);
            lines.add(link.line());
            head = link.head();
        }
        return Files.write(dir.resolve("audit.jsonl"), lines);
    }

    static Head last(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        return new Head(lines.size(), HashChain.claimedHash(lines.get(lines.size() - 1)));
    }

    @Test
    void anIntactChainExitsZeroAndSaysHowManyEntries() throws Exception {
        Path file = log(3);
        assertThat(run("verify-log", "--key=" + keyFile(), file.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(file + ": OK: 3 entries verified from the start, head "
                + last(file) + System.lineSeparator());
        assertThat(err.size()).isZero();
    }

    @Test
    void withoutTheKeyItChecksTheStructureAndSaysTheHashesWereNotChecked() throws Exception {
        Path file = log(3);
        assertThat(run("verify-log", file.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("OK: 3 entries", "hashes NOT checked: no key given");
    }

    @Test
    void aChangedLineExitsOneAndNamesTheLine() throws Exception {
        Path file = log(3);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(1, lines.get(1).replace("\"n\":1", "\"n\":7"));
        Files.write(file, lines);
        assertThat(run("verify-log", "--key=" + keyFile(), file.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(file + ": BROKEN at line 2").contains("changed");
    }

    @Test
    void aCutOffTailExitsOneAgainstTheCheckpointAndDroppedFirstLinesAgainstTheAnchor() throws Exception {
        Path file = log(5);
        Head head = last(file);
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.subList(0, 4));
        assertThat(run("verify-log", "--key=" + keyFile(), file.toString())).isZero();
        assertThat(run("verify-log", "--key=" + keyFile(), "--checkpoint=" + head, file.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("entries 5 to 5 are missing at the end");
        Files.write(file, lines.subList(1, 5));
        assertThat(run("verify-log", "--key=" + keyFile(), "--anchor=" + Head.START, file.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing at the start");
    }

    @Test
    void anUnreadableFileOrKeyExitsOne() throws Exception {
        assertThat(run("verify-log", dir.resolve("missing.jsonl").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.jsonl: cannot read");
        Path shortKey = Files.write(dir.resolve("short"), new byte[3]);
        assertThat(run("verify-log", "--key=" + shortKey, log(1).toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read the key");
    }

    @Test
    void badUseExitsTwoWithTheUsage() {
        assertThat(run("verify-log")).isEqualTo(2);
        assertThat(run("verify", "x")).isEqualTo(2);
        assertThat(run("verify-log", "--checkpoint=12", "x")).isEqualTo(2);
        assertThat(run("verify-log", "a", "b")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar opsgate-test.jar verify-log [--key=<file>]");
    }
}
