package io.opsgate.api.jobs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The job net of a run: the requested OpsJob and every job that transitively depends on it, in
 * dependency order (a job after all of its dependencies in the net; ties by name). The operator turns
 * it into Kubernetes Jobs, the standalone engine into local processes, so both walk the same order.
 * A pure function; callers pass the jobs of one namespace that are valid (the compiler already
 * refuses cycles, and a net that would still contain one is reported, not looped over).
 */
public final class JobNet {

    private final List<String> order;
    private final Map<String, List<String>> dependenciesInNet;

    private JobNet(List<String> order, Map<String, List<String>> dependenciesInNet) {
        this.order = List.copyOf(order);
        this.dependenciesInNet = Map.copyOf(dependenciesInNet);
    }

    /**
     * @param requested the job the run asks for
     * @param dependsOn every job of the namespace with its {@code spec.dependsOn}
     * @throws IllegalArgumentException when {@code requested} is unknown or the net has a cycle
     */
    public static JobNet of(String requested, Map<String, List<String>> dependsOn) {
        if (!dependsOn.containsKey(requested)) {
            throw new IllegalArgumentException("OpsJob \"" + requested + "\" does not exist");
        }
        Map<String, Set<String>> dependents = new HashMap<>();
        dependsOn.forEach((job, deps) -> {
            for (String d : deps == null ? List.<String>of() : deps) {
                dependents.computeIfAbsent(d, k -> new TreeSet<>()).add(job);
            }
        });
        Set<String> members = new HashSet<>();
        List<String> stack = new ArrayList<>(List.of(requested));
        while (!stack.isEmpty()) {
            String job = stack.remove(stack.size() - 1);
            if (members.add(job)) {
                stack.addAll(dependents.getOrDefault(job, Set.of()));
            }
        }
        Map<String, List<String>> inNet = new HashMap<>();
        for (String job : members) {
            List<String> deps = new ArrayList<>();
            if (!job.equals(requested)) {
                for (String d : dependsOn.getOrDefault(job, List.of())) {
                    if (members.contains(d)) {
                        deps.add(d);
                    }
                }
            }
            inNet.put(job, List.copyOf(deps));
        }
        // Kahn's algorithm, always taking the smallest ready name: a stable, readable order.
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        TreeSet<String> ready = new TreeSet<>();
        for (String job : members) {
            if (inNet.get(job).isEmpty()) {
                ready.add(job);
            }
        }
        while (!ready.isEmpty()) {
            String job = ready.pollFirst();
            order.add(job);
            done.add(job);
            for (String dependent : dependents.getOrDefault(job, Set.of())) {
                if (members.contains(dependent) && !done.contains(dependent) && done.containsAll(inNet.get(dependent))) {
                    ready.add(dependent);
                }
            }
        }
        if (order.size() != members.size()) {
            Set<String> stuck = new TreeSet<>(members);
            stuck.removeAll(done);
            throw new IllegalArgumentException("the job net of \"" + requested + "\" has a dependsOn cycle among "
                    + String.join(", ", stuck));
        }
        return new JobNet(order, inNet);
    }

    /** The jobs of the net in the order they may start; the requested job first. */
    public List<String> order() {
        return order;
    }

    /** The dependencies of {@code job} that are part of this net (the requested job has none: it runs first). */
    public List<String> dependenciesOf(String job) {
        return dependenciesInNet.getOrDefault(job, List.of());
    }

    /** Whether the net holds more than the requested job. */
    public boolean hasDependents() {
        return order.size() > 1;
    }
}
