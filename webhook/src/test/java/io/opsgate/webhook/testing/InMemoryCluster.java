package io.opsgate.webhook.testing;

import io.fabric8.kubernetes.client.CustomResource;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.webhook.cluster.ClusterReadException;
import io.opsgate.webhook.cluster.ClusterReader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The cluster as the webhook sees it, held in memory; can be told to fail like an unreachable API server. */
public final class InMemoryCluster implements ClusterReader {

    private final List<Tenant> tenants = new CopyOnWriteArrayList<>();
    private final Map<String, List<OpsJob>> opsJobs = new HashMap<>();
    private final Map<String, List<AlertRule>> alertRules = new HashMap<>();
    private final Map<String, Long> counts = new HashMap<>();
    private volatile boolean unreachable;

    public synchronized InMemoryCluster tenant(Tenant t) {
        tenants.add(t);
        return this;
    }

    public synchronized InMemoryCluster opsJob(OpsJob j) {
        opsJobs.computeIfAbsent(j.getMetadata().getNamespace(), k -> new ArrayList<>()).add(j);
        return this;
    }

    public synchronized InMemoryCluster alertRule(AlertRule r) {
        alertRules.computeIfAbsent(r.getMetadata().getNamespace(), k -> new ArrayList<>()).add(r);
        return this;
    }

    public synchronized InMemoryCluster objects(Class<?> kind, String namespace, long n) {
        counts.put(kind.getSimpleName() + "/" + namespace, n);
        return this;
    }

    public synchronized void clear() {
        tenants.clear();
        opsJobs.clear();
        alertRules.clear();
        counts.clear();
        unreachable = false;
    }

    public void unreachable(boolean value) {
        unreachable = value;
    }

    @Override
    public List<Tenant> tenants() {
        reachable();
        return List.copyOf(tenants);
    }

    @Override
    public synchronized List<OpsJob> opsJobs(String namespace) {
        reachable();
        return List.copyOf(opsJobs.getOrDefault(namespace, List.of()));
    }

    @Override
    public synchronized List<AlertRule> alertRules(String namespace) {
        reachable();
        return List.copyOf(alertRules.getOrDefault(namespace, List.of()));
    }

    @Override
    public synchronized long count(Class<? extends CustomResource<?, ?>> kind, String namespace) {
        reachable();
        return counts.getOrDefault(kind.getSimpleName() + "/" + namespace, 0L);
    }

    private void reachable() {
        if (unreachable) {
            throw new ClusterReadException("connection refused", null);
        }
    }
}
