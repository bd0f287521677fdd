package io.opsgate.engine.jobs;

import io.opsgate.engine.store.Keys;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.store.WriteSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs a tenant's engine knows, for GET /api/v1/jobruns. Runs the engine requested or ran are stored
 * (the latest {@value #KEPT}); runs observed in the cluster are held in memory only, since the API server
 * has them. Each put stores a snapshot, so a reader never sees a run half-updated.
 */
public final class RunBook {
    static final String PREFIX = Keys.JOBS + "run/";
    static final int KEPT = 200;

    private final TenantStore store;
    private final Map<String, JobRunRecord> runs = new ConcurrentHashMap<>();

    RunBook(TenantStore store) {
        this.store = store;
    }

    void load() {
        store.scan(PREFIX, (k, v) -> {
            JobRunRecord r = RecordCodec.decode(v, JobRunRecord.class);
            runs.put(r.name, r);
        });
    }

    /** Stores a snapshot of a run the engine requested or ran. */
    synchronized void put(JobRunRecord run) {
        byte[] bytes = RecordCodec.encode(run);
        runs.put(run.name, RecordCodec.decode(bytes, JobRunRecord.class));
        WriteSet writes = new WriteSet();
        writes.put(PREFIX + run.name, bytes);
        List<JobRunRecord> stored = runs.values().stream().filter(r -> "engine".equals(r.source))
                .sorted(Comparator.comparingLong((JobRunRecord r) -> r.requestedAt).reversed()).toList();
        for (int i = KEPT; i < stored.size(); i++) {
            runs.remove(stored.get(i).name);
            writes.delete(PREFIX + stored.get(i).name);
        }
        store.commit(writes);
    }

    /** Holds what the cluster says about a run; it replaces what the engine recorded when it requested it. */
    void observe(JobRunRecord run) {
        run.source = "cluster";
        runs.put(run.name, run);
    }

    void forget(String name) {
        JobRunRecord r = runs.get(name);
        if (r != null && "cluster".equals(r.source)) {
            runs.remove(name);
        }
    }

    JobRunRecord get(String name) {
        return runs.get(name);
    }

    /** Newest first. */
    public List<JobRunRecord> list() {
        List<JobRunRecord> all = new ArrayList<>(runs.values());
        all.sort(Comparator.comparingLong((JobRunRecord r) -> Math.max(r.requestedAt, r.startTime)).reversed()
                .thenComparing(r -> r.name));
        return all;
    }
}
