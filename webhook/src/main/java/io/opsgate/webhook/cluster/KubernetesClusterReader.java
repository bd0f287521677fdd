package io.opsgate.webhook.cluster;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.Tenant;

import java.util.List;

/**
 * Reads the cluster through Fabric8's client (JDK HTTP client). Needs get and list on the opsgate
 * kinds it reads, nothing else (no Secrets); see the chart's opsgate-webhook ClusterRole.
 */
public final class KubernetesClusterReader implements ClusterReader {

    private final KubernetesClient client;

    /**
     * @param client a client whose request timeout stays within the API server's 10 seconds for the whole review
     */
    public KubernetesClusterReader(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public List<Tenant> tenants() {
        try {
            return client.resources(Tenant.class).list().getItems();
        } catch (KubernetesClientException e) {
            throw new ClusterReadException("cannot list Tenants: " + e.getMessage(), e);
        }
    }

    @Override
    public List<OpsJob> opsJobs(String namespace) {
        try {
            return client.resources(OpsJob.class).inNamespace(namespace).list().getItems();
        } catch (KubernetesClientException e) {
            throw new ClusterReadException("cannot list OpsJobs in " + namespace + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<AlertRule> alertRules(String namespace) {
        try {
            return client.resources(AlertRule.class).inNamespace(namespace).list().getItems();
        } catch (KubernetesClientException e) {
            throw new ClusterReadException("cannot list AlertRules in " + namespace + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long count(Class<? extends CustomResource<?, ?>> kind, String namespace) {
        return countOf(kind, namespace);
    }

    /** Asks for one item: the API server tells how many remain, so a count never lists them all. */
    private <T extends CustomResource<?, ?>> long countOf(Class<T> kind, String namespace) {
        try {
            KubernetesResourceList<T> page = client.resources(kind).inNamespace(namespace)
                    .list(new ListOptionsBuilder().withLimit(1L).build());
            Long remaining = page.getMetadata() == null ? null : page.getMetadata().getRemainingItemCount();
            String cont = page.getMetadata() == null ? null : page.getMetadata().getContinue();
            if (remaining != null) {
                return page.getItems().size() + remaining;
            }
            if (cont == null || cont.isEmpty()) {
                return page.getItems().size();
            }
            return client.resources(kind).inNamespace(namespace).list().getItems().size();
        } catch (KubernetesClientException e) {
            throw new ClusterReadException("cannot list " + kind.getSimpleName() + "s in " + namespace + ": "
                    + e.getMessage(), e);
        }
    }
}
