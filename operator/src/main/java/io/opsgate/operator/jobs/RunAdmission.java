package io.opsgate.operator.jobs;

import io.opsgate.api.jobs.RunGuardrails;
import io.opsgate.api.jobs.RunPhases;
import io.opsgate.api.time.Durations;
import io.opsgate.api.v1alpha1.OpsJobRun;
import io.opsgate.api.v1alpha1.OpsJobRunSpec;
import io.opsgate.api.v1alpha1.OpsJobSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Whether a new run may start: the guardrails of automatic (alert-triggered) runs, one per cooldown and at
 * most maxRunsPerHour, and the job's concurrency policy Forbid. Decided once, when a run has no phase yet.
 * Runs are taken in creation order, and the runs before this one that have no phase yet are decided the
 * same way on the spot, so two runs created together and reconciled in parallel cannot both pass a
 * cooldown. A pure function.
 */
public final class RunAdmission {
    /** Refusal reason: another run of the job is still going and the policy is Forbid. */
    public static final String CONCURRENCY = "ConcurrencyForbid";

    /**
     * @param admitted whether the run may start
     * @param reason   CamelCase reason when refused
     * @param message  what a person reads
     */
    public record Verdict(boolean admitted, String reason, String message) {
    }

    private RunAdmission() {
    }

    /**
     * @param run    the run to decide on
     * @param others every run of the namespace (the run itself may be among them)
     * @param spec   the requested OpsJob's spec with defaults
     * @param now    when a run without a creation time counts as created
     */
    public static Verdict decide(OpsJobRun run, List<OpsJobRun> others, OpsJobSpec spec, Instant now) {
        String job = run.getSpec().opsJob;
        List<OpsJobRun> sameJob = new ArrayList<>();
        for (OpsJobRun o : others) {
            if (job.equals(o.getSpec().opsJob) && !o.getMetadata().getName().equals(run.getMetadata().getName())) {
                sameJob.add(o);
            }
        }
        if (spec.concurrencyPolicy == OpsJobSpec.ConcurrencyPolicy.Forbid) {
            for (OpsJobRun o : sameJob) {
                String phase = phase(o);
                if (phase != null && !RunPhases.finished(phase)) {
                    return new Verdict(false, CONCURRENCY, "run " + o.getMetadata().getName() + " of OpsJob " + job
                            + " is still " + phase + " and the concurrencyPolicy is Forbid");
                }
            }
        }
        if (!automatic(run) || spec.guardrails == null) {
            return new Verdict(true, null, "");
        }
        Duration cooldown = Durations.parse(spec.guardrails.cooldown);
        int max = spec.guardrails.maxRunsPerHour;
        List<OpsJobRun> ordered = new ArrayList<>(sameJob);
        ordered.add(run);
        ordered.removeIf(o -> !automatic(o));
        ordered.sort(Comparator.comparing((OpsJobRun o) -> created(o, now)).thenComparing(o -> o.getMetadata().getName()));
        List<Instant> admitted = new ArrayList<>();
        for (OpsJobRun o : ordered) {
            Instant at = created(o, now);
            String phase = phase(o);
            if (o == run) {
                RunGuardrails.Verdict v = RunGuardrails.check(admitted, cooldown, max, at);
                return new Verdict(v.allowed(), v.reason(), v.message());
            }
            if (phase == null) {
                if (RunGuardrails.check(admitted, cooldown, max, at).allowed()) {
                    admitted.add(at);
                }
            } else if (!RunPhases.REFUSED.equals(phase)) {
                admitted.add(at);
            }
        }
        throw new IllegalStateException("the run is among the ordered runs");
    }

    /** Guardrails bound what starts by itself; a person's manual run is not limited. */
    static boolean automatic(OpsJobRun r) {
        return r.getSpec().reason == OpsJobRunSpec.RunReason.Alert || r.getSpec().reason == OpsJobRunSpec.RunReason.Schedule;
    }

    static Instant created(OpsJobRun r, Instant fallback) {
        String t = r.getMetadata().getCreationTimestamp();
        return t == null ? fallback : Instant.parse(t);
    }

    private static String phase(OpsJobRun r) {
        return r.getStatus() == null ? null : r.getStatus().phase;
    }
}
