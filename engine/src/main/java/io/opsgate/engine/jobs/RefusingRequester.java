package io.opsgate.engine.jobs;

import io.opsgate.api.jobs.RunPhases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each request as a refused run with the reason, e.g. standalone without --allow-local-jobs, so
 * the run list says why nothing ran.
 */
final class RefusingRequester implements RunRequester {
    private static final Logger LOG = LoggerFactory.getLogger(RefusingRequester.class);
    private final String why;

    RefusingRequester(String why) {
        this.why = why;
    }

    @Override
    public String refusal() {
        return why;
    }

    @Override
    public void request(TenantJobs tenant, RunRequest request) {
        JobRunRecord run = JobRunRecord.of(request, RunPhases.REFUSED, why);
        tenant.book().put(run);
        tenant.meters().jobRunRequested(request.opsJob(), "refused");
        LOG.warn("tenant {}: run {} of OpsJob {} refused: {}", tenant.name(), run.name, request.opsJob(), why);
    }
}
