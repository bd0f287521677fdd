package io.opsgate.engine.tenant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.engine.alerting.RuleStats;
import io.opsgate.engine.kubernetes.KubernetesApi;
import io.opsgate.engine.kubernetes.KubernetesPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes each AlertRule's match counts ({@code status.hits}) and, for a rule in shadow, what it would have done
 * ({@code status.shadow}) with a JSON merge patch of the status subresource, which leaves the operator's conditions
 * alone. Batched so that an alert storm is no API storm: every {@code every} (30 s in a cluster) it reads the
 * tenant's counts on its lane and patches only the rules whose figures changed since their last write, each at
 * most once per {@code every}. A failed write is retried at the next round. Ingest only; standalone shows the same
 * figures on {@code GET /api/v1/rules}.
 */
public final class KubernetesRuleStatus implements TenantComponent, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesRuleStatus.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesApi api;
    private final Clock clock;
    private final long everyMillis;
    private final ScheduledExecutorService timer;
    /** Per "namespace/rule": what was last written and when; absent until the first write succeeds. */
    private final Map<String, Written> written = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    private record Written(String figures, long at) {
    }

    public KubernetesRuleStatus(KubernetesApi api, Clock clock, Duration every) {
        this.api = api;
        this.clock = clock;
        this.everyMillis = every.toMillis();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rule-status");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Part start(TenantRuntime tenant) {
        ScheduledFuture<?> task = timer.scheduleWithFixedDelay(() -> round(tenant), everyMillis, everyMillis,
                TimeUnit.MILLISECONDS);
        return why -> {
            task.cancel(false);
            String prefix = tenant.config().compiled.namespace + "/";
            written.keySet().removeIf(k -> k.startsWith(prefix));
        };
    }

    private void round(TenantRuntime tenant) {
        try {
            List<RuleStats> stats = tenant.lane().call(() -> tenant.engine().ruleStats()).get(everyMillis, TimeUnit.MILLISECONDS);
            publish(tenant.config().compiled.namespace, stats);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("rule counts of tenant {} not read: {}", tenant.name(), e.toString());
        }
    }

    /**
     * Patches the status of the rules of {@code namespace} whose figures differ from their last write, skipping a
     * rule written less than {@code every} ago or whose previous write is still under way.
     */
    public void publish(String namespace, List<RuleStats> stats) {
        long now = clock.millis();
        for (RuleStats s : stats) {
            String key = namespace + "/" + s.name();
            String figures = figures(s);
            Written last = written.get(key);
            if (last != null && (last.figures.equals(figures) || now - last.at < everyMillis)) {
                continue;
            }
            if (!inFlight.add(key)) {
                continue;
            }
            api.send("PATCH", KubernetesPaths.status(namespace, "alertrules", s.name()), KubernetesPaths.MERGE_PATCH,
                    patch(s, now)).whenComplete((r, failure) -> {
                        inFlight.remove(key);
                        if (failure == null && (r.ok() || r.status() == 404)) {
                            // 404: the AlertRule is gone from the cluster; the configuration follows soon.
                            written.put(key, new Written(figures, now));
                        } else if (failure != null) {
                            LOG.warn("status of AlertRule {} not written: {}", key, failure.getMessage());
                        } else {
                            LOG.warn("status of AlertRule {} not written: HTTP {} {}", key, r.status(),
                                    r.text().length() > 300 ? r.text().substring(0, 300) : r.text());
                        }
                    });
        }
    }

    /** The figures without the time they were taken: what decides whether a write is due. */
    private static String figures(RuleStats s) {
        return status(s, null).toString();
    }

    /**
     * {@code {"status": {"hits": {...}, "shadow": {...} or null}}}: null removes the shadow figures of a rule
     * switched to Enforce.
     */
    static byte[] patch(RuleStats s, long observedAt) {
        ObjectNode root = JSON.createObjectNode();
        root.set("status", status(s, observedAt));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode status(RuleStats s, Long observedAt) {
        ObjectNode status = JSON.createObjectNode();
        status.set("hits", JSON.valueToTree(s.hits(observedAt)));
        status.set("shadow", JSON.valueToTree(s.shadowStatus()));
        return status;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
