package io.opsgate.engine.jobs;

import io.opsgate.api.jobs.RunGuardrails;
import io.opsgate.api.jobs.RunPhases;
import io.opsgate.api.suspension.Suspension;
import io.opsgate.api.suspension.SuspensionSet;
import io.opsgate.api.suspension.SuspensionSubject;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.pipeline.RuleMatchListener;
import io.opsgate.engine.store.WriteSet;
import io.opsgate.engine.tenant.TenantRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpsJobs of one tenant as the engine sees them. It listens to the pipeline: an AlertRule match whose
 * rule some job's {@code spec.trigger.alertRule} names requests a run of that job, if the job's guardrails
 * allow it (checked on the lane, recorded durably with the alert that triggered it). The request then goes
 * to the mode's {@link RunRequester}. Failed runs come back here to raise their alert.
 */
final class TenantJobs implements RuleMatchListener {
    private static final Logger LOG = LoggerFactory.getLogger(TenantJobs.class);

    private final TenantRuntime runtime;
    private final JobService service;
    private final GuardrailLedger ledger = new GuardrailLedger();
    private final RunBook book;
    private final Set<String> alerted = ConcurrentHashMap.newKeySet();
    private final LocalSchedule schedule;
    private volatile JobCatalog catalog;
    private ClusterRunWatcher watcher;

    TenantJobs(TenantRuntime runtime, JobService service) {
        this.runtime = runtime;
        this.service = service;
        this.book = new RunBook(runtime.store());
        this.schedule = new LocalSchedule(this, service.timer, service.clock);
    }

    /** Loads the stored bookkeeping and starts listening; called once, at the tenant's first installation. */
    void start() {
        runtime.lane().call(() -> {
            ledger.load(runtime.store());
            return null;
        }).join();
        runtime.onRuleMatch(this).join();
        book.load();
        runtime.store().scan(ClusterRunWatcher.ALERTED, (k, v) -> alerted.add(k.substring(ClusterRunWatcher.ALERTED.length())));
        if (service.kubernetes != null) {
            watcher = new ClusterRunWatcher(this, service.kubernetes, service.clock, service.watchPauseMillis);
            watcher.start();
        }
    }

    /** Follows a new configuration. */
    void apply() {
        catalog = JobCatalog.of(runtime.config().compiled);
        if (service.localJobs) {
            schedule.apply(catalog);
        } else {
            catalog.all().forEach((name, spec) -> {
                if (spec.schedule != null && service.standalone) {
                    LOG.info("tenant {}: OpsJob {} is scheduled, but local jobs are off (--allow-local-jobs)",
                            runtime.name(), name);
                }
            });
        }
    }

    void stop() {
        schedule.stop();
        if (watcher != null) {
            watcher.stop();
        }
        runtime.onRuleMatch(RuleMatchListener.NONE);
    }

    @Override
    public void matched(String rule, Alert alert, long now, WriteSet writes) {
        JobCatalog c = catalog;
        if (c == null) {
            return;
        }
        List<String> jobs = c.triggeredBy(rule);
        if (jobs.isEmpty()) {
            return;
        }
        RunRequest.AlertRef ref = new RunRequest.AlertRef(alert.fingerprint, alert.labels.get("alertname"),
                alert.ticketId == null ? null : alert.ticketId.toString());
        SuspensionSet suspensions = runtime.suspensions().effective();
        for (String job : jobs) {
            Optional<Suspension> suspended = suspensions.suspendedBy(
                    SuspensionSubject.alertTriggeredJob(job, alert.labels), Instant.ofEpochMilli(now));
            if (suspended.isPresent()) {
                suspendedRun(job, suspended.get(), alert.ticketId);
                continue;
            }
            request(job, RunRequest.ALERT, ref, now, writes);
        }
    }

    /**
     * A run an OperationsSuspension stopped: counted ({@code result="suspended"}), logged and, for an alert with a
     * ticket, noted on the ticket once per job and suspension with the suspension's name and reason.
     */
    private void suspendedRun(String job, Suspension s, Long ticketId) {
        meters().jobRunRequested(job, "suspended");
        LOG.info("tenant {}: OpsJob {} not run: OperationsSuspension {} ({})", runtime.name(), job, s.name(), s.reason());
        if (ticketId != null) {
            String marker = "[suspended " + job + " by " + s.name() + "]";
            runtime.ticketNotes().noteOnce(ticketId, marker, "OpsJob " + job + " did not run: operations are suspended by "
                    + "OperationsSuspension " + s.name() + " (" + s.reason() + ", requested by " + s.requestedBy() + ") "
                    + marker);
        }
    }

    /** Applies the job's guardrails and passes an allowed request on. On the lane only. */
    private void request(String job, String reason, RunRequest.AlertRef alert, long now, WriteSet writes) {
        OpsJobSpec spec = catalog.job(job);
        if (spec == null) {
            return;
        }
        RunGuardrails.Verdict verdict = ledger.check(job, spec, now);
        if (!verdict.allowed()) {
            meters().jobRunRequested(job, RunGuardrails.COOLDOWN.equals(verdict.reason()) ? "cooldown" : "rate_limited");
            return;
        }
        ledger.record(job, now, writes);
        try {
            service.requester.request(this, new RunRequest(job, reason, alert, now));
        } catch (RuntimeException e) {
            LOG.error("tenant {}: the run request of OpsJob {} failed", runtime.name(), job, e);
            meters().jobRunRequested(job, "error");
        }
    }

