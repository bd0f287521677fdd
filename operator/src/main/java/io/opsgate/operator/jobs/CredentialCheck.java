package io.opsgate.operator.jobs;

import io.fabric8.kubernetes.api.model.Secret;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.api.v1alpha1.OpsgateApi;
import io.opsgate.api.validation.Reasons;
import io.opsgate.api.validation.ResourceValidator;
import io.opsgate.api.validation.SecretReferences;
import io.opsgate.api.validation.ValidationResult;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The last look before a job's pod mounts its credentials (issue 13, finding 3): besides what the
 * webhook and the compiler refuse by name, the live Secret must not carry
 * {@value OpsgateApi#MANAGED_SECRET_LABEL}, whatever it is called. Both the Jobs of runs and the
 * CronJobs of schedules pass here, so an OpsJob stored past the webhook mounts nothing of opsgate's.
 */
final class CredentialCheck {

    private CredentialCheck() {
    }

    /**
     * The problems of the job's credentials, naming the field.
     *
     * @param tenantSecrets the Secrets the namespace's Tenant names for opsgate's use
     * @param live          a Secret of the job's namespace by name, as the API server has it now
     */
    static ValidationResult of(OpsJobSpec spec, Set<String> tenantSecrets, Function<String, Optional<Secret>> live) {
        ValidationResult r = ValidationResult.ok();
        ResourceValidator.opsJob(spec).errors().stream().filter(e -> Reasons.RESERVED_SECRET.equals(e.reason()))
                .forEach(e -> r.add(e.path(), e.reason(), e.message()));
        r.addAll(SecretReferences.opsJob(spec, tenantSecrets));
        if (!r.isValid()) {
            return r;
        }
        for (int i = 0; spec.credentials != null && i < spec.credentials.size(); i++) {
            String name = spec.credentials.get(i).secretName;
            Map<String, String> labels = live.apply(name).map(s -> s.getMetadata().getLabels()).orElse(null);
            if (labels != null && labels.containsKey(OpsgateApi.MANAGED_SECRET_LABEL)) {
                r.add("spec.credentials[" + i + "].secretName", Reasons.RESERVED_SECRET,
                        SecretReferences.refusal(name, "it carries the label " + OpsgateApi.MANAGED_SECRET_LABEL));
            }
        }
        return r;
    }
}
