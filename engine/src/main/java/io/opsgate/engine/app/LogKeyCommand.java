package io.opsgate.engine.app;

import io.opsgate.engine.security.crypto.FileKekProvider;
import io.opsgate.engine.security.crypto.LocalKeks;
import io.opsgate.engine.store.RocksDbStoreFactory;
import io.opsgate.engine.store.TenantKeys;
import io.opsgate.engine.store.TenantStore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

/**
 * {@code java -jar opsgate-engine.jar log-key --data=<dir> [--kek-dir=<dir>] <tenant>}: prints (base64) the key a
 * tenant's access log is MACed with, for {@code verify-log --key=<file>}. It unwraps the key from the tenant's store
 * with the tenant's KEK ({@code --kek-dir}; else the mounted {@code /var/run/opsgate/kek}; else the key generated
 * under the data directory), reading the store beside a running engine without disturbing it. Whoever runs it holds
 * the KEK already: in a cluster, {@code kubectl exec} into the tenant's ingest pod. Exit code 0, 1 when the key
 * cannot be read, 2 on bad use.
 */
public final class LogKeyCommand {
    /** The command's name, the first argument. */
    public static final String NAME = "log-key";
    static final String USAGE = "usage: java -jar opsgate-engine.jar " + NAME + " --data=<dir> [--kek-dir=<dir>] <tenant>";

    private LogKeyCommand() {
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path data = null;
        Path kek = null;
        String tenant = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--data=")) {
                data = Path.of(a.substring("--data=".length()));
            } else if (a.startsWith("--kek-dir=")) {
                kek = Path.of(a.substring("--kek-dir=".length()));
            } else if (!a.startsWith("--") && tenant == null) {
                tenant = a;
            } else {
                err.println("unexpected argument " + a);
                err.println(USAGE);
                return 2;
            }
        }
        if (args.length == 0 || !NAME.equals(args[0]) || data == null || tenant == null) {
            err.println(USAGE);
            return 2;
        }
        if (kek == null) {
            kek = Files.isDirectory(SecurityOptions.CLUSTER_KEK) ? SecurityOptions.CLUSTER_KEK
                    : data.resolve(LocalKeks.DIR).resolve(tenant);
        }
        try (TenantStore store = new RocksDbStoreFactory(data, (t, n, w) -> { }).openReadOnly(tenant)) {
            byte[] key = TenantKeys.readSecret(tenant, store, new FileKekProvider(kek), TenantKeys.logMacPurpose());
            out.println(Base64.getEncoder().encodeToString(key));
            Arrays.fill(key, (byte) 0);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("opsgate: the access-log key of tenant " + tenant + " cannot be read: " + e.getMessage());
            return 1;
        }
    }
}
