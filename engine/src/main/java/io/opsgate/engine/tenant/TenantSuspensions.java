package io.opsgate.engine.tenant;

import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.suspension.SuspensionSet;
import io.opsgate.api.v1alpha1.OperationsSuspensionSpec;
import io.opsgate.engine.store.Keys;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.store.WriteSet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A tenant's OperationsSuspensions (対応停止, docs/oncall.md): those of its configuration (custom resources, GitOps)
 * and those people requested through the API ({@code POST /api/v1/suspensions}), stored durably under
 * {@code oncall/suspension/<name>}. {@link #effective()} is what jobs, escalation and the tickets' window events
 * consult; it is compiled again only when either side changed.
 */
public final class TenantSuspensions {
    static final String PREFIX = Keys.ONCALL + "suspension/";
    /** At most this many requested suspensions are kept per tenant. */
    public static final int MAX_REQUESTED = 200;

    /** A stored requested suspension. */
    static final class Stored {
        public String name;
        public OperationsSuspensionSpec spec;
    }

    private final TenantStore store;
    private final Supplier<CompiledConfig> config;
    private final List<NamedSpec<OperationsSuspensionSpec>> requested = new ArrayList<>();
    private CompiledConfig compiledFrom;
    private int compiledVersion = -1;
    private int version;
    private SuspensionSet effective = SuspensionSet.none();

    TenantSuspensions(TenantStore store, Supplier<CompiledConfig> config) {
        this.store = store;
        this.config = config;
        store.scan(PREFIX, (k, v) -> {
            Stored s = RecordCodec.decode(v, Stored.class);
            requested.add(new NamedSpec<>(s.name, null, s.spec));
        });
    }

    /** The suspensions in force: the configuration's and the requested ones. */
    public synchronized SuspensionSet effective() {
        CompiledConfig c = config.get();
        if (c != compiledFrom || version != compiledVersion) {
            List<NamedSpec<OperationsSuspensionSpec>> all = new ArrayList<>();
            if (c != null) {
                all.addAll(c.operationsSuspensions);
            }
            all.addAll(requested);
            effective = SuspensionSet.compile(all);
            compiledFrom = c;
            compiledVersion = version;
        }
        return effective;
    }

    /** The suspensions requested through the API, oldest first. */
    public synchronized List<NamedSpec<OperationsSuspensionSpec>> requested() {
        return List.copyOf(requested);
    }

    /**
     * Stores a requested suspension (validated by the caller); completes once it is durable, and it applies from
     * then on.
     *
     * @throws IllegalStateException when the tenant has {@link #MAX_REQUESTED} already
     */
    public synchronized CompletableFuture<Void> request(String name, OperationsSuspensionSpec spec) {
        if (requested.size() >= MAX_REQUESTED) {
            throw new IllegalStateException("a tenant keeps at most " + MAX_REQUESTED + " requested suspensions");
        }
        Stored s = new Stored();
        s.name = name;
        s.spec = spec;
        WriteSet w = new WriteSet();
        w.put(PREFIX + name, RecordCodec.encode(s));
        return store.commit(w).thenRun(() -> {
            synchronized (this) {
                requested.add(new NamedSpec<>(name, null, spec));
                version++;
            }
        });
    }
}
