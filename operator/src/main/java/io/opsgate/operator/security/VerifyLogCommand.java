package io.opsgate.operator.security;

import io.opsgate.api.audit.ChainVerifier;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar opsgate-operator.jar verify-log <file>}: checks the hash chain of an audit log.
 * Exit code 0 when it holds, 1 when it is broken (the line and the problem are printed), 2 on bad use.
 */
public final class VerifyLogCommand {

    public static final String NAME = "verify-log";

    private VerifyLogCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || !NAME.equals(args[0])) {
            err.println("usage: java -jar opsgate-operator.jar " + NAME + " <file>");
            return 2;
        }
        Path file = Path.of(args[1]);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ChainVerifier.Result result = ChainVerifier.verify(r);
            (result.ok() ? out : err).println(file + ": " + result);
            return result.ok() ? 0 : 1;
        } catch (IOException e) {
            err.println(file + ": cannot read: " + e.getMessage());
            return 2;
        }
    }
}
