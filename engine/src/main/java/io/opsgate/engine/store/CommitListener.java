package io.opsgate.engine.store;

/** Told about every group commit, for the commit-latency histogram. */
@FunctionalInterface
public interface CommitListener {
    /**
     * @param tenant  the tenant whose store committed
     * @param nanos   how long the synced write took
     * @param writes  how many write sets it grouped
     */
    void committed(String tenant, long nanos, int writes);
}
