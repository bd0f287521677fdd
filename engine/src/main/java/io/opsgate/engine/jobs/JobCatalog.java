package io.opsgate.engine.jobs;

import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.defaults.Defaults;
import io.opsgate.api.jobs.JobNet;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.engine.store.RecordCodec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The valid OpsJobs of one tenant configuration, with defaults applied: by name, by the AlertRule that
 * triggers them, and their job nets. Immutable; a reload builds a new one.
 */
public final class JobCatalog {
    private final Map<String, OpsJobSpec> jobs;
    private final Map<String, List<String>> byRule;
    private final Map<String, List<String>> dependsOn;

    private JobCatalog(Map<String, OpsJobSpec> jobs) {
        this.jobs = jobs;
        Map<String, List<String>> rules = new HashMap<>();
        Map<String, List<String>> deps = new HashMap<>();
        jobs.forEach((name, spec) -> {
            if (spec.trigger != null && spec.trigger.alertRule != null) {
                rules.computeIfAbsent(spec.trigger.alertRule, r -> new ArrayList<>()).add(name);
            }
            deps.put(name, spec.dependsOn == null ? List.of() : List.copyOf(spec.dependsOn));
        });
        this.byRule = rules;
        this.dependsOn = deps;
    }

    public static JobCatalog of(CompiledConfig config) {
        Map<String, OpsJobSpec> jobs = new LinkedHashMap<>();
        for (NamedSpec<OpsJobSpec> j : config.opsJobs) {
            jobs.put(j.name, Defaults.opsJob(RecordCodec.mapper().convertValue(j.spec, OpsJobSpec.class)));
        }
        return new JobCatalog(jobs);
    }

    /** The job's spec, or null when the configuration has no valid job of that name. */
    public OpsJobSpec job(String name) {
        return jobs.get(name);
    }

    public Map<String, OpsJobSpec> all() {
        return jobs;
    }

    /** The jobs whose spec.trigger.alertRule is {@code rule}. */
    public List<String> triggeredBy(String rule) {
        return byRule.getOrDefault(rule, List.of());
    }

    /**
     * The job net of a run of {@code job}.
     *
     * @throws IllegalArgumentException when the job is unknown or the net holds a cycle
     */
    public JobNet net(String job) {
        return JobNet.of(job, dependsOn);
    }
}
