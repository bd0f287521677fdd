package io.opsgate.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.tenant.model.DeploymentHardening;
import io.opsgate.operator.tenant.model.TenantDeploymentBuilder;
import io.opsgate.operator.tenant.model.Workload;

/**
 * The Deployment of one workload. The API server fills in many defaults, so the match accepts added
 * fields, except where they weaken the pod: {@link DeploymentHardening} must hold as well. Quantities
 * compare by value ({@link QuantityAlignment}).
 */
public final class DeploymentDependentResource extends TenantDependentResource<Deployment> {
    public DeploymentDependentResource(Workload workload) {
        super(Deployment.class, workload.objectName() + "-deployment", d -> TenantDeploymentBuilder.build(d, workload), false);
    }

    @Override
    public Matcher.Result<Deployment> match(Deployment actual, Deployment desired, Tenant primary, Context<Tenant> context) {
        Matcher.Result<Deployment> result = super.match(QuantityAlignment.alignedTo(desired, actual), desired, primary, context);
        if (result.matched() && !DeploymentHardening.holds(desired, actual)) {
            return Matcher.Result.computed(false, desired);
        }
        return result;
    }
}
