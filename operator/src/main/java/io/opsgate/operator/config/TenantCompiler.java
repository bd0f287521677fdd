package io.opsgate.operator.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.opsgate.api.config.Compilation;
import io.opsgate.api.config.ConfigCompiler;
import io.opsgate.api.config.TenantResources;
import io.opsgate.api.config.TokenEntry;
import io.opsgate.api.defaults.Defaults;
import io.opsgate.api.egress.EgressGuard;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.AlertSource;
import io.opsgate.api.v1alpha1.Monitor;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.v1alpha1.TenantSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Compiles one tenant namespace with {@link ConfigCompiler}, on copies with {@link Defaults} applied,
 * so that a field left out means the same in the operator, the webhook and the engine.
 *
 * <p>Reconcilers of sibling objects in one namespace ask for the same compilation in quick succession;
 * the result is kept per namespace until any input's resourceVersion changes, so a burst of
 * reconciles compiles once.
 */
public final class TenantCompiler {

    private static final ObjectMapper COPIER = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .build();

    private final Map<String, Memo> memo = new ConcurrentHashMap<>();
    private final EgressGuard guard;

    private record Memo(String fingerprint, Compilation compilation) {
    }

    /** @param guard the cluster's networks (setting {@code OPSGATE_CLUSTER_NETWORKS}), guarded in every tenant */
    public TenantCompiler(EgressGuard guard) {
        this.guard = guard;
    }

    /** Compiles, or returns the compilation of identical inputs. */
    public Compilation compile(Tenant tenant, NamespaceObjects objects) {
        String namespace = tenant.namespaceName();
        String fingerprint = fingerprint(tenant, objects);
        Memo known = memo.get(namespace);
        if (known != null && known.fingerprint().equals(fingerprint)) {
            return known.compilation();
        }
        Compilation compilation = compileUncached(tenant, objects, guard);
        memo.put(namespace, new Memo(fingerprint, compilation));
        return compilation;
    }

    /** Drops what is remembered for a namespace (its tenant is gone). */
    public void forget(String namespace) {
        memo.remove(namespace);
    }

    /** The compilation without memo; a pure function of its inputs. */
    public static Compilation compileUncached(Tenant tenant, NamespaceObjects objects, EgressGuard guard) {
        Tenant t = new Tenant();
        t.setMetadata(tenant.getMetadata());
        t.setSpec(defaultedSpec(tenant));
        return ConfigCompiler.compile(new TenantResources(t,
                copies(objects.alertRules(), AlertRule.class, r -> Defaults.alertRule(r.getSpec())),
                copies(objects.monitors(), Monitor.class, m -> Defaults.monitor(m.getSpec())),
                copies(objects.notificationChannels(), NotificationChannel.class,
                        c -> Defaults.notificationChannel(c.getSpec())),
                copies(objects.opsJobs(), OpsJob.class, j -> Defaults.opsJob(j.getSpec())),
                copies(objects.alertSources(), AlertSource.class, s -> Defaults.alertSource(s.getSpec())),
                objects.tokens()), guard);
    }

    /** A copy of the tenant's spec with every default filled in; the input is not changed. */
    public static TenantSpec defaultedSpec(Tenant tenant) {
        TenantSpec copy = tenant.getSpec() == null ? new TenantSpec() : COPIER.convertValue(tenant.getSpec(), TenantSpec.class);
        return Defaults.tenant(copy);
    }

    /** Deep copies (the informer cache's objects must not change) with defaults applied to each spec. */
    private static <T extends CustomResource<?, ?>> List<T> copies(List<T> objects, Class<T> type, Consumer<T> defaults) {
        List<T> result = new ArrayList<>(objects.size());
        for (T o : objects) {
            T copy = COPIER.convertValue(o, type);
            copy.setMetadata(o.getMetadata());
            if (copy.getSpec() != null) {
                defaults.accept(copy);
            }
            result.add(copy);
        }
        return result;
    }

    private static String fingerprint(Tenant tenant, NamespaceObjects objects) {
        StringBuilder sb = new StringBuilder();
        append(sb, tenant);
        for (List<? extends HasMetadata> list : List.of(objects.alertRules(), objects.monitors(),
                objects.notificationChannels(), objects.opsJobs(), objects.alertSources())) {
            list.stream().sorted(Comparator.comparing((HasMetadata o) -> o.getMetadata().getName()))
                    .forEach(o -> append(sb, o));
        }
        for (TokenEntry token : objects.tokens()) {
            sb.append("token:").append(token.name).append(':').append(token.sha256).append('\n');
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, HasMetadata o) {
        sb.append(o.getKind()).append('/').append(o.getMetadata().getName()).append('@')
                .append(o.getMetadata().getUid()).append(':').append(o.getMetadata().getResourceVersion())
                .append(':').append(o.getMetadata().getGeneration()).append('\n');
    }
}
