package io.opsgate.engine.config;

import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.time.Durations;
import io.opsgate.api.v1alpha1.TenantLimits;
import io.opsgate.api.validation.Cidrs;
import io.opsgate.engine.alerting.RuleSet;
import io.opsgate.engine.sources.SourceSet;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One tenant's configuration as the engine runs it: the compiled document with defaults applied, its
 * rules compiled, limits and allowed source addresses. Immutable; a reload swaps it whole.
 */
public final class TenantConfig {
    public final CompiledConfig compiled;
    public final RuleSet rules;
    /** The AlertSources (mail intake, webhook sources), compiled with the rules. */
    public final SourceSet sources;
    public final TenantLimits limits;
    public final List<Cidrs.Block> allowedCidrs;
    public final int ratePerSecond;
    public final int rateBurst;
    public final long alertRetentionMillis;
    public final long ticketRetentionMillis;
    /** What is wrong with the configuration sources, shown by /api/v2/status; empty when all is well. */
    public final List<String> problems;

    public TenantConfig(CompiledConfig compiled, List<String> problems) {
        this.compiled = compiled;
        io.opsgate.api.defaults.Defaults.tenant(compiled.tenantSpec);
        this.limits = compiled.tenantSpec.limits;
        List<Cidrs.Block> cidrs = new ArrayList<>();
        for (String c : compiled.tenantSpec.ingest.allowedCidrs) {
            cidrs.add(Cidrs.parse(c));
        }
        this.allowedCidrs = List.copyOf(cidrs);
        this.ratePerSecond = compiled.tenantSpec.ingest.rateLimit.perSecond;
        this.rateBurst = compiled.tenantSpec.ingest.rateLimit.burst;
        this.alertRetentionMillis = Durations.parseOr(compiled.tenantSpec.retention.alerts, Duration.ofDays(7)).toMillis();
        this.ticketRetentionMillis = Durations.parseOr(compiled.tenantSpec.retention.tickets, Duration.ofDays(90)).toMillis();
        this.rules = RuleSet.compile(compiled.alertRules);
        this.sources = SourceSet.compile(compiled.tenant, compiled.alertSources);
        this.problems = List.copyOf(problems);
    }

    public String tenant() {
        return compiled.tenant;
    }

    /** Whether a request from {@code address} may reach the tenant's API; an empty list allows all. */
    public boolean allows(InetAddress address) {
        if (allowedCidrs.isEmpty()) {
            return true;
        }
        for (Cidrs.Block b : allowedCidrs) {
            if (b.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
