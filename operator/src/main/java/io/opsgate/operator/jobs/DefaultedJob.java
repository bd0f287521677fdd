package io.opsgate.operator.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsgate.api.defaults.Defaults;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.OpsJobSpec;

/** An OpsJob's spec with the API defaults filled in, on a copy: the informer's object stays as the user wrote it. */
final class DefaultedJob {
    private static final ObjectMapper COPIER = new ObjectMapper();

    private DefaultedJob() {
    }

    static OpsJobSpec spec(OpsJob job) {
        OpsJobSpec copy = job.getSpec() == null ? new OpsJobSpec() : COPIER.convertValue(job.getSpec(), OpsJobSpec.class);
        return Defaults.opsJob(copy);
    }
}
