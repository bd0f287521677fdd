package io.opsgate.api.audit;

import io.opsgate.api.audit.HashChain.Head;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar <jar> verify-log [--key=<file>] [--anchor=<seq>:<hash>] [--checkpoint=<seq>:<hash>] <file>}:
 * checks a log {@link HashChain} wrote (the operator's audit log, the engine's access log) with
 * {@link ChainVerifier}. With the key the hashes are checked as the writer's MACs; without it only the structure
 * (numbers, links, entry 1 after the genesis hash), and the output says so. {@code --anchor} is where the kept lines
 * must start (recorded at pruning), {@code --checkpoint} a head recorded earlier that the log must still hold (both
 * as the engine's evidence and the Tenant status show them). Exit code 0 when every check passes; 1 when the chain
 * is broken or the file cannot be read (the line and the problem are printed); 2 on bad use.
 */
public final class VerifyLogCommand {

    /** The command's name, the first argument. */
    public static final String NAME = "verify-log";
    static final String USAGE = " " + NAME + " [--key=<file>] [--anchor=<seq>:<hash>] [--checkpoint=<seq>:<hash>] <file>";

    private VerifyLogCommand() {
    }

    /**
     * Runs the command.
     *
     * @param jar  the jar's file name, for the usage line ({@code opsgate-operator.jar})
     * @param args {@code verify-log [options] <file>}
     * @return the exit code
     */
    public static int run(String jar, String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || !NAME.equals(args[0])) {
            err.println("usage: java -jar " + jar + USAGE);
            return 2;
        }
        Path file = null;
        Path keyFile = null;
        Head anchor = null;
        Head checkpoint = null;
        try {
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (a.startsWith("--key=")) {
                    keyFile = Path.of(a.substring("--key=".length()));
                } else if (a.startsWith("--anchor=")) {
                    anchor = Head.parse(a.substring("--anchor=".length()));
                } else if (a.startsWith("--checkpoint=")) {
                    checkpoint = Head.parse(a.substring("--checkpoint=".length()));
                } else if (a.startsWith("--") || file != null) {
                    throw new IllegalArgumentException("unexpected argument " + a);
                } else {
                    file = Path.of(a);
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("no log file given");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("usage: java -jar " + jar + USAGE);
            return 2;
        }
        ChainKey key;
        try {
            key = keyFile == null ? ChainKey.NONE : ChainKey.read(keyFile);
        } catch (IOException e) {
            err.println(keyFile + ": cannot read the key: " + e.getMessage());
            return 1;
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ChainVerifier.Result result = ChainVerifier.verify(r, key, new ChainVerifier.Expected(anchor, checkpoint));
            (result.ok() ? out : err).println(file + ": " + result);
            return result.ok() ? 0 : 1;
        } catch (IOException e) {
            err.println(file + ": cannot read: " + e.getMessage());
            return 1;
        }
    }
}
