package io.opsgate.webhook.cluster;

import io.fabric8.kubernetes.client.CustomResource;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.Tenant;

import java.util.List;

/**
 * What the webhook reads from the cluster to judge an object against its neighbours. Read-only by
 * design; tests replace it with an in-memory fake.
 *
 * <p>Every method throws {@link ClusterReadException} when the API server cannot be asked.
 */
public interface ClusterReader {

    /** Every Tenant. */
    List<Tenant> tenants();

    /** The OpsJobs of a namespace. */
    List<OpsJob> opsJobs(String namespace);

    /** The AlertRules of a namespace. */
    List<AlertRule> alertRules(String namespace);

    /** How many objects of this kind a namespace holds. */
    long count(Class<? extends CustomResource<?, ?>> kind, String namespace);
}