    /**
     * A person starts {@code job} by hand: the job must declare {@code spec.manual}, its job net must be valid, the
     * guardrails of automatic runs must allow a run now (the manual run then counts toward them), and with
     * concurrencyPolicy Forbid no run of it may be going. Checked and recorded on the lane; the run is requested once
     * the guardrail record is durable.
     */
    CompletableFuture<ManualRun> startByHand(String job, String note, String person) {
        return runtime.lane().submit(() -> {
            JobCatalog c = catalog;
            OpsJobSpec spec = c == null ? null : c.job(job);
            if (spec == null) {
                return done(ManualRun.refused(ManualRun.NOT_FOUND, "tenant " + runtime.name() + " has no valid OpsJob "
                        + job));
            }
            if (!Boolean.TRUE.equals(spec.manual)) {
                return done(ManualRun.refused(ManualRun.NOT_MANUAL, "OpsJob " + job + " may not be started by hand: "
                        + "its spec.manual is not true"));
            }
            String notHere = service.requester.refusal();
            if (notHere != null) {
                return done(ManualRun.refused(ManualRun.NOT_HERE, notHere));
            }
            try {
                c.net(job);
            } catch (IllegalArgumentException e) {
                return done(ManualRun.refused(ManualRun.JOB_NET, e.getMessage()));
            }
            long now = service.clock.millis();
            RunGuardrails.Verdict verdict = ledger.check(job, spec, now);
            if (!verdict.allowed()) {
                meters().jobRunRequested(job, RunGuardrails.COOLDOWN.equals(verdict.reason()) ? "cooldown" : "rate_limited");
                return done(new ManualRun(null, null, verdict.reason(), verdict.message(),
                        ledger.retryAfterSeconds(job, spec, verdict.reason(), now)));
            }
            if (spec.concurrencyPolicy == OpsJobSpec.ConcurrencyPolicy.Forbid) {
                for (JobRunRecord r : book.list()) {
                    if (job.equals(r.opsJob) && !RunPhases.finished(r.phase)) {
                        return done(ManualRun.refused(ManualRun.CONCURRENCY, "run " + r.name + " of OpsJob " + job
                                + " is still " + r.phase + " (concurrencyPolicy Forbid)"));
                    }
                }
            }
            WriteSet writes = new WriteSet();
            ledger.record(job, now, writes);
            // Run names come from the request time: two people pressing in the same millisecond get two runs.
            long at = now;
            while (book.get(new RunRequest(job, RunRequest.MANUAL, null, at).runName()) != null) {
                at++;
            }
            RunRequest request = new RunRequest(job, RunRequest.MANUAL, null, at, person, note);
            return runtime.store().commit(writes).thenApply(v -> {
                service.requester.request(this, request);
                JobRunRecord recorded = book.get(request.runName());
                return ManualRun.started(request.runName(), recorded == null ? RunPhases.PENDING : recorded.phase);
            });
        });
    }

    private static CompletableFuture<ManualRun> done(ManualRun answer) {
        return CompletableFuture.completedFuture(answer);
    }

    /** A scheduled run is due (standalone); goes through the lane like a triggered one. */
    void requestScheduled(String job, long dueAt) {
        Optional<Suspension> suspended = runtime.suspensions().effective()
                .suspendedBy(SuspensionSubject.scheduledJob(job), Instant.ofEpochMilli(dueAt));
        if (suspended.isPresent()) {
            suspendedRun(job, suspended.get(), null);
            return;
        }
        runtime.lane().submit(() -> {
            WriteSet writes = new WriteSet();
            request(job, RunRequest.SCHEDULE, null, dueAt, writes);
            return writes.isEmpty() ? CompletableFuture.completedFuture(null) : runtime.store().commit(writes);
        });
    }

    /**
     * A run failed: raises its OpsJobRunFailed alert. With a {@code marker} key (runs seen in the cluster) only
     * once per run, across restarts: the marker is stored after the alert was accepted.
     */
    void runFailed(JobRunRecord run, String marker) {
        if (marker != null && !alerted.add(run.name)) {
            return;
        }
        meters().jobRunFailed(run.opsJob);
        runtime.meters().received("job", 1);
        runtime.ingest(List.of(FailedRunAlerts.of(run))).thenCompose(v -> {
            if (marker == null) {
                return CompletableFuture.completedFuture(null);
            }
            WriteSet writes = new WriteSet();
            writes.put(marker, new byte[]{'1'});
            return runtime.store().commit(writes);
        }).whenComplete((v, e) -> {
            if (e != null) {
                LOG.warn("tenant {}: the alert of failed run {} was not stored: {}", runtime.name(), run.name, e.getMessage());
                if (marker != null) {
                    alerted.remove(run.name);
                }
            }
        });
    }

    /** Runs newest first. */
    List<JobRunRecord> runs() {
        return book.list();
    }

    JobCatalog catalog() {
        return catalog;
    }

    RunBook book() {
        return book;
    }

    String name() {
        return runtime.name();
    }

    String namespace() {
        return runtime.config().compiled.namespace;
    }

    EngineMetrics.TenantMeters meters() {
        return runtime.meters();
    }
}
