package io.opsgate.engine.support;

import io.opsgate.engine.app.Options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Standalone mode's command line as tests give it: configuration and secrets directories, a data directory,
 * a free port on 127.0.0.1, the tenants' metrics on another free port ({@link Metrics}), no SMTP intake;
 * {@code more} options are added (a later one wins, so {@code --smtp-listen=127.0.0.1:0} turns the intake on).
 */
public final class Standalone {
    private Standalone() {
    }

    public static Options options(Path configDir, Path secretsDir, Path dataDir, String... more) {
        List<String> args = new ArrayList<>(List.of("standalone", "--config-dir=" + configDir, "--secrets-dir=" + secretsDir,
                "--data=" + dataDir, "--listen=127.0.0.1:0", "--smtp-listen=off", "--metrics-listen=127.0.0.1:0"));
        args.addAll(List.of(more));
        return Options.parse(args.toArray(String[]::new));
    }
}
