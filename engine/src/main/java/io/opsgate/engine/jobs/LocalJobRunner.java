package io.opsgate.engine.jobs;

import io.opsgate.api.jobs.JobNet;
import io.opsgate.api.jobs.RunPhases;
import io.opsgate.api.time.Durations;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Standalone with {@code --allow-local-jobs}: runs {@code spec.local.command} of the requested job and of
 * every job downstream of it, in the net's order, each when all its dependencies in the net succeeded,
 * the rest Skipped; timeout (for all attempts of a step) and retries as in a cluster; concurrencyPolicy
 * per job (Forbid refuses, Replace stops the running run, Allow runs both). The commands run on this host
 * as the user running opsgate, which is why it is off by default.
 */
final class LocalJobRunner implements RunRequester {
    private static final Logger LOG = LoggerFactory.getLogger(LocalJobRunner.class);

    private final Clock clock;
    private final Path secretsDir;
    private final CredentialVault vault;
    private final ExecutorService pool;
    private final Map<String, List<Active>> active = new HashMap<>();

    /** A run in progress, which Replace may stop. */
    private static final class Active {
        final JobRunRecord run;
        volatile LocalProcess current;
        volatile String cancelledBecause;

        Active(JobRunRecord run) {
            this.run = run;
        }

        void cancel(String why) {
            cancelledBecause = why;
            LocalProcess p = current;
            if (p != null) {
                p.cancel();
            }
        }
    }

    LocalJobRunner(Clock clock, Path secretsDir, CredentialVault vault, ExecutorService pool) {
        this.clock = clock;
        this.secretsDir = secretsDir;
        this.vault = vault;
        this.pool = pool;
    }

    @Override
    public void request(TenantJobs tenant, RunRequest request) {
        JobCatalog catalog = tenant.catalog();
        JobNet net;
        try {
            net = catalog.net(request.opsJob());
        } catch (IllegalArgumentException e) {
            refuse(tenant, request, e.getMessage());
            return;
        }
        for (String job : net.order()) {
            OpsJobSpec spec = catalog.job(job);
            if (spec.local == null || spec.local.command == null || spec.local.command.isEmpty()) {
                refuse(tenant, request, "OpsJob " + job + " of the job net has no spec.local.command; standalone mode "
                        + "runs only local commands");
                return;
            }
        }
        JobRunRecord run = JobRunRecord.of(request, RunPhases.PENDING, "");
        for (String job : net.order()) {
            JobRunRecord.Step step = new JobRunRecord.Step();
            step.opsJob = job;
            step.phase = RunPhases.PENDING;
            run.steps.add(step);
        }
        Active mine = new Active(run);
        String key = tenant.name() + "/" + request.opsJob();
        synchronized (active) {
            List<Active> running = active.computeIfAbsent(key, k -> new ArrayList<>());
            OpsJobSpec.ConcurrencyPolicy policy = catalog.job(request.opsJob()).concurrencyPolicy;
            if (!running.isEmpty() && policy == OpsJobSpec.ConcurrencyPolicy.Forbid) {
                refuse(tenant, request, "run " + running.get(0).run.name + " of OpsJob " + request.opsJob()
                        + " is still running (concurrencyPolicy Forbid)");
                return;
            }
            if (policy == OpsJobSpec.ConcurrencyPolicy.Replace) {
                running.forEach(a -> a.cancel("replaced by run " + run.name + " (concurrencyPolicy Replace)"));
            }
            running.add(mine);
        }
        tenant.book().put(run);
        tenant.meters().jobRunRequested(request.opsJob(), "requested");
        pool.execute(() -> walk(tenant, catalog, net, mine, request, key));
    }

    private void refuse(TenantJobs tenant, RunRequest request, String why) {
        tenant.book().put(JobRunRecord.of(request, RunPhases.REFUSED, why));
        tenant.meters().jobRunRequested(request.opsJob(), "refused");
        LOG.warn("tenant {}: run of OpsJob {} refused: {}", tenant.name(), request.opsJob(), why);
    }

    private void walk(TenantJobs tenant, JobCatalog catalog, JobNet net, Active mine, RunRequest request, String key) {
        JobRunRecord run = mine.run;
        try {
            run.phase = RunPhases.RUNNING;
            run.startTime = clock.millis();
            tenant.book().put(run);
            Map<String, JobRunRecord.Step> steps = new LinkedHashMap<>();
            run.steps.forEach(s -> steps.put(s.opsJob, s));
            for (String job : net.order()) {
                JobRunRecord.Step step = steps.get(job);
                String blocked = blockedBy(net.dependenciesOf(job), steps);
                if (mine.cancelledBecause != null) {
                    skip(step, mine.cancelledBecause);
                } else if (blocked != null) {
                    skip(step, blocked);
                } else {
                    runStep(tenant, catalog.job(job), step, mine, request, run.name);
                }
                tenant.book().put(run);
            }
            boolean ok = run.steps.stream().allMatch(s -> RunPhases.SUCCEEDED.equals(s.phase));
            run.phase = ok ? RunPhases.SUCCEEDED : RunPhases.FAILED;
            run.message = mine.cancelledBecause != null ? mine.cancelledBecause
                    : ok ? "every step succeeded" : "step " + run.failedStepName() + " failed";
        } catch (RuntimeException e) {
            LOG.error("tenant {}: local run {} broke", tenant.name(), run.name, e);
            run.phase = RunPhases.FAILED;
            run.message = "the run broke: " + e;
        } finally {
            run.completionTime = clock.millis();
            tenant.book().put(run);
            synchronized (active) {
                List<Active> running = active.get(key);
                if (running != null) {
                    running.remove(mine);
                }
            }
        }
        if (RunPhases.FAILED.equals(run.phase) && mine.cancelledBecause == null) {
            tenant.runFailed(run, null);
        }
    }

