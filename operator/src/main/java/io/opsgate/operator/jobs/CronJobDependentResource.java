package io.opsgate.operator.jobs;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.operator.tenant.model.DeploymentHardening;

/**
 * The CronJob of a scheduled OpsJob, owned by it. JOSDK's default matcher accepts fields added to the
 * live CronJob (the API server adds defaults); the pod's security-relevant parts are compared exactly on
 * top, so a privileged container or a foreign volume added by hand is removed. A standalone dependent:
 * {@link OpsJobReconciler} gives it its informer (tenant namespaces only) and decides when it exists.
 */
public final class CronJobDependentResource extends CRUDKubernetesDependentResource<CronJob, OpsJob> {

    public CronJobDependentResource() {
        super(CronJob.class);
    }

    @Override
    protected CronJob desired(OpsJob primary, Context<OpsJob> context) {
        return CronJobBuilder.build(primary);
    }

    /** By name, not from desired(): a job whose schedule was removed has no desired CronJob, only one to delete. */
    @Override
    protected ResourceID targetSecondaryResourceID(OpsJob primary, Context<OpsJob> context) {
        return new ResourceID(JobNames.cronJob(primary.getMetadata().getName()), primary.getMetadata().getNamespace());
    }

    @Override
    public Matcher.Result<CronJob> match(CronJob actual, CronJob desired, OpsJob primary, Context<OpsJob> context) {
        Matcher.Result<CronJob> result = super.match(actual, desired, primary, context);
        return result.matched() && DeploymentHardening.holds(pod(desired), pod(actual)) ? result
                : Matcher.Result.computed(false, desired);
    }

    private static PodSpec pod(CronJob c) {
        if (c.getSpec() == null || c.getSpec().getJobTemplate() == null || c.getSpec().getJobTemplate().getSpec() == null
                || c.getSpec().getJobTemplate().getSpec().getTemplate() == null) {
            return null;
        }
        return c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    }
}
