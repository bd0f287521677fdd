package io.opsgate.operator.common;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The tenant namespaces the operator manages right now: each held by its Tenant and carrying the
 * operator's RoleBinding, which is where all the operator's rights inside a namespace come from. The
 * informers of namespaced objects (Secrets, Deployments, Jobs, ...) follow this set instead of watching
 * the whole cluster, for which the operator has no rights (docs/operator.md, "RBAC"). The Tenant
 * reconciler adds a namespace once its RoleBinding exists and removes it before the namespace or the
 * binding goes; one instance is shared by every controller.
 */
public final class TenantNamespaces {

    /** Something that watches exactly the namespaces of this set, such as a controller's informers. */
    public interface Follower {
        /** The set changed to {@code namespaces}; {@code added} are new in it. Called under this set's lock. */
        void follow(Set<String> namespaces, Set<String> added);
    }

    /**
     * Starting a namespace's watches waits for each informer's first list: done for all informers at once,
     * not one after the other, so a hundred new namespaces do not queue behind each other's watches.
     */
    private static final ExecutorService WATCH_CHANGES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "opsgate-namespace-watches");
        t.setDaemon(true);
        return t;
    });

    private final Map<String, String> tenantByNamespace = new TreeMap<>();
    private final List<Follower> followers = new CopyOnWriteArrayList<>();

    /** Adds the namespace of {@code tenant}; the followers start watching it before this returns. */
    public synchronized void add(String namespace, String tenant) {
        String before = tenantByNamespace.put(namespace, tenant);
        if (before == null) {
            Set<String> now = namespaces();
            inParallel(followers, f -> f.follow(now, Set.of(namespace)));
        }
    }

    /** Removes a namespace; the followers stop watching it before this returns. */
    public synchronized void remove(String namespace) {
        if (tenantByNamespace.remove(namespace) != null) {
            Set<String> now = namespaces();
            inParallel(followers, f -> f.follow(now, Set.of()));
        }
    }

    public synchronized boolean contains(String namespace) {
        return tenantByNamespace.containsKey(namespace);
    }

    /** The Tenant that holds {@code namespace}, if the operator manages it. */
    public synchronized Optional<String> tenantOf(String namespace) {
        return Optional.ofNullable(tenantByNamespace.get(namespace));
    }

    public synchronized Set<String> namespaces() {
        return new TreeSet<>(tenantByNamespace.keySet());
    }

    /** Keeps {@code follower} informed of every change from now on. */
    public void follow(Follower follower) {
        followers.add(follower);
    }

    /** Runs {@code action} with the current set while it cannot change. */
    public synchronized void whileUnchanged(Consumer<Set<String>> action) {
        action.accept(namespaces());
    }

    /** Runs {@code action} on every element at once and returns when all are done; the first failure is thrown. */
    static <T> void inParallel(List<T> elements, Consumer<T> action) {
        CompletableFuture.allOf(elements.stream()
                .map(e -> CompletableFuture.runAsync(() -> action.accept(e), WATCH_CHANGES))
                .toArray(CompletableFuture[]::new)).join();
    }
}
