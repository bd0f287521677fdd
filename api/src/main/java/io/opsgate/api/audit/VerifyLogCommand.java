package io.opsgate.api.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar <jar> verify-log <file>}: checks the hash chain of a log {@link HashChain} wrote (the
 * operator's audit log, the engine's access log) with {@link ChainVerifier}. Exit code 0 when the chain
 * holds; 1 when it is broken or the file cannot be read (the line and the problem are printed); 2 on bad use.
 */
public final class VerifyLogCommand {

    /** The command's name, the first argument. */
    public static final String NAME = "verify-log";

    private VerifyLogCommand() {
    }

    /**
     * Runs the command.
     *
     * @param jar  the jar's file name, for the usage line ({@code opsgate-operator.jar})
     * @param args {@code verify-log <file>}
     * @return the exit code
     */
    public static int run(String jar, String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || !NAME.equals(args[0])) {
            err.println("usage: java -jar " + jar + " " + NAME + " <file>");
            return 2;
        }
        Path file = Path.of(args[1]);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ChainVerifier.Result result = ChainVerifier.verify(r);
            (result.ok() ? out : err).println(file + ": " + result);
            return result.ok() ? 0 : 1;
        } catch (IOException e) {
            err.println(file + ": cannot read: " + e.getMessage());
            return 1;
        }
    }
}
