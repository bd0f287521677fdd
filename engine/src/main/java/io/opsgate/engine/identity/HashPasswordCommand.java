package io.opsgate.engine.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code java -jar opsgate-engine.jar hash-password}: reads a password (from the terminal without echo, or the
 * first line of standard input) and prints its Argon2id hash for the local users file. Never from the command
 * line, where other users of the machine and the shell's history would see it.
 */
public final class HashPasswordCommand {
    static final int MIN_LENGTH = 12;

    private HashPasswordCommand() {
    }

    /** Runs the command; returns the exit code. */
    public static int run(BufferedReader in, PrintStream out, PrintStream err) throws IOException {
        char[] password;
        java.io.Console console = System.console();
        if (console != null) {
            password = console.readPassword("password: ");
            char[] again = console.readPassword("again: ");
            if (password == null || !Arrays.equals(password, again)) {
                err.println("hash-password: the two passwords differ");
                return 1;
            }
        } else {
            String line = in.readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password.length < MIN_LENGTH) {
            err.println("hash-password: a password needs at least " + MIN_LENGTH + " characters");
            return 1;
        }
        out.println(PasswordHasher.hash(password));
        Arrays.fill(password, '\0');
        return 0;
    }
}
