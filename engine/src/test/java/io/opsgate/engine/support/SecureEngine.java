package io.opsgate.engine.support;

import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.app.Options;
import io.opsgate.engine.notify.delivery.NotifySettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A standalone engine for the security tests: the given YAML as its configuration, tokens written where
 * standalone reads them, a KEK directory with one key (or none: {@link #withoutKekDir()}), an internal token,
 * optionally TLS and a plain metrics listener.
 */
public final class SecureEngine implements AutoCloseable {
    public static final String INTERNAL_TOKEN = "internal-token-for-tests-000000000000000";

    public final Path root;
    /** Where the stores are: {@code data/}, as {@link ConfigDir#standalone} puts them. */
    public final Path dataDir;
    public final Path kekDir;
    public final Path internalTokenFile;
    private final ConfigDir dir;
    public EngineServer server;
    public Http http;
    private io.opsgate.engine.egress.EgressGate.Resolver resolver = io.opsgate.engine.egress.EgressGate.Resolver.SYSTEM;
    private Clock clock;
    private String[] more = new String[0];
    private boolean kekDirOption = true;

    public SecureEngine(Path root) {
        this.root = root;
        this.dir = new ConfigDir(root);
        this.dataDir = root.resolve("data");
        this.kekDir = root.resolve("kek");
        this.internalTokenFile = root.resolve("internal-token");
        try {
            Files.createDirectories(kekDir);
            byte[] kek = new byte[32];
            new SecureRandom().nextBytes(kek);
            Files.writeString(kekDir.resolve("2026-01-01"), Base64.getEncoder().encodeToString(kek));
            Files.writeString(internalTokenFile, INTERNAL_TOKEN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resolves monitors' and channels' host names with {@code resolver} instead of the system's. */
    public SecureEngine resolver(io.opsgate.engine.egress.EgressGate.Resolver resolver) {
        this.resolver = resolver;
        return this;
    }

    /**
     * Starts without {@code --kek-dir}, as a fresh standalone user does: the engine generates each tenant's KEK under
     * the data directory.
     */
    public SecureEngine withoutKekDir() {
        kekDirOption = false;
        return this;
    }

    /** Writes a configuration file. */
    public SecureEngine config(String file, String yaml) {
        dir.yaml(file, yaml);
        return this;
    }

    /** Writes a token where standalone reads tenant/name's Secret. */
    public SecureEngine token(String tenant, String name, String value) {
        dir.token(tenant, name, value);
        return this;
    }

    public String token(String tenantSlashName) {
        return dir.token(tenantSlashName);
    }

    /**
     * Starts on 127.0.0.1 with the KEK directory and the internal token; plain HTTP and no SMTP intake unless
     * {@code more} options say otherwise ({@code --tls-cert=...}, {@code --smtp-listen=127.0.0.1:0}).
     */
    public SecureEngine start(Clock clock, String... more) throws Exception {
        this.clock = clock;
        this.more = more;
        List<String> args = new ArrayList<>(List.of("--tick=50", "--config-poll=100",
                "--internal-token-file=" + internalTokenFile));
        if (kekDirOption) {
            args.add("--kek-dir=" + kekDir);
        }
        args.addAll(List.of(more));
        Options options = dir.standalone(args.toArray(String[]::new));
        server = new EngineServer(options, clock, new NotifySettings(null, internalTokenFile, 3, null))
                .withResolver(resolver).start();
        http = new Http((options.security().tls() ? "https" : "http") + "://127.0.0.1:" + server.port());
        return this;
    }

    /** Stops the server; its data, keys and configuration stay for {@link #restart}. */
    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts again over the same data, keys and configuration, with the options of the last start. */
    public SecureEngine restart() throws Exception {
        close();
        return start(clock, more);
    }
}