    private static String blockedBy(List<String> dependencies, Map<String, JobRunRecord.Step> steps) {
        for (String d : dependencies) {
            String phase = steps.get(d).phase;
            if (!RunPhases.SUCCEEDED.equals(phase)) {
                return "dependency " + d + (RunPhases.SKIPPED.equals(phase) ? " was skipped" : " failed");
            }
        }
        return null;
    }

    private void skip(JobRunRecord.Step step, String why) {
        step.phase = RunPhases.SKIPPED;
        step.message = why;
    }

    private void runStep(TenantJobs tenant, OpsJobSpec spec, JobRunRecord.Step step, Active mine, RunRequest request,
                         String runName) {
        step.phase = RunPhases.RUNNING;
        step.startTime = clock.millis();
        tenant.book().put(mine.run);
        Duration timeout = Durations.parseOr(spec.timeout, Duration.ofMinutes(30));
        int retries = spec.retries == null ? 0 : spec.retries;
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> env = environment(tenant, spec, request, runName, step.opsJob);
        LocalProcess.Result result = null;
        int attempts = 0;
        while (attempts <= retries && mine.cancelledBecause == null) {
            LocalProcess process = new LocalProcess();
            mine.current = process;
            if (mine.cancelledBecause != null) {
                break;
            }
            result = process.run(spec.local.command, env, deadline);
            attempts++;
            if (result.succeeded() || result.timedOut() || result.exitCode() == null) {
                break;
            }
        }
        mine.current = null;
        step.completionTime = clock.millis();
        if (result == null) {
            skip(step, mine.cancelledBecause);
            return;
        }
        step.exitCode = result.exitCode();
        step.logTail = result.tail();
        String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
        if (result.succeeded()) {
            step.phase = RunPhases.SUCCEEDED;
            step.message = "exit code 0" + tries;
        } else {
            step.phase = RunPhases.FAILED;
            if (mine.cancelledBecause != null) {
                step.message = "stopped: " + mine.cancelledBecause;
            } else if (result.timedOut()) {
                step.message = "stopped after the timeout of " + Durations.format(timeout) + tries;
            } else if (result.exitCode() == null) {
                step.message = "could not start " + spec.local.command.get(0) + ": " + result.error();
            } else {
                step.message = "exit code " + result.exitCode() + tries;
            }
        }
    }

    /**
     * The engine's environment plus the container's env and what the run is about; each credential Secret of
     * the job is named by {@code OPSGATE_CREDENTIALS_<SECRET>} = its directory under --secrets-dir, and a
     * credential of that name in the tenant's encrypted vault is decrypted into this job's environment only,
     * as {@code OPSGATE_CREDENTIAL_<SECRET>_<KEY>} (never written to disk in plaintext).
     */
    private Map<String, String> environment(TenantJobs tenant, OpsJobSpec spec, RunRequest request, String runName,
                                            String job) {
        Map<String, String> env = new LinkedHashMap<>();
        if (spec.container != null && spec.container.env != null) {
            spec.container.env.forEach(e -> env.put(e.name, e.value == null ? "" : e.value));
        }
        env.put("OPSGATE_TENANT", tenant.name());
        env.put("OPSGATE_RUN", runName);
        env.put("OPSGATE_OPSJOB", job);
        env.put("OPSGATE_RUN_REASON", request.reason());
        if (request.requestedBy() != null) {
            env.put("OPSGATE_REQUESTED_BY", request.requestedBy());
            env.put("OPSGATE_RUN_NOTE", request.note() == null ? "" : request.note());
        }
        if (request.alert() != null) {
            env.put("OPSGATE_ALERT_FINGERPRINT", request.alert().fingerprint());
            env.put("OPSGATE_ALERTNAME", request.alert().alertname() == null ? "" : request.alert().alertname());
            if (request.alert().ticketId() != null) {
                env.put("OPSGATE_TICKET_ID", request.alert().ticketId());
            }
        }
        if (spec.credentials != null) {
            for (OpsJobSpec.CredentialMount c : spec.credentials) {
                String secret = envName(c.secretName);
                env.put("OPSGATE_CREDENTIALS_" + secret, secretsDir.resolve(tenant.namespace()).resolve(c.secretName).toString());
                Map<String, String> values = vault.values(tenant.name(), c.secretName);
                if (values != null) {
                    values.forEach((key, value) -> env.put("OPSGATE_CREDENTIAL_" + secret + "_" + envName(key), value));
                }
            }
        }
        return env;
    }

    private static String envName(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    @Override
    public void stop() {
        synchronized (active) {
            active.values().forEach(list -> list.forEach(a -> a.cancel("the engine stopped")));
        }
    }
}
