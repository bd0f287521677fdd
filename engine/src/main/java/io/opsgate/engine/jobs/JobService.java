package io.opsgate.engine.jobs;

import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.engine.kubernetes.KubernetesApi;
import io.opsgate.engine.tenant.TenantComponent;
import io.opsgate.engine.tenant.TenantRuntime;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OpsJobs in the engine, per mode: in a cluster (ingest with a service account) run requests become
 * OpsJobRuns and failed OpsJobRuns of the namespace raise alerts; standalone with --allow-local-jobs runs
 * local commands (schedules included); otherwise requests are recorded as refused, saying why.
 */
public final class JobService implements TenantComponent, AutoCloseable {
    static final int LOCAL_WORKERS = 4;
    static final String LOCAL_JOBS_OFF = "local jobs are off: start opsgate standalone with --allow-local-jobs to run "
            + "spec.local.command (it runs commands on this host)";
    static final String NO_CLUSTER = "the engine runs outside a Kubernetes cluster (no service account token), so it "
            + "cannot create OpsJobRuns";

    // Shared with each tenant's part in this package.
    final Clock clock;
    final boolean standalone;
    final boolean localJobs;
    final KubernetesApi kubernetes;
    final long watchPauseMillis;
    final ScheduledExecutorService timer;
    private final ThreadPoolExecutor localPool;
    final RunRequester requester;
    private final Map<String, TenantJobs> tenants = new ConcurrentHashMap<>();

    /**
     * @param standalone       standalone mode (else ingest)
     * @param localJobs        --allow-local-jobs
     * @param secretsDir       standalone: where credential Secrets live ({@code <namespace>/<secret>/<key>})
     * @param kubernetes       the cluster's API in ingest mode inside a pod, else null
     * @param watchPauseMillis pause before listing OpsJobRuns again after a watch ended
     */
    public JobService(Clock clock, boolean standalone, boolean localJobs, Path secretsDir, KubernetesApi kubernetes,
                      long watchPauseMillis) {
        this(clock, standalone, localJobs, secretsDir, CredentialVault.NONE, kubernetes, watchPauseMillis);
    }

    /** As above, with the tenant credential vault local jobs read their credentials from first. */
    public JobService(Clock clock, boolean standalone, boolean localJobs, Path secretsDir, CredentialVault vault,
                      KubernetesApi kubernetes, long watchPauseMillis) {
        this.clock = clock;
        this.standalone = standalone;
        this.localJobs = standalone && localJobs;
        this.kubernetes = standalone ? null : kubernetes;
        this.watchPauseMillis = watchPauseMillis;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "jobs-timer"));
        AtomicInteger n = new AtomicInteger();
        this.localPool = new ThreadPoolExecutor(LOCAL_WORKERS, LOCAL_WORKERS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, "local-job-" + n.incrementAndGet()));
        this.localPool.allowCoreThreadTimeOut(true);
        if (this.localJobs) {
            requester = new LocalJobRunner(clock, secretsDir, vault, localPool);
        } else if (standalone) {
            requester = new RefusingRequester(LOCAL_JOBS_OFF);
        } else if (this.kubernetes != null) {
            requester = new ClusterRunRequester(this.kubernetes, timer);
        } else {
            requester = new RefusingRequester(NO_CLUSTER);
        }
    }

    @Override
    public Part start(TenantRuntime tenant) {
        TenantJobs jobs = new TenantJobs(tenant, this);
        jobs.start();
        tenants.put(tenant.name(), jobs);
        jobs.apply();
        return new Part() {
            @Override
            public void reconfigured() {
                jobs.apply();
            }

            @Override
            public void stop(Stop why) {
                tenants.remove(tenant.name(), jobs);
                jobs.stop();
            }
        };
    }

    /** The runs the engine knows of a tenant, newest first; empty when it runs no jobs here. */
    public List<JobRunRecord> runs(String tenant) {
        TenantJobs jobs = tenants.get(tenant);
        return jobs == null ? List.of() : jobs.runs();
    }

    /**
     * A person starts an OpsJob by hand ({@link TenantJobs#startByHand}); refused with {@link ManualRun#NOT_FOUND}
     * when the tenant runs no jobs here.
     */
    public CompletableFuture<ManualRun> startByHand(String tenant, String job, String note, String person) {
        TenantJobs jobs = tenants.get(tenant);
        return jobs == null ? CompletableFuture.completedFuture(ManualRun.refused(ManualRun.NOT_FOUND,
                "tenant " + tenant + " runs no OpsJobs here")) : jobs.startByHand(job, note, person);
    }

    /** The tenant's valid OpsJobs with defaults applied, by name; empty when it runs none here. */
    public Map<String, OpsJobSpec> jobs(String tenant) {
        TenantJobs jobs = tenants.get(tenant);
        JobCatalog c = jobs == null ? null : jobs.catalog();
        return c == null ? Map.of() : c.all();
    }

    @Override
    public void close() {
        for (TenantJobs t : tenants.values()) {
            t.stop();
        }
        tenants.clear();
        requester.stop();
        timer.shutdownNow();
        localPool.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
