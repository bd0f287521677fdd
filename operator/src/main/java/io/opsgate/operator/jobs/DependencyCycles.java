package io.opsgate.operator.jobs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Finds a dependsOn cycle that passes through given jobs, as a readable path ("a -> b -> a"). A pure function. */
public final class DependencyCycles {

    private DependencyCycles() {
    }

    /**
     * @param dependsOn every job of the namespace with its {@code spec.dependsOn}
     * @param through   the jobs of interest (a run's net)
     */
    public static Optional<String> through(Map<String, List<String>> dependsOn, Collection<String> through) {
        Set<String> done = new HashSet<>();
        for (String start : new TreeSet<>(through)) {
            List<String> path = new ArrayList<>();
            Optional<String> cycle = visit(start, dependsOn, path, new HashSet<>(), done);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    /** The job and every job that depends on it, directly or not: the jobs a run of it may start. */
    public static Set<String> downstreamOf(String job, Map<String, List<String>> dependsOn) {
        Set<String> net = new TreeSet<>();
        List<String> todo = new ArrayList<>(List.of(job));
        while (!todo.isEmpty()) {
            String j = todo.remove(todo.size() - 1);
            if (net.add(j)) {
                dependsOn.forEach((other, deps) -> {
                    if (deps != null && deps.contains(j)) {
                        todo.add(other);
                    }
                });
            }
        }
        return net;
    }

    private static Optional<String> visit(String job, Map<String, List<String>> dependsOn, List<String> path,
                                          Set<String> onPath, Set<String> done) {
        if (onPath.contains(job)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(job), path.size()));
            cycle.add(job);
            return Optional.of(String.join(" -> ", cycle));
        }
        if (!done.add(job)) {
            return Optional.empty();
        }
        path.add(job);
        onPath.add(job);
        for (String dep : new TreeSet<>(dependsOn.getOrDefault(job, List.of()))) {
            Optional<String> found = visit(dep, dependsOn, path, onPath, done);
            if (found.isPresent()) {
                return found;
            }
        }
        onPath.remove(job);
        path.remove(path.size() - 1);
        return Optional.empty();
    }
}
