package io.opsgate.engine.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The local users file of a standalone engine without an identity provider: one person per line,
 * {@code <name>:<argon2id PHC hash>[:<group>,<group>...]}; blank lines and lines starting with {@code #}
 * are ignored. {@code java -jar opsgate-engine.jar hash-password} makes a hash. The file is read again when
 * it changes; a file with an invalid line is refused whole and the last good one stays in force.
 */
public final class LocalUsers {
    private static final Logger LOG = LoggerFactory.getLogger(LocalUsers.class);
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("^[A-Za-z0-9][-A-Za-z0-9_.@+]{0,252}$");
    /** Verified when the name is unknown, so an unknown name costs as long as a wrong password. */
    private static final String DUMMY = PasswordHasher.hash("not a password of anyone".toCharArray());

    private record User(String name, String hash, List<String> groups) {
    }

    private final Path file;
    private volatile Map<String, User> users = Map.of();
    private volatile FileTime loadedModified;

    public LocalUsers(Path file) {
        this.file = file;
        reloadIfChanged();
    }

    /** The person when {@code password} is theirs, else null. */
    public Person authenticate(String name, char[] password) {
        reloadIfChanged();
        User u = name == null ? null : users.get(name);
        boolean ok = PasswordHasher.verify(u == null ? DUMMY : u.hash(), password);
        return ok && u != null ? new Person(u.name(), u.groups(), Person.LOCAL) : null;
    }

    /** How many users the file in force names. */
    public int size() {
        return users.size();
    }

    private synchronized void reloadIfChanged() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(loadedModified)) {
                return;
            }
            users = parse(Files.readAllLines(file, StandardCharsets.UTF_8));
            loadedModified = modified;
            LOG.info("local users file {}: {} users", file, users.size());
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("local users file {} not loaded ({}); {} users stay in force", file, e.getMessage(), users.size());
        }
    }

    /**
     * Parses the file's lines.
     *
     * @throws IllegalArgumentException naming the line that is wrong
     */
    static Map<String, User> parse(List<String> lines) {
        Map<String, User> result = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(":", 3);
            if (parts.length < 2 || !NAME.matcher(parts[0]).matches()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected <name>:<argon2id hash>[:<groups>]");
            }
            if (!PasswordHasher.wellFormed(parts[1])) {
                throw new IllegalArgumentException("line " + (i + 1) + ": the hash of " + parts[0]
                        + " is not an Argon2id PHC string (make one with hash-password)");
            }
            List<String> groups = new ArrayList<>();
            if (parts.length == 3) {
                Arrays.stream(parts[2].split(",")).map(String::strip).filter(g -> !g.isEmpty()).forEach(groups::add);
            }
            if (result.put(parts[0], new User(parts[0], parts[1], groups)) != null) {
                throw new IllegalArgumentException("line " + (i + 1) + ": user " + parts[0] + " is named twice");
            }
        }
        return Map.copyOf(result);
    }
}
