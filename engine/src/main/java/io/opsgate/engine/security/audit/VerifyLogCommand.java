package io.opsgate.engine.security.audit;

import io.opsgate.api.audit.ChainVerifier;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code java -jar opsgate-engine.jar verify-log <file>}: prints ChainVerifier's result; exit 0 when the chain holds. */
public final class VerifyLogCommand {
    private VerifyLogCommand() {
    }

    /** Runs the command; returns the exit code (0 verified, 1 broken or unreadable, 2 usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("usage: java -jar opsgate-engine.jar verify-log <file>");
            return 2;
        }
        try (Reader r = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
            ChainVerifier.Result result = ChainVerifier.verify(r);
            out.println(result);
            return result.ok() ? 0 : 1;
        } catch (IOException e) {
            err.println("opsgate: cannot read " + args[1] + ": " + e.getMessage());
            return 1;
        }
    }
}
