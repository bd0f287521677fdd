package io.opsgate.webhook.cluster;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.Tenant;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the cluster through Fabric8's client (JDK HTTP client). Needs get and list on the opsgate
 * kinds it reads and get on Secrets; see the chart's opsgate-webhook ClusterRole.
 */
public final class KubernetesClusterReader implements ClusterReader {

    /** Asks for the Secret's metadata only, so the webhook never holds a credential in memory. */
    static final String METADATA_ONLY =
            "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";

    private final KubernetesClient client;
    private final Duration timeout;

    /**
     * @param timeout how long one request may take; the API server gives the whole review 10 seconds
     */
    public KubernetesClusterReader(KubernetesClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
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

    @Override
    public boolean secretExists(String namespace, String name) {
        String url = stripSlash(client.getMasterUrl().toString()) + "/api/v1/namespaces/" + encode(namespace)
                + "/secrets/" + encode(name);
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
                .uri(url)
                .setHeader("Accept", METADATA_ONLY)
                .build();
        HttpResponse<String> response;
        try {
            response = client.getHttpClient().sendAsync(request, String.class)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterReadException("interrupted while reading Secret " + namespace + "/" + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ClusterReadException("cannot read Secret " + namespace + "/" + name + ": " + e, e);
        }
        return switch (response.code()) {
            case 200 -> true;
            case 404 -> false;
            default -> throw new ClusterReadException("cannot read Secret " + namespace + "/" + name
                    + ": the API server answered " + response.code(), null);
        };
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
