package io.opsgate.engine.importer;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's amtool (package prometheus-alertmanager), run as Alertmanager's own judge: which receivers a
 * label set reaches ({@code config routes test}) and whether a file is valid ({@code check-config}).
 * Missing binaries fail the test: scripts/test-all installs the package, nothing is skipped.
 */
final class Amtool {
    private Amtool() {
    }

    /** A binary on PATH; fails naming the Debian package when it is missing. */
    static String require(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, binary);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError(binary + " is not on PATH: install the Debian package prometheus-alertmanager "
                + "(scripts/test-all does) to run the Alertmanager equivalence tests");
    }

    /** The result of a command. */
    record Result(int exit, String out, String err) {
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("amtool", ".out");
        Path err = Files.createTempFile("amtool", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The receivers Alertmanager routes the labels to, in its order, as {@code amtool config routes test} prints them. */
    static List<String> routes(Path config, Map<String, String> labels) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(require("amtool"), "config", "routes", "test",
                "--config.file=" + config));
        labels.forEach((k, v) -> cmd.add(k + "=\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        Result r = run(cmd);
        if (r.exit() != 0) {
            throw new AssertionError("amtool failed for " + labels + ": " + r);
        }
        String line = r.out().strip();
        return line.isEmpty() ? List.of() : Arrays.asList(line.split(","));
    }

    /** {@code amtool check-config <file>}. */
    static Result checkConfig(Path config) throws IOException, InterruptedException {
        return run(List.of(require("amtool"), "check-config", config.toString()));
    }
}
